#!/usr/bin/env python3
"""The privacy rule of mentor pages (docs/commands.md, "preview"), checked.

usage: privacy.py MENTORMATCH WORKDIR

Generates an instance (several orgs, co-mentored ideas), gives every rating
a distinctive value that appears nowhere else (x.xxx7), writes the pages of
every mentor with `preview --all` as JSON and as HTML, and checks each page:
- no rating given to an application outside the mentor's ideas appears as a
  number anywhere in it (JSON or HTML text);
- every student id in it applied to one of the mentor's ideas;
- the JSON lists exactly the mentor's ideas, each with exactly its
  applicants, and names another idea only as a destination (elsewhere,
  goes_to);
- every rating of those applications is shown (co-mentors' included).
Then the checker itself: mentor A's page checked as if it were mentor B's
(B sharing no idea with A) must fail. Prints "ok N - ..." per check.
"""
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

BIN, WORK = sys.argv[1], sys.argv[2]
NUMBER = re.compile(r"(?<![\w.])-?\d+\.\d+(?:[eE][-+]?\d+)?")
WORD = re.compile(r"[A-Za-z0-9_.-]+")
count = 0


def ok(what):
    global count
    count += 1
    print("ok %d - %s" % (count, what))


def fail(what):
    print("FAIL %s" % what)
    sys.exit(1)


def run(*args):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if p.returncode != 0:
        fail("mentormatch %s: exit %d\n%s" % (" ".join(args), p.returncode, p.stderr))
    return p.stdout


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):  # attribute text counts too
        self.parts.extend(v for _, v in attrs if v)


def html_text(path):
    t = Text()
    t.feed(open(path, encoding="utf-8").read())
    return " ".join(t.parts)


def instance():
    doc = json.loads(run("generate", "--students", "80", "--ideas", "24", "--mentors", "14",
                         "--orgs", "3", "--multi-mentor", "0.6", "--rating-density", "0.9",
                         "--seed", "5"))
    values = set()
    for k, r in enumerate(doc["ratings"]):
        v = round(1 + ((k * 0.0371) % 3.99), 3) + 0.0007   # distinctive: ends in 7
        v = float("%.4f" % v)
        assert v not in values and 1 <= v <= 5, v
        values.add(v)
        r["score"] = v
    path = os.path.join(WORK, "private.json")
    json.dump(doc, open(path, "w"))
    return doc, path


def allowed_of(doc, mentor):
    ideas = {i["id"] for i in doc["ideas"] if mentor in i["mentors"]}
    students = {s["id"] for s in doc["students"]
                if any(a["idea"] in ideas for a in s["applications"])}
    apps = {(s["id"], a["idea"]) for s in doc["students"] for a in s["applications"]
            if a["idea"] in ideas}
    inside = {r["score"] for r in doc["ratings"] if (r["student"], r["idea"]) in apps}
    outside = {r["score"] for r in doc["ratings"] if (r["student"], r["idea"]) not in apps}
    return ideas, students, apps, inside, outside - inside


def problems_of(doc, mentor, page_json, page_html):
    ideas, students, apps, inside, outside = allowed_of(doc, mentor)
    all_students = {s["id"] for s in doc["students"]}
    all_ideas = {i["id"] for i in doc["ideas"]}
    found = []
    for kind, text in (("json", open(page_json, encoding="utf-8").read()),
                       ("html", html_text(page_html))):
        for token in NUMBER.findall(text):
            if float(token) in outside:
                found.append("%s: rating %s of an application outside the mentor's ideas"
                             % (kind, token))
        for word in set(WORD.findall(text)):
            if word in all_students and word not in students:
                found.append("%s: student %s, who applied to none of the mentor's ideas"
                             % (kind, word))
    page = json.load(open(page_json, encoding="utf-8"))
    if {i["id"] for i in page["ideas"]} != ideas:
        found.append("json: ideas %r, the mentor mentors %r"
                     % (sorted(i["id"] for i in page["ideas"]), sorted(ideas)))
    for idea in page["ideas"]:
        shown = {(a["student"], idea["id"]) for a in idea["applicants"]}
        want = {p for p in apps if p[1] == idea["id"]}
        if shown != want:
            found.append("json: %s lists %r, its applicants are %r"
                         % (idea["id"], sorted(shown), sorted(want)))
        for a in idea["applicants"]:
            rated = {r["mentor"]: r["score"] for r in doc["ratings"]
                     if r["student"] == a["student"] and r["idea"] == idea["id"]}
            if a["ratings"] != rated:
                found.append("json: %s at %s shows ratings %r, given %r"
                             % (a["student"], idea["id"], a["ratings"], rated))
            for d in a["elsewhere"]:
                if d["idea"] not in all_ideas:
                    found.append("json: unknown destination %r" % d["idea"])
    # Another idea's id may appear only as a destination.
    def walk(node, key):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and node in all_ideas - ideas and key not in ("idea", "goes_to"):
            found.append("json: idea %s outside the mentor's, under %r" % (node, key))
    walk(page, None)
    return found


def main():
    os.makedirs(WORK, exist_ok=True)
    doc, path = instance()
    ok("an instance of %d students, %d mentors, %d ratings, each rating distinct"
       % (len(doc["students"]), len(doc["mentors"]), len(doc["ratings"])))
    jdir, hdir = os.path.join(WORK, "json"), os.path.join(WORK, "html")
    run("preview", path, "--all", "-o", jdir, "--format", "json", "--samples", "40", "-q")
    run("preview", path, "--all", "-o", hdir, "--samples", "40", "-q")
    mentors = [m["id"] for m in doc["mentors"]]
    index = json.load(open(os.path.join(jdir, "index.json")))
    if sorted(r["mentor"] for r in index["mentors"]) != sorted(mentors):
        fail("index.json lists %r" % [r["mentor"] for r in index["mentors"]])
    ok("index.json has a row per mentor")
    for m in mentors:
        found = problems_of(doc, m, os.path.join(jdir, m + ".json"), os.path.join(hdir, m + ".html"))
        if found:
            fail("page of %s:\n  %s" % (m, "\n  ".join(found[:10])))
    ok("%d mentors' pages (JSON and HTML): no rating from outside their ideas, no student "
       "who did not apply to them, other ideas only as destinations, every rating of their "
       "applications shown" % len(mentors))
    # The checker must catch a page shown to the wrong mentor.
    mine = {m: allowed_of(doc, m)[0] for m in mentors}
    pair = next(((a, b) for a in mentors for b in mentors
                 if a != b and mine[a] and mine[b] and not mine[a] & mine[b]), None)
    if not pair:
        fail("no two mentors without a shared idea in the instance")
    a, b = pair
    found = problems_of(doc, b, os.path.join(jdir, a + ".json"), os.path.join(hdir, a + ".html"))
    if not any("rating" in f for f in found) or not any("student" in f for f in found):
        fail("the checker did not flag %s's page checked as %s's: %r" % (a, b, found[:4]))
    ok("the checker flags %s's page read as %s's (ratings and students outside)" % (a, b))


main()
