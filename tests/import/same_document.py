#!/usr/bin/env python3
"""same_document.py A.json B.json: exit 0 when the two input documents say
the same thing, else print the first difference and exit 1.

Documents are compared as parsed JSON (objects ignore key order; numbers
compare by value, so 2 and 2.0 are equal) after this normalisation, which
docs/csv-format.md states for the CSV round trip:
  - a setting given as null is left out (null means "not set");
  - an optional top-level array that is empty is left out (it means none);
  - an empty skills or requires map is left out (it means none).
"""
import json
import sys

OPTIONAL_ARRAYS = ("orgs", "ratings", "conflicts", "fixed", "forbidden")


def normalise(doc):
    settings = doc.get("settings")
    if isinstance(settings, dict):
        for key in [k for k, v in settings.items() if v is None]:
            del settings[key]
    for key in OPTIONAL_ARRAYS:
        if doc.get(key) == []:
            del doc[key]
    for kind, key in (("ideas", "requires"), ("students", "skills")):
        for record in doc.get(kind, []):
            if isinstance(record, dict) and record.get(key) == {}:
                del record[key]
    return doc


def first_difference(a, b, path="(root)"):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return "%s.%s: only in %s" % (path, key, "the first" if key in a else "the second")
            found = first_difference(a[key], b[key], "%s.%s" % (path, key))
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return "%s: %d elements against %d" % (path, len(a), len(b))
        for k, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, "%s[%d]" % (path, k))
            if found:
                return found
        return None
    if a != b or (type(a) is str) != (type(b) is str) or (type(a) is bool) != (type(b) is bool):
        return "%s: %r against %r" % (path, a, b)
    return None


def main():
    docs = [normalise(json.load(open(p, encoding="utf-8"))) for p in sys.argv[1:3]]
    found = first_difference(*docs)
    if found:
        print("documents differ: " + found)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
