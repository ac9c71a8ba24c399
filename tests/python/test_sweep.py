"""python3 -m mentormatch.sweep: one grid run three ways (--jobs 2 here,
--emit parallel through GNU parallel, --emit slurm's script run task by
task as Slurm would) merges to the same tidy CSV but for the times; failed
and timed-out runs are rows with their status; the table and the chart.

Run by ctest (tests/python/CMakeLists.txt), as test_module.py is.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from mentormatch import sweep

SOURCE = os.path.abspath(os.environ["MM_SOURCE"])
CLI = os.environ["MM_CLI"]
XEN = os.path.join(SOURCE, "examples", "xen-2015.json")
SPEC = {"strategies": ["ilp", "rsd", "nonsense"], "seeds": [1, 2],
        "instances": [XEN, "bad.json"],
        "generate": {"label": "small", "students": 30, "ideas": 8, "mentors": 5,
                     "student_skills": "1-3"},
        "time_limit": 30}
RUNS = 3 * 2 * 3


def run_sweep(*args, env=None):
    done = subprocess.run([sys.executable, "-m", "mentormatch.sweep"] + list(args),
                          capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise AssertionError("sweep %s: exit %d\n%s" % (" ".join(args), done.returncode, done.stderr))
    return done


def table(path):
    """The CSV's rows without the columns that vary from run to run."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return [{k: v for k, v in row.items() if k not in sweep.VARYING} for row in rows]


class Sweep(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sweep-test.")
        cls.spec = os.path.join(cls.tmp, "spec.json")
        with open(cls.spec, "w") as f:
            json.dump(SPEC, f)
        with open(os.path.join(cls.tmp, "bad.json"), "w") as f:
            f.write('{"mentors": []}')
        cls.jobs_dir = os.path.join(cls.tmp, "jobs")
        cls.jobs_run = run_sweep(cls.spec, "--jobs", "2", "--out", cls.jobs_dir)
        cls.rows = table(os.path.join(cls.jobs_dir, "results.csv"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def row(self, label, strategy, seed):
        found = [r for r in self.rows if (r["label"], r["strategy"], r["seed"]) ==
                 (label, strategy, str(seed))]
        self.assertEqual(len(found), 1)
        return found[0]

    def test_one_row_per_run_with_every_column(self):
        self.assertEqual(len(self.rows), RUNS)
        self.assertEqual([r["run"] for r in self.rows], [str(k) for k in range(RUNS)])
        with open(os.path.join(self.jobs_dir, "results.csv"), newline="") as f:
            header = next(csv.reader(f))
        for column in ("run", "label", "instance", "strategy", "seed", "time_limit",
                       "gen_students", "gen_student_skills", "gen_seed", "status", "error",
                       "students", "objective_assigned", "objective_score", "bound_score",
                       "assigned", "by_rank_1", "mean_rank", "mentor_load_gini",
                       "slots_unused", "blocking_pairs", "assigned_share",
                       "first_choice_share", "seconds", "peak_mib"):
            self.assertIn(column, header)
        self.assertEqual(header[-len(sweep.VARYING):], list(sweep.VARYING))

    def test_metrics_are_the_result_documents(self):
        code = subprocess.run([CLI, "solve", XEN, "--quiet"], capture_output=True, text=True)
        doc = json.loads(code.stdout)
        row = self.row("xen-2015", "ilp", 1)
        self.assertEqual(row["status"], "optimal")
        self.assertEqual(int(row["objective_assigned"]), doc["objective"]["assigned"])
        self.assertEqual(float(row["objective_score"]), doc["objective"]["score"])
        self.assertEqual(int(row["blocking_pairs"]), doc["metrics"]["blocking_pairs"])
        self.assertEqual([int(row["by_rank_%d" % (k + 1)]) for k in range(5)],
                         doc["metrics"]["by_rank"])
        self.assertEqual(float(row["mentor_load_gini"]), doc["metrics"]["mentor_load"]["gini"])

    def test_seeds_reach_rsd_and_the_generator(self):
        self.assertNotEqual(self.row("xen-2015", "rsd", 1)["objective_score"],
                            self.row("xen-2015", "rsd", 2)["objective_score"])
        self.assertEqual(self.row("small", "ilp", 2)["gen_seed"], "2")
        self.assertEqual(self.row("small", "ilp", 2)["gen_student_skills"], "1-3")
        self.assertEqual(self.row("small", "ilp", 1)["students"], "30")

    def test_failed_runs_are_rows_with_their_status(self):
        bad = self.row("xen-2015", "nonsense", 1)
        self.assertEqual(bad["status"], "invalid")
        self.assertIn("options.strategy: unknown strategy 'nonsense'", bad["error"])
        bad = self.row("bad", "ilp", 1)
        self.assertEqual(bad["status"], "invalid")
        self.assertIn("ideas: missing (required)", bad["error"])
        self.assertIn("sweep: %d runs, %d not solved" % (RUNS, 10), self.jobs_run.stderr)

    def test_a_timed_out_run_is_a_row(self):
        out = os.path.join(self.tmp, "timeout")
        spec = os.path.join(self.tmp, "timeout.json")
        with open(spec, "w") as f:
            json.dump({"strategies": ["stable-optimal"], "timeout": 0.2,
                       "generate": {"students": 20000, "apps": 8}}, f)
        run_sweep(spec, "--out", out)
        (row,) = table(os.path.join(out, "results.csv"))
        self.assertEqual((row["status"], row["error"]), ("timeout", "killed after 0.2 s"))

    def test_the_table_and_the_chart(self):
        with open(os.path.join(self.jobs_dir, "results.md")) as f:
            lines = f.read().splitlines()
        self.assertTrue(lines[0].startswith("| instance | students | strategy | runs | status |"))
        self.assertEqual(len(lines), 2 + 9)  # 3 instances x 3 strategies
        self.assertIn("| xen-2015 | 120 | ilp | 2/2 | optimal | 0.067 | 24.67 |", "\n".join(lines))
        try:
            import matplotlib  # noqa: F401
            have = True
        except ImportError:
            have = False
        self.assertEqual(os.path.exists(os.path.join(self.jobs_dir, "results.png")), have)

    def test_no_matplotlib_no_chart_and_says_so(self):
        fake = os.path.join(self.tmp, "fake")
        os.makedirs(os.path.join(fake, "matplotlib"), exist_ok=True)
        with open(os.path.join(fake, "matplotlib", "__init__.py"), "w") as f:
            f.write("raise ImportError('no matplotlib here')\n")
        env = dict(os.environ, PYTHONPATH=fake + os.pathsep + os.environ.get("PYTHONPATH", ""))
        csv_path = os.path.join(self.tmp, "nochart.csv")
        done = run_sweep("merge", self.jobs_dir, "-o", csv_path, env=env)
        self.assertIn("sweep: no chart: matplotlib is not installed", done.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "nochart.png")))
        self.assertEqual(table(csv_path), self.rows)

    def test_a_run_never_done_is_missing(self):
        copy = os.path.join(self.tmp, "partial")
        shutil.copytree(self.jobs_dir, copy)
        os.unlink(os.path.join(copy, "runs", "0004.json"))
        run_sweep("merge", copy)
        rows = table(os.path.join(copy, "results.csv"))
        self.assertEqual(len(rows), RUNS)
        self.assertEqual(rows[4]["status"], "missing")
        self.assertEqual(rows[4]["strategy"], self.rows[4]["strategy"])

    def test_gnu_parallel_merges_to_the_same_csv(self):
        parallel = shutil.which("parallel")
        self.assertIsNotNone(parallel, "GNU parallel is missing: sh scripts/setup.sh --test")
        out = os.path.join(self.tmp, "parallel")
        run_sweep(self.spec, "--emit", "parallel", "--out", out)
        with open(os.path.join(out, "jobs.txt")) as f:
            jobs = f.read().splitlines()
        self.assertEqual(len(jobs), RUNS)
        self.assertTrue(all(" -m mentormatch.sweep run %s --run %d" % (out, k) in job
                            for k, job in enumerate(jobs)))
        with open(os.path.join(out, "jobs.txt")) as f:
            done = subprocess.run([parallel, "--will-cite", "--jobs", "2"], stdin=f,
                                  capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        run_sweep("merge", out)
        self.assertEqual(table(os.path.join(out, "results.csv")), self.rows)

    def test_slurm_array_script_merges_to_the_same_csv(self):
        out = os.path.join(self.tmp, "slurm")
        run_sweep(self.spec, "--emit", "slurm", "--out", out)
        script = os.path.join(out, "sweep.sbatch")
        with open(script) as f:
            text = f.read()
        self.assertIn("#SBATCH --array=0-%d\n" % (RUNS - 1), text)
        for k in range(RUNS):  # each task as Slurm starts it
            env = dict(os.environ, SLURM_ARRAY_TASK_ID=str(k))
            subprocess.run(["sh", script], env=env, check=True)
        run_sweep("merge", out)
        self.assertEqual(table(os.path.join(out, "results.csv")), self.rows)


if __name__ == "__main__":
    unittest.main()
