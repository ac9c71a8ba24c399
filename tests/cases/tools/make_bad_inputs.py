#!/usr/bin/env python3
"""Generate the bad-input corpus: malformed inputs with the exit code and the
message fragment each must produce (a MANIFEST in the format of
tests/cases/input/MANIFEST). Deterministic. CMake runs it at configure time
into the build tree (some inputs hold megabyte ids, too big to keep in git):

    python3 tests/cases/tools/make_bad_inputs.py OUT_DIR

Every field of the input document gets every JSON type it does not accept;
then truncations, encodings, nesting, number limits, huge ids and empty
arrays.
"""
import copy
import json
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "bad-inputs"

BASE = {
    "program": {"name": "p", "slots": 3},
    "settings": {
        "weights": {"rating": 1, "preference": 1, "skill": 1, "impact": 0.5},
        "objective": "count-then-score",
        "rating_scale": [1, 5],
        "default_rating": 3,
        "min_rating": 1,
        "min_skill": 0,
        "max_rank": 3,
    },
    "orgs": [{"id": "o1", "name": "Org", "slots": 2}],
    "mentors": [{"id": "m1", "name": "M", "capacity": 2, "min_load": 0},
                {"id": "m2", "capacity": 1}],
    "ideas": [{"id": "i1", "title": "T", "org": "o1", "mentors": ["m1", "m2"], "slots": 1,
               "requires": {"c": 2}, "size": 2, "knowledge": 3, "impact": 4},
              {"id": "i2", "mentors": ["m2"]}],
    "students": [{"id": "s1", "name": "S", "skills": {"c": 3},
                  "applications": [{"idea": "i1", "rank": 1}, {"idea": "i2", "rank": 2}]},
                 {"id": "s2", "applications": [{"idea": "i2"}]}],
    "ratings": [{"mentor": "m1", "student": "s1", "idea": "i1", "score": 4}],
    "conflicts": [{"mentor": "m1", "student": "s2"}],
    "fixed": [{"student": "s2", "idea": "i2", "mentor": "m2"}],
    "forbidden": [{"student": "s1", "idea": "i2"}],
}

# The kinds of JSON value, one sample each.
SAMPLES = {"string": "x", "integer": 7, "fraction": 1.5, "boolean": True,
           "null": None, "array": [], "object": {}}

# Per field (a path into BASE) the kinds it accepts. A kind accepted by type
# but wrong by value is left to tests/cases/input (ranges, references).
INT = {"integer"}
NUM = {"integer", "fraction"}
STR = {"string"}
FIELDS = {
    ("program",): {"object"},
    ("program", "name"): STR,
    ("program", "slots"): INT,
    ("settings",): {"object"},
    ("settings", "weights"): {"object"},
    ("settings", "weights", "rating"): NUM,
    ("settings", "weights", "preference"): NUM,
    ("settings", "weights", "skill"): NUM,
    ("settings", "weights", "impact"): NUM,
    ("settings", "objective"): STR,
    ("settings", "rating_scale"): {"array"},
    ("settings", "default_rating"): NUM | {"null"},
    ("settings", "min_rating"): NUM | {"null"},
    ("settings", "min_skill"): NUM | {"null"},
    ("settings", "max_rank"): INT | {"null"},
    ("orgs",): {"array"},
    ("orgs", 0): {"object"},
    ("orgs", 0, "id"): STR,
    ("orgs", 0, "name"): STR,
    ("orgs", 0, "slots"): INT,
    ("mentors",): {"array"},
    ("mentors", 0): {"object"},
    ("mentors", 0, "id"): STR,
    ("mentors", 0, "name"): STR,
    ("mentors", 0, "capacity"): INT,
    ("mentors", 0, "min_load"): INT,
    ("ideas",): {"array"},
    ("ideas", 0): {"object"},
    ("ideas", 0, "id"): STR,
    ("ideas", 0, "title"): STR,
    ("ideas", 0, "org"): STR,
    ("ideas", 0, "mentors"): {"array"},
    ("ideas", 0, "mentors", 0): STR,
    ("ideas", 0, "slots"): INT,
    ("ideas", 0, "requires"): {"object"},
    ("ideas", 0, "requires", "c"): NUM,
    ("ideas", 0, "size"): INT,
    ("ideas", 0, "knowledge"): INT,
    ("ideas", 0, "impact"): INT,
    ("students",): {"array"},
    ("students", 0): {"object"},
    ("students", 0, "id"): STR,
    ("students", 0, "name"): STR,
    ("students", 0, "skills"): {"object"},
    ("students", 0, "skills", "c"): NUM,
    ("students", 0, "applications"): {"array"},
    ("students", 0, "applications", 0): {"object"},
    ("students", 0, "applications", 0, "idea"): STR,
    ("students", 0, "applications", 0, "rank"): INT,
    ("ratings",): {"array"},
    ("ratings", 0): {"object"},
    ("ratings", 0, "mentor"): STR,
    ("ratings", 0, "student"): STR,
    ("ratings", 0, "idea"): STR,
    ("ratings", 0, "score"): NUM,
    ("conflicts",): {"array"},
    ("conflicts", 0): {"object"},
    ("conflicts", 0, "mentor"): STR,
    ("conflicts", 0, "student"): STR,
    ("fixed",): {"array"},
    ("fixed", 0): {"object"},
    ("fixed", 0, "student"): STR,
    ("fixed", 0, "idea"): STR,
    ("fixed", 0, "mentor"): STR,
    ("forbidden",): {"array"},
    ("forbidden", 0): {"object"},
    ("forbidden", 0, "student"): STR,
    ("forbidden", 0, "idea"): STR,
}

# An empty array is a valid value of these (and min_skill's 7 is out of range
# but typed right, so it stays out: see tests/cases/input).
VALID_WHEN_EMPTY = {("orgs",), ("ratings",), ("conflicts",), ("fixed",), ("forbidden",),
                    ("mentors",), ("ideas",), ("students",), ("students", 0, "applications")}


def place(path):
    text = ""
    for step in path:
        text += "[%d]" % step if isinstance(step, int) else ("." if text else "") + step
    return text


def put(doc, path, value):
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def name_of(path, kind):
    return "type_" + "_".join(str(s) for s in path) + "_" + kind


def write(cases, name, data, code, fragment, args=""):
    with open(os.path.join(OUT, name + ".json"), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    cases.append("\t".join([name, str(code), fragment] + ([args] if args else [])))


def wrong_types(cases):
    for path, accepted in FIELDS.items():
        for kind, sample in SAMPLES.items():
            if kind in accepted or (kind == "array" and path in VALID_WHEN_EMPTY):
                continue
            doc = copy.deepcopy(BASE)
            put(doc, path, sample)
            write(cases, name_of(path, kind), json.dumps(doc), 1, ": %s: " % place(path))


def syntax(cases):
    text = json.dumps(BASE)
    for cut in (1, 10, 100, len(text) // 2, len(text) - 1):
        write(cases, "truncated_at_%d" % cut, text[:cut], 1, "truncated_at_%d.json:1:" % cut)
    write(cases, "non_utf8_in_id", text.replace('"s1"', '"s\xff1"').encode("latin-1"), 1,
          "non_utf8_in_id.json:1:")
    write(cases, "non_utf8_overlong", text.encode().replace(b'"m1"', b'"m\xc0\xaf"'), 1,
          "non_utf8_overlong.json:1:")
    write(cases, "utf16_bom", b"\xff\xfe" + text.encode("utf-16-le"), 1, "utf16_bom.json:1:")
    write(cases, "nul_escape_in_id", text.replace('"s1"', '"s\\u00001"'), 1,
          "nul_escape_in_id.json:1:")
    write(cases, "raw_nul_byte", text.encode().replace(b'"s1"', b'"s\x001"'), 1,
          "raw_nul_byte.json:1:")
    write(cases, "nesting_100000_arrays", "[" * 100000 + "]" * 100000, 1,
          "maximum parsing depth")
    write(cases, "nesting_100000_objects_unclosed", '{"a":' * 100000, 1,
          "maximum parsing depth")
    write(cases, "real_overflow", text.replace('"capacity": 2', '"capacity": 1e400'), 1,
          "real number overflow")
    write(cases, "integer_past_64_bits",
          text.replace('"capacity": 2', '"capacity": 18446744073709551616'), 1,
          "too big integer")
    write(cases, "duplicate_key_in_application",
          text.replace('{"idea": "i2"}', '{"idea": "i2", "idea": "i1"}'), 1,
          "duplicate object key")
    write(cases, "duplicate_key_in_settings",
          text.replace('"objective": "count-then-score"',
                       '"objective": "score", "objective": "score"'), 1, "duplicate object key")
    write(cases, "bare_scalar", "42", 1, "bare_scalar.json:1:")
    write(cases, "empty_object", "{}", 1, ": mentors: ")


def values(cases):
    text = json.dumps(BASE)
    write(cases, "huge_capacity_integer", text.replace('"capacity": 2', '"capacity": 9223372036854775807'),
          1, ": mentors[0].capacity: ")
    write(cases, "huge_score_real", text.replace('"score": 4', '"score": 1e300'), 1,
          ": ratings[0].score: ")
    write(cases, "tiny_negative_weight", text.replace('"impact": 0.5', '"impact": -1e-300'), 1,
          ": settings.weights.impact: ")
    big = "m" * (1 << 20)
    doc = copy.deepcopy(BASE)
    doc["ideas"][1]["mentors"] = [big]
    write(cases, "megabyte_unknown_id", json.dumps(doc), 1, ": ideas[1].mentors[0]: ")
    doc = json.loads(text.replace('"m2"', json.dumps(big)))
    write(cases, "megabyte_ids_valid", json.dumps(doc), 0, "-")
    doc = copy.deepcopy(BASE)
    doc["students"][1]["skills"] = {big: 1}
    write(cases, "megabyte_skill_name_valid", json.dumps(doc), 0, "-")
    doc = copy.deepcopy(BASE)
    doc["mentors"].append({"id": big})
    doc["mentors"].append({"id": big})
    write(cases, "megabyte_duplicate_id", json.dumps(doc), 1, ": mentors[3].id: ")


def empties(cases):
    write(cases, "empty_everything", json.dumps({"mentors": [], "ideas": [], "students": [],
                                                 "orgs": [], "ratings": [], "conflicts": [],
                                                 "fixed": [], "forbidden": []}), 0, "-")
    doc = copy.deepcopy(BASE)
    doc["ideas"][0]["mentors"] = []
    write(cases, "empty_idea_mentors", json.dumps(doc), 1, ": ideas[0].mentors: ")
    doc = copy.deepcopy(BASE)
    doc["settings"]["rating_scale"] = []
    write(cases, "empty_rating_scale", json.dumps(doc), 1, ": settings.rating_scale: ")
    doc = copy.deepcopy(BASE)
    doc["students"][0]["applications"] = []
    doc["ratings"] = []
    doc["forbidden"] = []
    write(cases, "empty_applications_valid", json.dumps(doc), 0, "-")
    write(cases, "empty_strings", json.dumps(BASE).replace('"s1"', '""'), 1,
          ": students[0].id: ")


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        os.remove(os.path.join(OUT, old))
    cases = ["# Generated by tests/cases/tools/make_bad_inputs.py; do not edit by hand.",
             "# NAME<TAB>EXIT<TAB>FRAGMENT[<TAB>EXTRA_ARGS]"]
    write(cases, "base_valid", json.dumps(BASE), 0, "-")
    wrong_types(cases)
    syntax(cases)
    values(cases)
    empties(cases)
    with open(os.path.join(OUT, "MANIFEST"), "w") as f:
        f.write("\n".join(cases) + "\n")
    print("%d cases in %s" % (len(cases) - 2, OUT))


if __name__ == "__main__":
    main()
