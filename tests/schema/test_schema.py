#!/usr/bin/env python3
"""The JSON Schema of the input document against the real reader.

    test_schema.py GROUP SCHEMA MENTORMATCH REPO [BAD_INPUT_DIR]

GROUP is one of:
  valid    the examples, `mentormatch generate` output and the input documents
           shown in docs/*.md, README.md and the man page: the schema accepts
           each, and so does `mentormatch check --strict`.
  probe    a valid document that uses every key, changed in one place at a
           time: every value replaced by each of PROBE_VALUES (every JSON type,
           numbers at and past each range's ends), every key removed, an
           unknown key added; compared as corpus and bad are.
  corpus   every document of tests/cases/input and tests/schema/cases.
  bad      every document of the generated bad-input corpus, BAD_INPUT_DIR.
           Each is validated against the schema and checked with
           `mentormatch check --strict`, and the two must agree place by
           place: every schema error lies at or below a place the reader
           names, and every error the reader reports has a schema error at or
           below its place, unless it breaks a rule between records
           (CROSS_RECORD_RULES), which no schema can express. Documents the
           reader rejects as JSON syntax are outside a schema's reach.

The schema closes objects to unknown keys, so it is compared with --strict
(docs/input-format.md, "The JSON Schema"). Needs jsonschema >= 4 (Debian's
python3-jsonschema); exits 1 with a message when it is missing.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    from jsonschema import Draft202012Validator
except ImportError:
    sys.exit("test_schema: python3-jsonschema is missing (sh scripts/setup.sh --test installs it)")

# Rules between records, by the reader's message: (rule, regex on the line).
CROSS_RECORD_RULES = [
    ("references name existing ids", r": unknown (org|mentor|idea|student) \""),
    ("ids are unique within their kind", r": duplicate (org|mentor|idea|student|quota) id \""),
    ("min_load <= capacity", r"\.min_load: min_load -?\d+ exceeds capacity \d+$"),
    ("one application per idea", r"\.idea: applies to idea \".*\" again \(first at "),
    ("ranks are unique within a student", r"\.rank: rank \d+ given twice "),
    ("ranks for all applications or none", r": rank missing: the student ranks other"),
    ("lo < hi in rating_scale", r"settings\.rating_scale: the lowest score must be below"),
    ("default_rating within rating_scale", r"settings\.default_rating: must be in \["),
    ("scores within rating_scale", r"\.score: score .* is outside the rating scale"),
    ("one rating per mentor and application", r": mentor \".*\" already rated this application"),
    ("a fixed pair is an application", r"fixed\[\d+\]: student \".*\" did not apply to idea"),
    ("a pair is fixed once", r"fixed\[\d+\]: this pair is already fixed"),
    ("a pair is not fixed and forbidden", r"forbidden\[\d+\]: this pair is also fixed"),
    ("a fixed mentor is one of the idea's", r"\.mentor: mentor \".*\" is not a mentor of idea"),
    ("a fixed mentor is not in conflict", r"\.mentor: mentor \".*\" is in conflict with student"),
    ("a quota's min <= max", r"quotas\[\d+\]\.min: min \d+ exceeds max \d+$"),
    ("skill names ignore ASCII case", r": skill named twice \(names ignore ASCII case\)$"),
]

PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def place_text(path):
    """A path as the reader writes it (src/jpath.c)."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += "[%d]" % step
        elif PLAIN_KEY.fullmatch(step):
            out += ("." if out else "") + step
        else:
            quoted = "".join("\\" + c if c in '"\\' else "\\u%04x" % ord(c) if ord(c) < 0x20
                             else c for c in step)
            out += '["' + quoted + '"]'
    return out or "(root)"


def schema_error_paths(validator, doc):
    """The place of each schema error, made as precise as the reader's:
    a missing key, an unknown key or a repeated item is placed at that key
    or item rather than at the object or array holding it."""
    paths = []
    for error in validator.iter_errors(doc):
        path = tuple(error.absolute_path)
        if error.validator == "required":
            paths += [path + (k,) for k in error.validator_value if k not in error.instance]
        elif error.validator == "additionalProperties":
            known = error.schema.get("properties", {})
            paths += [path + (k,) for k in error.instance if k not in known]
        elif error.validator == "uniqueItems":
            seen = []
            for i, item in enumerate(error.instance):
                if item in seen:
                    paths.append(path + (i,))
                seen.append(item)
        else:
            paths.append(path)
    return paths


def check_strict(mentormatch, path):
    """Run the reader. @return (exit code, error lines, syntax error?)."""
    run = subprocess.run([mentormatch, "check", "--strict", path], capture_output=True,
                         timeout=60)
    lines = run.stderr.decode("utf-8", "surrogateescape").splitlines()
    errors = [l for l in lines if l.startswith(path + ": ") and ": warning: " not in l]
    syntax = any(re.match(re.escape(path) + r":\d+:\d+: ", l) for l in lines)
    return run.returncode, errors, syntax


def reject_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate key")
    return dict(pairs)


def reject_constant(name):
    raise ValueError("%s is not JSON" % name)


def load(path):
    """@return the document, or None when it is not JSON as jansson reads it:
    Python's reader also refuses duplicate keys, NaN and Infinity here."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f, object_pairs_hook=reject_duplicates,
                             parse_constant=reject_constant)
    except (ValueError, RecursionError):
        return None


class Checker:
    def __init__(self, schema_path, mentormatch):
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
        self.validator = Draft202012Validator(schema)
        self.mentormatch = mentormatch
        self.failures = []
        self.labels = {}  # file -> what to call it in a failure
        self.rules_seen = set()
        self.counts = {"accepted": 0, "rejected by both": 0, "syntax": 0,
                       "cross-record only": 0}

    def fail(self, path, why):
        self.failures.append("%s: %s" % (self.labels.get(path, path), why))

    def valid(self, path):
        """A document that must pass both the schema and the reader."""
        doc = load(path)
        if doc is None:
            return self.fail(path, "not JSON")
        for p in schema_error_paths(self.validator, doc):
            self.fail(path, "schema rejects it at " + place_text(p))
        code, errors, _ = check_strict(self.mentormatch, path)
        if code != 0:
            self.fail(path, "mentormatch check --strict exits %d: %s" % (code, errors[:3]))
        self.counts["accepted"] += 1

    def compare(self, path):
        """A document of the corpus: schema and reader agree, place by place."""
        code, errors, syntax = check_strict(self.mentormatch, path)
        if code not in (0, 1):
            return self.fail(path, "mentormatch check --strict exits %d" % code)
        if syntax:
            self.counts["syntax"] += 1
            return
        doc = load(path)
        if doc is None:
            return self.fail(path, "Python cannot read it, but mentormatch reads it")
        schema_paths = schema_error_paths(self.validator, doc)
        prefix = path + ": "

        def reader_names(p):  # does the reader report an error at p or above it?
            return any(l.startswith(prefix + place_text(p[:n]) + ": ")
                       for n in range(len(p) + 1) for l in errors)

        for p in schema_paths:
            if not reader_names(p):
                self.fail(path, "the schema rejects %s, mentormatch accepts it" % place_text(p))
        cross_only = bool(errors)
        for line in errors:
            if any(line.startswith(prefix + place_text(p[:n]) + ": ")
                   for p in schema_paths for n in range(len(p) + 1)):
                cross_only = False
                continue
            rule = next((name for name, rx in CROSS_RECORD_RULES if re.search(rx, line)), None)
            if rule is None:
                self.fail(path, "the schema accepts what mentormatch rejects: " + line[len(prefix):])
            self.rules_seen.add(rule)
        if code == 0 and not errors:
            self.counts["accepted"] += 1
        elif cross_only:
            self.counts["cross-record only"] += 1
        else:
            self.counts["rejected by both"] += 1

    def finish(self, what):
        for f in self.failures:
            print("FAIL", f)
        print("%s: %s" % (what, ", ".join("%s %d" % kv for kv in self.counts.items())))
        return 1 if self.failures else 0


def doc_blocks(repo):
    """Input documents shown in the docs (```json blocks of docs/*.md and
    README.md, .EX blocks of the man page) that hold "students"."""
    sources = sorted(glob.glob(os.path.join(repo, "docs", "*.md"))) + \
        [os.path.join(repo, "README.md"), os.path.join(repo, "mentormatch.1")]
    for source in sources:
        with open(source, encoding="utf-8") as f:
            text = f.read()
        if source.endswith(".1"):
            blocks = [b.replace("\\-", "-")
                      for b in re.findall(r"^\.EX\n(.*?)^\.EE", text, re.S | re.M)]
        else:
            blocks = re.findall(r"```json\n(.*?)```", text, re.S)
        for block in blocks:
            try:
                doc = json.loads(block)
            except ValueError:
                continue
            if isinstance(doc, dict) and "students" in doc:
                yield os.path.basename(source), block


# A valid document that uses every key, for the probe group.
PROBE_BASE = {
    "program": {"name": "p", "slots": 3},
    "settings": {"weights": {"rating": 1, "preference": 1, "skill": 1, "impact": 0.5},
                 "objective": "score", "rating_scale": [1, 5], "default_rating": 3,
                 "min_rating": 1, "min_skill": 0.25, "max_rank": 3},
    "orgs": [{"id": "o1", "name": "O", "slots": 2}],
    "mentors": [{"id": "m1", "name": "M", "capacity": 2, "min_load": 1}, {"id": "m2"}],
    "ideas": [{"id": "i1", "title": "T", "org": "o1", "mentors": ["m1", "m2"], "slots": 2,
               "requires": {"c": 2}, "size": 2, "knowledge": 3, "impact": 4}],
    "students": [{"id": "s1", "name": "S", "skills": {"c": 3},
                  "applications": [{"idea": "i1", "rank": 1}]},
                 {"id": "s2", "applications": [{"idea": "i1"}]}],
    "ratings": [{"mentor": "m1", "student": "s1", "idea": "i1", "score": 4}],
    "conflicts": [{"mentor": "m2", "student": "s2"}],
    "fixed": [{"student": "s1", "idea": "i1", "mentor": "m1"}],
    "forbidden": [{"student": "s2", "idea": "i1"}],
}

# Values tried in every place: each JSON type, arrays of one to three items
# (one repeated), and numbers at and just past every range boundary the
# reader has.
PROBE_VALUES = [None, True, "x", "", [], {}, [5], [1, 5], [1, 2, 3], ["m1", "m1"],
                -1, 0, 0.5, 1, 1.0, 2, 4.5, 5, 5.5, 6, 1000000, 1000001, 1e9, 1.5e9,
                2147483647, 2147483648, 1e19, -1e300, -1.5e300, 1e300, 1.5e300]


def probe_places(value, path=()):
    """Every place in a document: each value, and each element of an array."""
    yield path, value
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else ()
    for key, child in items:
        yield from probe_places(child, path + (key,))


def replaced(doc, path, how):
    """A deep copy of doc with how(parent, key) applied at path."""
    doc = json.loads(json.dumps(doc))
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    how(parent, path[-1])
    return doc


def probe_documents():
    """PROBE_BASE with one change: a value replaced, a key removed or added.
    @return (what changed, document) pairs."""
    for path, value in probe_places(PROBE_BASE):
        where = place_text(path)
        if path:
            for probe in PROBE_VALUES:
                yield ("%s = %s" % (where, json.dumps(probe)),
                       replaced(PROBE_BASE, path, lambda p, k: p.__setitem__(k, probe)))
        if isinstance(value, dict):
            for key in value:
                yield ("%s removed" % place_text(path + (key,)),
                       replaced(PROBE_BASE, path + (key,), lambda p, k: p.__delitem__(k)))
            extra = dict(value, zz_extra=1)
            yield ("%s.zz_extra added" % where,
                   replaced(PROBE_BASE, path, lambda p, k: p.__setitem__(k, extra))
                   if path else extra)


GENERATE_OPTIONS = [
    [],
    ["--orgs", "0", "--students", "30", "--ideas", "12"],
    ["--min-load", "0.5", "--conflicts", "200", "--seed", "7"],
    ["--students", "0", "--ideas", "0", "--mentors", "0", "--apps", "0"],
    ["--skills", "0", "--student-skills", "0", "--idea-skills", "0", "--name", "Été 2026"],
    # issue 17 item 6 (gen-attrs): attributes and quotas
    ["--universities", "12", "--first-time", "0.3", "--quota", "university:org::2",
     "--quota", "first_time=true:program:5:", "--quota", "university=uni03:mentor:0:1"],
]


def group_valid(checker, mentormatch, repo, tmp):
    for path in sorted(glob.glob(os.path.join(repo, "examples", "*.json"))):
        checker.valid(path)
    for k, opts in enumerate(GENERATE_OPTIONS):
        out = os.path.join(tmp, "generated%d.json" % k)
        subprocess.run([mentormatch, "generate", "-o", out] + opts, check=True)
        checker.valid(out)
    blocks = list(doc_blocks(repo))
    if "mentormatch.1" not in [name for name, _ in blocks] or len(blocks) < 3:
        checker.fail("docs", "input documents found in the docs: %s" % [n for n, _ in blocks])
    for k, (name, block) in enumerate(blocks):
        out = os.path.join(tmp, "%s-%d.json" % (name, k))
        with open(out, "w", encoding="utf-8") as f:
            f.write(block)
        checker.valid(out)


def group_corpus(checker, folders, require_every_rule):
    for folder in folders:
        files = sorted(glob.glob(os.path.join(folder, "*.json")))
        if not files:
            checker.fail(folder, "no documents")
        for path in files:
            checker.compare(path)
    if checker.counts["rejected by both"] == 0:
        checker.fail(folders[0], "the schema rejected no document")
    if require_every_rule:  # keep CROSS_RECORD_RULES honest: each one is needed
        for name, _ in CROSS_RECORD_RULES:
            if name not in checker.rules_seen:
                checker.fail(folders[0], "no document breaks the cross-record rule '%s'" % name)


def group_probe(checker, tmp):
    for k, (change, doc) in enumerate(probe_documents()):
        path = os.path.join(tmp, "probe%04d.json" % k)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        checker.labels[path] = "probe " + change
        checker.compare(path)


def main():
    groups = ("valid", "probe", "corpus", "bad")
    if len(sys.argv) not in (5, 6) or sys.argv[1] not in groups or \
            (sys.argv[1] == "bad" and len(sys.argv) != 6):
        sys.exit(__doc__)
    group, schema, mentormatch, repo = sys.argv[1:5]
    checker = Checker(schema, mentormatch)
    if group == "valid":
        with tempfile.TemporaryDirectory() as tmp:
            group_valid(checker, mentormatch, repo, tmp)
    elif group == "probe":
        with tempfile.TemporaryDirectory() as tmp:
            group_probe(checker, tmp)
    elif group == "corpus":
        group_corpus(checker, [os.path.join(repo, "tests", "cases", "input"),
                               os.path.join(repo, "tests", "schema", "cases")], True)
    else:
        group_corpus(checker, [sys.argv[5]], False)
    return checker.finish(group)


if __name__ == "__main__":
    sys.exit(main())
