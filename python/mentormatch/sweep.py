"""Sweeps: a grid of runs (strategies x seeds x instances) from a small JSON
spec, run here in parallel, or emitted for GNU parallel or a Slurm array,
and merged into one tidy CSV, a Markdown table and a chart.

    python3 -m mentormatch.sweep SPEC [--out DIR] [--jobs N]
    python3 -m mentormatch.sweep SPEC --emit parallel|slurm [--out DIR]
    python3 -m mentormatch.sweep run DIR --run K      (one run; what the job files call)
    python3 -m mentormatch.sweep merge DIR... [-o CSV]

A spec (docs/python.md, "Sweeps"):

    {"strategies": ["ilp", "greedy", "stable", "rsd"],
     "seeds": [1, 2, 3],
     "instances": ["../../examples/xen-2015.json"],
     "generate": {"students": [200, 1000], "apps": 5, "student_skills": "2-5"},
     "time_limit": 60, "timeout": 120}

"instances" are files (relative to the spec); "generate" is an object or a
list of objects of `mentormatch generate` options, '_' for '-', each list
value a grid axis and "label" a name for the row; a generated instance takes
the run's seed unless it gives its own "seed". Every run is one row of
results.csv: its parameters, every metric of its result document, its
time, peak memory and status ("optimal", "feasible", "infeasible",
"invalid", "no-solution", "timeout", "error", "crashed", "missing").
"""
import argparse
import concurrent.futures
import csv
import itertools
import json
import math
import os
import resource
import shlex
import socket
import subprocess
import sys
import time

USAGE = __doc__.split("\n\n")[1]
# Columns that differ from run to run of the same spec: left out when two
# sweeps are compared (merge --compare, the tests).
VARYING = ("seconds", "generate_seconds", "stats_seconds", "peak_mib", "host")
PARAMS = ("run", "label", "instance", "strategy", "seed", "time_limit")
SPEC_KEYS = ("description", "strategies", "seeds", "instances", "generate", "time_limit",
             "timeout", "solve")


class SpecError(Exception):
    """A spec that cannot be run, said in one line."""


# ---- the grid

def _axis(value):
    return value if isinstance(value, list) else [value]


def _range(key, value):
    """'2-5' (as on the command line) or '3' for a range option: [2, 5]."""
    if isinstance(value, str) and key != "name" and "-" in value:
        lo, _, hi = value.partition("-")
        if lo.isdigit() and hi.isdigit():
            return [int(lo), int(hi)]
    return value


def _generated(entry, seeds):
    """The generator option sets of one "generate" object, crossed."""
    if not isinstance(entry, dict):
        raise SpecError("\"generate\" must be an object or a list of objects, not %r" % entry)
    label = entry.get("label")
    keys = [k for k in entry if k != "label"]
    if "seed" not in keys:
        keys.append("seed")
    axes = [_axis(entry[k]) if k in entry else [None] for k in keys]
    for values in itertools.product(*axes):
        options = {k: _range(k, v) for k, v in zip(keys, values)}
        yield label, options, options["seed"] is None


def runs_of(spec, base):
    """Every run of `spec` (a dict; paths relative to `base`), in a fixed order."""
    unknown = [k for k in spec if k not in SPEC_KEYS]
    if unknown:
        raise SpecError("unknown key %r in the spec; it takes %s" % (unknown[0], ", ".join(SPEC_KEYS)))
    strategies = _axis(spec.get("strategies", ["ilp"]))
    seeds = _axis(spec.get("seeds", [1]))
    sources = []
    for path in _axis(spec.get("instances", [])):
        full = os.path.normpath(os.path.join(base, path))
        sources.append((os.path.splitext(os.path.basename(path))[0], full, None, False))
    entries = spec.get("generate", [])
    for entry in entries if isinstance(entries, list) else [entries]:
        for label, options, seeded in _generated(entry, seeds):
            sources.append((label or "generated", "generated", options, seeded))
    if not sources:
        raise SpecError("the spec names no \"instances\" and no \"generate\"")
    runs = []
    for (label, instance, options, seeded), seed, strategy in itertools.product(
            sources, seeds, strategies):
        run = {"run": len(runs), "label": label, "instance": instance, "strategy": strategy,
               "seed": seed, "time_limit": spec.get("time_limit")}
        if options is not None:
            gen = dict(options, seed=seed if seeded else options["seed"])
            run.update({"gen_" + k: v for k, v in gen.items()})
        runs.append(run)
    return runs


def load_spec(path):
    try:
        with open(path) as f:
            spec = json.load(f)
    except (OSError, ValueError) as e:
        raise SpecError("%s: %s" % (path, e))
    if not isinstance(spec, dict):
        raise SpecError("%s: a spec is a JSON object" % path)
    return spec


# ---- one run

def _flatten(prefix, value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(prefix + "_" + k if prefix else k, v, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _flatten("%s_%d" % (prefix, i + 1), v, out)
    else:
        out[prefix] = value


def metrics_of(result):
    """The columns of a result document: status, objective, bound, every
    metric, the solver's stats, and two shares derived from them."""
    row = {"status": result["status"]}
    _flatten("objective", result.get("objective"), row)
    _flatten("bound", result.get("bound"), row)
    _flatten("", result.get("metrics", {}), row)
    _flatten("stats", result.get("stats", {}), row)
    assigned, unassigned = row.get("assigned"), row.get("unassigned")
    if assigned is not None and unassigned is not None:
        row["students"] = assigned + unassigned
        row["assigned_share"] = round(assigned / row["students"], 6) if row["students"] else 0
        row["first_choice_share"] = round(row.get("by_rank_1", 0) / assigned, 6) if assigned else 0
    return row


def _status_of(error):
    import mentormatch
    return {mentormatch.InputError: "invalid", mentormatch.InfeasibleError: "infeasible",
            mentormatch.NoSolutionError: "no-solution"}.get(type(error), "error")


def work(run, spec):
    """Do one run in this process. @return its record, without peak memory."""
    import mentormatch
    from mentormatch import _lib
    record = {"params": run, "host": socket.gethostname()}
    options = dict(spec.get("solve", {}), strategy=run["strategy"], seed=run["seed"],
                   time_limit=run["time_limit"])
    try:
        started = time.monotonic()
        if run["instance"] == "generated":
            gen = {k[4:]: v for k, v in run.items() if k.startswith("gen_") and v is not None}
            rc, text, diags = _lib.call(mentormatch._LIB, "generate", b"", json.dumps(gen))
            if rc != 0:
                mentormatch._raise("generate", rc, mentormatch._diagnostics(diags))
            doc = text.encode()
        else:
            doc = run["instance"]
        record["generate_seconds"] = round(time.monotonic() - started, 6)
        started = time.monotonic()
        result = mentormatch.solve(doc, **options)
        record["seconds"] = round(time.monotonic() - started, 6)
        record["metrics"] = metrics_of(result)
        record["status"] = result["status"]
    except mentormatch.Error as e:
        record["status"] = _status_of(e)
        record["error"] = str(e).replace("\n", "; ")
    except Exception as e:  # a bug shows as a row, not as the end of the sweep
        record["status"] = "error"
        record["error"] = "%s: %s" % (type(e).__name__, e)
    return record


def _timeout_of(spec):
    if spec.get("timeout") is not None:
        return float(spec["timeout"])
    limit = spec.get("time_limit")
    return None if not limit else 2 * float(limit) + 60


def _write_atomic(path, text):
    tmp = "%s.%d.tmp" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def run_one(out_dir, k):
    """One run, in a child process watched for its timeout and peak memory;
    its record goes to OUT/runs/K.json. The child is this module's `work`."""
    spec = load_spec(os.path.join(out_dir, "spec.json"))
    runs = runs_of(spec, out_dir)
    run = runs[k]
    child = subprocess.Popen([sys.executable, "-m", "mentormatch.sweep", "_work", out_dir, str(k)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = child.communicate(timeout=_timeout_of(spec))
        record = json.loads(stdout) if child.returncode == 0 else None
        if record is None:
            how = ("signal %d" % -child.returncode if child.returncode < 0
                   else "exit %d" % child.returncode)
            record = {"params": run, "status": "crashed", "host": socket.gethostname(),
                      "error": "%s: %s" % (how, stderr.strip().splitlines()[-1:] or "")}
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        record = {"params": run, "status": "timeout", "host": socket.gethostname(),
                  "error": "killed after %g s" % _timeout_of(spec)}
    except ValueError as e:
        record = {"params": run, "status": "error", "error": "bad record: %s" % e}
    # the child is this process's only one: its peak is the run's (KiB on Linux)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    record["peak_mib"] = round(peak / 1024.0, 1)
    os.makedirs(os.path.join(out_dir, "runs"), exist_ok=True)
    _write_atomic(os.path.join(out_dir, "runs", "%04d.json" % k), json.dumps(record) + "\n")
    return record


# ---- merging records into a table

def rows_of(records, runs=()):
    """One flat row per record; a run of `runs` without a record is 'missing'."""
    by_run = {r["params"]["run"]: r for r in records}
    for run in runs:
        by_run.setdefault(run["run"], {"params": run, "status": "missing"})
    rows = []
    for k in sorted(by_run):
        r = by_run[k]
        row = {k: "-".join(map(str, v)) if isinstance(v, list) else v  # a range: LO-HI
               for k, v in r["params"].items()}
        row.update(r.get("metrics", {}))
        row["status"] = r["status"]
        row["error"] = r.get("error", "")
        for key in ("seconds", "generate_seconds", "peak_mib", "host"):
            row[key] = r.get(key, "")
        rows.append(row)
    return rows


def columns_of(rows):
    """Parameters first, then status, metrics (in the order first seen), times."""
    seen = []
    for row in rows:
        seen.extend(k for k in row if k not in seen)
    params = [k for k in PARAMS if k in seen] + [k for k in seen if k.startswith("gen_")]
    tail = [k for k in VARYING if k in seen]
    head = params + ["status", "error", "students"]
    return head + [k for k in seen if k not in head and k not in tail] + tail


def read_records(dirs):
    records, runs = [], []
    for d in dirs:
        if os.path.isfile(d):
            with open(d) as f:
                records.append(json.load(f))
            continue
        runs_dir = os.path.join(d, "runs")
        for name in sorted(os.listdir(runs_dir)) if os.path.isdir(runs_dir) else []:
            if name.endswith(".json"):
                with open(os.path.join(runs_dir, name)) as f:
                    records.append(json.load(f))
        if os.path.exists(os.path.join(d, "spec.json")):
            runs.extend(runs_of(load_spec(os.path.join(d, "spec.json")), d))
    return records, runs


def write_csv(rows, path):
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns_of(rows), restval="")
        writer.writeheader()
        writer.writerows(rows)


def _number(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def summary(rows):
    """Means over seeds of the main metrics, per (label, students, strategy)."""
    groups = {}
    for row in rows:
        key = (row.get("label"), row.get("students") or row.get("gen_students") or "",
               row.get("strategy"))
        groups.setdefault(key, []).append(row)
    out = []
    for (label, students, strategy), group in groups.items():
        ok = [r for r in group if r["status"] in ("optimal", "feasible")]
        line = {"label": label, "students": students, "strategy": strategy,
                "runs": len(group), "ok": len(ok),
                "statuses": ", ".join(sorted({r["status"] for r in group}))}
        for key in ("assigned_share", "objective_score", "first_choice_share", "mean_rank",
                    "blocking_pairs", "mentor_load_gini", "seconds", "peak_mib"):
            values = [_number(r.get(key)) for r in ok]
            values = [v for v in values if v is not None]
            line[key] = sum(values) / len(values) if values else None
        out.append(line)
    return out


def markdown(lines):
    head = ["instance", "students", "strategy", "runs", "status", "assigned", "score",
            "1st choice", "mean rank", "blocking", "load Gini", "seconds", "peak MiB"]
    keys = ["assigned_share", "objective_score", "first_choice_share", "mean_rank",
            "blocking_pairs", "mentor_load_gini", "seconds", "peak_mib"]
    formats = ["%.3f", "%.2f", "%.3f", "%.2f", "%.1f", "%.3f", "%.3g", "%.0f"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for line in lines:
        cells = [str(line["label"]), str(line["students"]), str(line["strategy"]),
                 "%d/%d" % (line["ok"], line["runs"]), line["statuses"]]
        cells += ["" if line[k] is None else f % line[k] for k, f in zip(keys, formats)]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def chart(lines, path):
    """Three panels against students: assigned share, first-choice share and
    seconds (log), a colour per strategy, a line style per instance label.
    @return None, or why there is no chart."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed (Debian: apt-get install python3-matplotlib)"
    panels = [("assigned_share", "assigned share"), ("first_choice_share", "first-choice share"),
              ("seconds", "seconds (log)")]
    strategies = list(dict.fromkeys(line["strategy"] for line in lines))
    labels = list(dict.fromkeys(line["label"] for line in lines))
    sizes = [_number(line["students"]) for line in lines if _number(line["students"])]
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    styles = ["-", "--", ":", "-."]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    for ax, (key, title) in zip(axes, panels):
        for (si, strategy), (li, label) in itertools.product(enumerate(strategies),
                                                             enumerate(labels)):
            points = sorted((_number(line["students"]), line[key]) for line in lines
                            if line["strategy"] == strategy and line["label"] == label
                            and line[key] is not None and _number(line["students"]))
            if points:
                ax.plot([p[0] for p in points], [p[1] for p in points], marker="o",
                        color=colours[si % len(colours)], linestyle=styles[li % len(styles)],
                        label=strategy if len(labels) == 1 else "%s, %s" % (strategy, label))
        ax.set_title(title)
        ax.set_xlabel("students")
        if sizes and max(sizes) >= 10 * min(sizes):
            ax.set_xscale("log")
        if key == "seconds":
            ax.set_yscale("log")
        ax.grid(True, alpha=0.3)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return None


def merge(dirs, csv_path):
    """Records of `dirs` into CSV_PATH and, beside it, .md and .png."""
    records, runs = read_records(dirs)
    rows = rows_of(records, runs)
    if not rows:
        raise SpecError("no run records in %s" % ", ".join(dirs))
    write_csv(rows, csv_path)
    stem = os.path.splitext(csv_path)[0]
    table = markdown(summary(rows))
    _write_atomic(stem + ".md", table)
    why = chart(summary(rows), stem + ".png")
    if why:
        print("sweep: no chart: %s" % why, file=sys.stderr)
    failed = sum(1 for r in rows if r["status"] not in ("optimal", "feasible"))
    print("sweep: %d runs, %d not solved; %s" % (len(rows), failed, csv_path), file=sys.stderr)
    return table


# ---- running a sweep, or emitting its job files

def _environment():
    """The variables a job needs to find this module and its library."""
    env = {}
    if os.environ.get("MENTORMATCH_LIBRARY"):
        env["MENTORMATCH_LIBRARY"] = os.path.abspath(os.environ["MENTORMATCH_LIBRARY"])
    if os.environ.get("PYTHONPATH"):  # a build tree's python/, say: absolute, for any cwd
        env["PYTHONPATH"] = os.pathsep.join(
            os.path.abspath(p) for p in os.environ["PYTHONPATH"].split(os.pathsep) if p)
    return env


def _command(out_dir, k):
    env = " ".join("%s=%s" % (k_, shlex.quote(v)) for k_, v in _environment().items())
    cmd = "%s -m mentormatch.sweep run %s --run %d" % (shlex.quote(sys.executable),
                                                       shlex.quote(out_dir), k)
    return (env + " " + cmd) if env else cmd


def prepare(spec_path, out_dir):
    """OUT/spec.json: the spec with its instance paths made absolute."""
    spec = load_spec(spec_path)
    base = os.path.dirname(os.path.abspath(spec_path))
    if "instances" in spec:
        spec["instances"] = [os.path.normpath(os.path.join(base, p))
                             for p in _axis(spec["instances"])]
    runs = runs_of(spec, base)
    os.makedirs(os.path.join(out_dir, "runs"), exist_ok=True)
    _write_atomic(os.path.join(out_dir, "spec.json"), json.dumps(spec, indent=1) + "\n")
    return spec, runs


def emit_parallel(out_dir, runs):
    path = os.path.join(out_dir, "jobs.txt")
    _write_atomic(path, "".join(_command(out_dir, r["run"]) + "\n" for r in runs))
    return ("%s: %d jobs; run them with\n  parallel --jobs 2 < %s\n  (or parallel "
            "--sshloginfile HOSTS < %s, OUT on a shared file system)\nthen\n  %s -m "
            "mentormatch.sweep merge %s" % (path, len(runs), path, path, sys.executable, out_dir))


def emit_slurm(out_dir, runs, spec):
    timeout = _timeout_of(spec)
    minutes = max(1, int(math.ceil(timeout / 60.0)) + 1) if timeout else 60
    env = "".join("export %s=%s\n" % (k, shlex.quote(v)) for k, v in _environment().items())
    path = os.path.join(out_dir, "sweep.sbatch")
    _write_atomic(path, "#!/bin/sh\n"
                  "#SBATCH --job-name=mentormatch-sweep\n"
                  "#SBATCH --array=0-%d\n"
                  "#SBATCH --cpus-per-task=1\n"
                  "#SBATCH --time=%d\n"
                  "#SBATCH --output=%s/logs/%%a.out\n"
                  "# One run a task; each writes runs/NNNN.json; merge when all are done.\n"
                  "%sexec %s -m mentormatch.sweep run %s --run \"$SLURM_ARRAY_TASK_ID\"\n"
                  % (len(runs) - 1, minutes, out_dir, env, shlex.quote(sys.executable),
                     shlex.quote(out_dir)))
    os.makedirs(os.path.join(out_dir, "logs"), exist_ok=True)
    return ("%s: an array of %d tasks; submit with\n  sbatch %s\nthen\n  %s -m "
            "mentormatch.sweep merge %s" % (path, len(runs), path, sys.executable, out_dir))


def run_local(out_dir, runs, jobs):
    """Each run as the job files run it (`run DIR --run K`), `jobs` at a time."""
    def one(run):
        done = subprocess.run(_command(out_dir, run["run"]), shell=True)
        with open(os.path.join(out_dir, "runs", "%04d.json" % run["run"])) as f:
            status = json.load(f)["status"] if done.returncode == 0 else "crashed"
        print("sweep: run %d/%d %s %s seed %s: %s" % (run["run"] + 1, len(runs), run["label"],
                                                     run["strategy"], run["seed"], status),
              file=sys.stderr)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(one, runs))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["_work"]:
            spec = load_spec(os.path.join(argv[1], "spec.json"))
            run = runs_of(spec, argv[1])[int(argv[2])]
            print(json.dumps(work(run, spec)))
            return 0
        if argv[:1] == ["run"]:
            p = argparse.ArgumentParser(prog="python3 -m mentormatch.sweep run")
            p.add_argument("dir")
            p.add_argument("--run", type=int, required=True)
            a = p.parse_args(argv[1:])
            run_one(os.path.abspath(a.dir), a.run)
            return 0
        if argv[:1] == ["merge"]:
            p = argparse.ArgumentParser(prog="python3 -m mentormatch.sweep merge",
                                        description="Merge run records into one CSV.")
            p.add_argument("dirs", nargs="+", help="sweep directories or record files")
            p.add_argument("-o", "--output", help="the CSV (default: FIRST_DIR/results.csv)")
            a = p.parse_args(argv[1:])
            sys.stdout.write(merge(a.dirs, a.output or os.path.join(a.dirs[0], "results.csv")))
            return 0
        p = argparse.ArgumentParser(prog="python3 -m mentormatch.sweep",
                                    description="Run a sweep of mentormatch solves.",
                                    epilog=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("spec", help="the sweep's JSON spec (bench/sweeps/*.json)")
        p.add_argument("--out", help="directory for runs and results (default: sweep-SPECNAME)")
        p.add_argument("--jobs", type=int, default=1, help="runs at a time here (default 1)")
        p.add_argument("--emit", choices=["parallel", "slurm"],
                       help="write a GNU parallel job file or a Slurm array script, run nothing")
        a = p.parse_args(argv)
        out_dir = os.path.abspath(a.out or "sweep-" + os.path.splitext(os.path.basename(a.spec))[0])
        spec, runs = prepare(a.spec, out_dir)
        if a.emit == "parallel":
            print(emit_parallel(out_dir, runs))
        elif a.emit == "slurm":
            print(emit_slurm(out_dir, runs, spec))
        else:
            run_local(out_dir, runs, a.jobs)
            sys.stdout.write(merge([out_dir], os.path.join(out_dir, "results.csv")))
        return 0
    except SpecError as e:
        print("sweep: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
