"""The Python module (python/mentormatch) against the build tree's library:
each function gives the document the command line's command writes, bad
input raises one InputError carrying every diagnostic, and the library's
version is checked at import.

Run by ctest (tests/python/CMakeLists.txt) with MENTORMATCH_LIBRARY, MM_CLI
(the build's mentormatch), MM_SOURCE and MM_PROJECT_VERSION set.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
import warnings

import mentormatch
from mentormatch import _lib

CLI = os.environ["MM_CLI"]
SOURCE = os.path.abspath(os.environ["MM_SOURCE"])
XEN = os.path.join(SOURCE, "examples", "xen-2015.json")
# three errors at three places, as docs/input-format.md words them
BAD = {"mentors": [{"id": "a", "capacity": -1}], "ideas": [{"id": "i", "mentors": ["b"]}],
       "students": [{"id": "s", "applications": [{"idea": "j"}]}]}


def cli(*args):
    done = subprocess.run([CLI] + list(args), capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr


def without_times(doc):
    doc = json.loads(json.dumps(doc))
    doc.get("stats", {}).pop("seconds", None)
    return doc


class Solve(unittest.TestCase):
    def setUp(self):
        warnings.simplefilter("ignore", mentormatch.InputWarning)

    def test_path_dict_and_text_give_the_cli_document(self):
        code, out, _ = cli("solve", XEN, "--quiet")
        self.assertEqual(code, 0)
        expected = without_times(json.loads(out))
        with open(XEN) as f:
            text = f.read()
        for doc in (XEN, json.loads(text), text, text.encode()):
            self.assertEqual(without_times(mentormatch.solve(doc)), expected)
        self.assertEqual(mentormatch.solve(XEN)["objective"], {"assigned": 8, "score": 24.6704545454545})

    def test_every_strategy_and_seed_as_the_cli(self):
        for strategy in mentormatch.STRATEGIES:
            for seed in (1, 7):
                code, out, _ = cli("solve", XEN, "--quiet", "--strategy", strategy,
                                   "--seed", str(seed))
                self.assertEqual(code, 0, strategy)
                got = mentormatch.solve(XEN, strategy=strategy, seed=seed)
                self.assertEqual(without_times(got), without_times(json.loads(out)), strategy)
        rsd = [mentormatch.solve(XEN, strategy="rsd", seed=s)["assignments"] for s in (1, 2)]
        self.assertNotEqual(rsd[0], rsd[1], "rsd's seed makes no difference")

    def test_solver_and_time_limit(self):
        got = mentormatch.solve(XEN, solver="glpk", time_limit=60)
        self.assertEqual(got["stats"]["solver"], "glpk")
        self.assertEqual(got["status"], "optimal")

    def test_warnings_go_to_the_warnings_module(self):
        with open(XEN) as f:
            doc = dict(json.load(f), colour="blue")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            mentormatch.solve(doc)
        self.assertEqual([str(w.message) for w in caught], ["colour: unknown key (ignored)"])
        self.assertTrue(all(w.category is mentormatch.InputWarning for w in caught))

    def test_baseline_is_passed_on(self):
        # SPEC 8 on the shipped update: the same baseline member as the CLI's,
        # from a path and from the announced result as a dict.
        update = os.path.join(SOURCE, "examples", "xen-2015-v2-update.json")
        told = os.path.join(SOURCE, "examples", "announced", "xen-2015-v2.json")
        want = json.loads(cli("solve", update, "--baseline", told)[1])
        with open(told) as f:
            for base in (told, json.load(f)):
                got = mentormatch.solve(update, baseline=base)
                self.assertEqual(got["baseline"], want["baseline"])
                self.assertEqual(got["assignments"], want["assignments"])


class Errors(unittest.TestCase):
    def test_every_diagnostic_in_one_input_error(self):
        with self.assertRaises(mentormatch.InputError) as raised:
            mentormatch.solve(BAD)
        e = raised.exception
        self.assertEqual(e.code, -1)
        got = [(d.severity, d.place, d.message) for d in e.diagnostics]
        # the same three the command line prints, in its order
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(BAD, f)
        try:
            code, _, err = cli("check", f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(code, 1)
        expected = [("error",) + tuple(line[len(f.name) + 2:].split(": ", 1))
                    for line in err.splitlines()]
        self.assertEqual(got, expected)
        self.assertEqual(len(got), 3)
        self.assertIn("mentors[0].capacity: must be between 0 and", str(e))
        self.assertIsInstance(e, ValueError)

    def test_syntax_error_has_line_and_column(self):
        with self.assertRaises(mentormatch.InputError) as raised:
            mentormatch.check('{"mentors": [}')
        d = raised.exception.diagnostics[0]
        self.assertEqual((d.severity, d.line, d.column), ("error", 1, 14))

    def test_a_missing_file(self):
        with self.assertRaises(mentormatch.InputError) as raised:
            mentormatch.solve("/nonexistent/in.json")
        self.assertIn("cannot read /nonexistent/in.json", raised.exception.diagnostics[0].message)

    def test_bad_options_at_their_place(self):
        with self.assertRaises(mentormatch.InputError) as raised:
            mentormatch.solve(XEN, strategy="ilq", seed=-1, time_limit="soon")
        self.assertEqual([d.place for d in raised.exception.diagnostics],
                         ["options.strategy", "options.time_limit", "options.seed"])
        self.assertIn("unknown strategy 'ilq'", raised.exception.diagnostics[0].message)

    def test_unknown_option_key_suggests(self):
        rc, out, diags = _lib.call(mentormatch._LIB, "solve", b"{}", '{"stratgy": "ilp"}')
        self.assertEqual((rc, out), (-1, None))
        self.assertEqual(json.loads(diags), [{"severity": "error", "place": "options.stratgy",
                                              "line": 0, "column": 0, "message":
                                              "unknown option; did you mean 'strategy'?"}])

    def test_unknown_command(self):
        rc, out, diags = _lib.call(mentormatch._LIB, "solv", b"{}", "")
        self.assertEqual(rc, -1)
        self.assertIn("unknown command 'solv' (did you mean 'solve'?)", diags)

    def test_infeasible_raises_with_the_diagnosis(self):
        path = os.path.join(SOURCE, "tests", "cli", "infeasible")
        files = sorted(p for p in os.listdir(path) if p.endswith(".json"))
        self.assertTrue(files)
        with self.assertRaises(mentormatch.InfeasibleError) as raised:
            mentormatch.solve(os.path.join(path, files[0]))
        self.assertTrue(raised.exception.errors)


class OtherCommands(unittest.TestCase):
    def setUp(self):
        warnings.simplefilter("ignore", mentormatch.InputWarning)

    def test_evaluate(self):
        greedy = mentormatch.solve(XEN, strategy="greedy")
        got = mentormatch.evaluate(XEN, greedy)
        self.assertEqual(got["objective"], greedy["objective"])
        self.assertEqual(mentormatch.evaluate(XEN, json.dumps(greedy["assignments"]))["objective"],
                         greedy["objective"])
        with self.assertRaises(mentormatch.InputError):
            mentormatch.evaluate(XEN, "[{\"student\": 1}]")

    def test_explain_as_the_cli(self):
        code, out, _ = cli("explain", XEN, "--student", "s002", "--format", "json", "--quiet")
        self.assertEqual(code, 0)
        self.assertEqual(mentormatch.explain(XEN, student="s002"), json.loads(out))
        with self.assertRaises(mentormatch.InputError) as raised:
            mentormatch.explain(XEN, student="s002", idea="drbd")
        self.assertIn("give one of", str(raised.exception))

    def test_preview_as_the_cli(self):
        code, out, _ = cli("preview", XEN, "--mentor", "avsm", "--samples", "20", "--format",
                           "json", "--quiet")
        self.assertEqual(code, 0)
        self.assertEqual(mentormatch.preview(XEN, "avsm", samples=20), json.loads(out))

    def test_generate_as_the_cli(self):
        code, out, _ = cli("generate", "--students", "40", "--ideas", "9", "--mentors", "5",
                           "--seed", "3", "--student-skills", "1-3", "--zipf", "0.5")
        self.assertEqual(code, 0)
        got = mentormatch.generate(students=40, ideas=9, mentors=5, seed=3,
                                   student_skills=(1, 3), zipf=0.5)
        self.assertEqual(got, json.loads(out))
        code, out, _ = cli("generate")
        self.assertEqual(mentormatch.generate(), json.loads(out))
        with self.assertRaises(mentormatch.InputError) as raised:
            mentormatch.generate(students=-1, stundents=3)
        self.assertEqual([d.place for d in raised.exception.diagnostics], ["options.stundents"])
        with self.assertRaises(mentormatch.InputError) as raised:
            mentormatch.generate(students=10, ideas=2, apps=3)
        self.assertEqual(raised.exception.diagnostics[0].place, "options")

    def test_check_counts_as_the_cli(self):
        code, out, _ = cli("check", XEN)
        got = mentormatch.check(XEN)
        self.assertTrue(got["valid"])
        s = got["summary"]
        self.assertIn("students      %d (%d without applications)"
                      % (s["students"], s["students_without_applications"]), out)
        self.assertIn("applications  %d (%d eligible)" % (s["applications"],
                                                         s["eligible_applications"]), out)
        self.assertEqual([d.place for d in got["warnings"]], ["settings.default_rating"])


class Version(unittest.TestCase):
    def test_versions_agree(self):
        self.assertEqual(mentormatch.__version__, os.environ["MM_PROJECT_VERSION"])
        self.assertEqual(mentormatch.library_version(), os.environ["MM_PROJECT_VERSION"])

    def test_another_minor_version_is_refused(self):
        class Fake:
            pass
        lib = Fake()
        for name in ("mm_json_call", "mm_json_free", "mm_strerror"):
            setattr(lib, name, lambda *a: None)
        lib.mm_version = lambda: b"0.2.0"
        with self.assertRaises(ImportError) as raised:
            _lib._bind(lib, "/x/libmentormatch.so")
        self.assertIn("/x/libmentormatch.so is version 0.2.0, this module needs 0.1.x",
                      str(raised.exception))
        del lib.mm_json_call
        with self.assertRaises(ImportError) as raised:
            _lib._bind(lib, "/x/libmentormatch.so")
        self.assertIn("has no mm_json_call", str(raised.exception))

    def test_a_library_not_found_says_how_to_fix(self):
        env = dict(os.environ, MENTORMATCH_LIBRARY="/nonexistent/libmentormatch.so")
        done = subprocess.run([sys.executable, "-c", "import mentormatch"], env=env,
                              capture_output=True, text=True)
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("ImportError: mentormatch: cannot load MENTORMATCH_LIBRARY=/nonexistent/"
                      "libmentormatch.so", done.stderr)

    def test_python_m_mentormatch(self):
        done = subprocess.run([sys.executable, "-m", "mentormatch", "--version"],
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertTrue(done.stdout.startswith(
            "mentormatch %s (Python module), library %s at " % (mentormatch.__version__,
                                                                mentormatch.library_version())))
        done = subprocess.run([sys.executable, "-m", "mentormatch", "solve", XEN, "--strategy",
                               "greedy"], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(json.loads(done.stdout)["strategy"], "greedy")
        with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
            json.dump(BAD, f)
            f.flush()
            done = subprocess.run([sys.executable, "-m", "mentormatch", "check", f.name],
                                  capture_output=True, text=True)
        self.assertEqual(done.returncode, 1)
        self.assertEqual(len(done.stderr.splitlines()), 3)
        self.assertTrue(done.stderr.startswith(f.name + ": mentors[0].capacity: must be"))


if __name__ == "__main__":
    unittest.main()
