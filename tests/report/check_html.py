#!/usr/bin/env python3
"""Check a report page with a strict HTML parser.

usage: check_html.py PAGE [--text TEXT]... [--result RESULT.json] [--label LABEL]...

Fails (exit 1, one line per problem) unless:
- every tag is one the report uses, every element is closed in order, and
  there is no comment, processing instruction or other declaration than
  <!DOCTYPE html>;
- there is no script, no event handler attribute, no style attribute, and
  no URL: a link is an in-page "#id" naming an element of the page, and the
  one <style> in <head> has no url(), @import, "http:", "https:" or "//";
- each --text TEXT is the whole text of one element (so a name like
  "<script>alert(1)</script>" was written as text, not as markup);
- with --result (the first result shown): the summary shows "ASSIGNED /
  STUDENTS"; the ideas list every assigned student; the unassigned table has
  one row per unassigned student, each named; the mentor table has one row
  per mentor of the result;
- each --label is a column of the comparison.
"""
import argparse
import json
import sys
from html.parser import HTMLParser

TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "nav", "a", "main",
    "footer", "h1", "h2", "p", "div", "span", "b", "code", "bdi", "table", "thead",
    "tbody", "tr", "th", "td", "ul", "li", "br",
    # inline SVG
    "svg", "rect", "line", "text", "tspan",
}
VOID = {"meta", "br"}
SVG_EMPTY = {"rect", "line"}
ATTRS = {
    "class", "id", "lang", "charset", "name", "content", "href", "dir", "role",
    "aria-label", "aria-hidden", "colspan", "data-label", "width", "height",
    "viewbox", "preserveaspectratio", "x", "y", "x1", "y1", "x2", "y2", "fill",
    "stroke", "stroke-width", "text-anchor",
}
URL_MARKS = ("http:", "https:", "//", "url(", "@import", "javascript:")


class StrictParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.stack = []
        self.texts = []          # (section, text of one element)
        self.section = None      # the id of the last <h2>
        self.rows = {}           # section -> <tr> count inside <tbody>
        self.ids, self.links = set(), []
        self.styles = 0
        self.pending = []        # text of the element being read

    def fail(self, message):
        line, col = self.getpos()
        self.problems.append("%d:%d: %s" % (line, col + 1, message))

    def flush_text(self):
        text = "".join(self.pending)
        if text.strip():
            self.texts.append((self.section, text))
        self.pending = []

    def check_attrs(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name not in ATTRS:
                self.fail("<%s> has attribute %r, which the report never writes" % (tag, name))
            if name == "href":
                if not value.startswith("#"):
                    self.fail("link to %r: only in-page links are allowed" % value)
                self.links.append(value[1:])
            elif name not in ("aria-label", "content") and any(m in value for m in URL_MARKS):
                self.fail("<%s %s=%r> looks like a URL" % (tag, name, value))
            if name == "id":
                self.ids.add(value)

    def handle_starttag(self, tag, attrs):
        self.flush_text()
        if tag not in TAGS:
            self.fail("unknown or forbidden tag <%s>" % tag)
        self.check_attrs(tag, attrs)
        if tag == "style":
            self.styles += 1
            if self.stack != ["html", "head"]:
                self.fail("<style> outside <head>")
        if tag == "h2":
            self.section = dict(attrs).get("id")
        if tag == "tr" and "tbody" in self.stack:
            self.rows[self.section] = self.rows.get(self.section, 0) + 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag not in SVG_EMPTY:
            self.fail("<%s/>: only SVG shapes may close themselves" % tag)
        self.flush_text()
        self.check_attrs(tag, attrs)

    def handle_endtag(self, tag):
        self.flush_text()
        if tag in VOID:
            self.fail("</%s>: a void element has no end tag" % tag)
        elif not self.stack or self.stack[-1] != tag:
            self.fail("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            for mark in URL_MARKS:
                if mark in data:
                    self.fail("the style sheet has %r" % mark)
        self.pending.append(data)

    def handle_comment(self, data):
        self.fail("a comment: <!--%s-->" % data[:40])

    def handle_decl(self, decl):
        if decl.lower() != "doctype html":
            self.fail("declaration <!%s>" % decl)

    def handle_pi(self, data):
        self.fail("processing instruction <?%s>" % data[:40])

    def unknown_decl(self, data):
        self.fail("declaration <![%s>" % data[:40])

    def finish(self):
        self.close()
        self.flush_text()
        if self.stack:
            self.fail("unclosed at the end: " + " ".join("<%s>" % t for t in self.stack))
        if self.styles != 1:
            self.fail("%d <style> elements, expected 1" % self.styles)
        for link in self.links:
            if link not in self.ids:
                self.fail("link to #%s, which no element has as id" % link)


def texts_of(parser, section):
    return [t for s, t in parser.texts if s == section]


def check_result(parser, result, problems):
    metrics = result["metrics"]
    assigned = len(result["assignments"])
    students = assigned + len(result["unassigned"])
    if "%d / %d" % (assigned, students) not in texts_of(parser, "summary"):
        problems.append("summary: no card shows %d / %d students" % (assigned, students))
    ideas = set(texts_of(parser, "ideas"))
    for a in result["assignments"]:
        if a["student"] not in ideas:
            problems.append("ideas: assigned student %r is not listed" % a["student"])
    unassigned = set(texts_of(parser, "unassigned"))
    rows = parser.rows.get("unassigned", 0)
    if rows != metrics["unassigned"]:
        problems.append("unassigned: %d rows, the result has %d" % (rows, metrics["unassigned"]))
    for u in result["unassigned"]:
        if u["student"] not in unassigned:
            problems.append("unassigned: student %r is not listed" % u["student"])
        if u["reason"] not in unassigned:
            problems.append("unassigned: the reason of %r is not shown" % u["student"])
    if parser.rows.get("mentors", 0) != len(result["mentors"]):
        problems.append("mentors: %d rows, the result has %d mentors"
                        % (parser.rows.get("mentors", 0), len(result["mentors"])))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("--text", action="append", default=[])
    ap.add_argument("--result")
    ap.add_argument("--label", action="append", default=[])
    args = ap.parse_args()

    with open(args.page, encoding="utf-8") as f:
        html = f.read()
    parser = StrictParser()
    parser.feed(html)
    parser.finish()
    problems = parser.problems
    if "<script" in html.lower():
        problems.append("the page holds '<script' as markup")
    every_text = {t for _, t in parser.texts}
    for text in args.text:
        if text not in every_text:
            near = [t for t in every_text if text[:6] in t][:3]
            problems.append("no element has the text %r (near: %r)" % (text, near))
    if args.result:
        with open(args.result, encoding="utf-8") as f:
            check_result(parser, json.load(f), problems)
    columns = set(texts_of(parser, "comparison"))
    for label in args.label:
        if label not in columns:
            problems.append("comparison: no column %r" % label)
    for p in problems:
        print("%s: %s" % (args.page, p))
    if not problems:
        print("%s: strict parse ok: %d elements of text, %d links, %d rows"
              % (args.page, len(parser.texts), len(parser.links), sum(parser.rows.values())))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
