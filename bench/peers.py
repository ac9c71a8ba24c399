#!/usr/bin/env python3
"""mentormatch against general solvers handed the same model, in one run.

For each tier (instances from bench/mm_bench's cache, generated when
missing), this times:

  floor     mentormatch check: reading and validating only
  ours      mentormatch solve: the whole run (read, validate, model, solve,
            write), default solver (network flow where it proves the optimum)
  ours/glpk mentormatch solve --solver glpk: the same run, GLPK only
  glpsol    glpsol on the exported CPLEX LP file (its own reported solve time)
  cbc       CBC (Debian coinor-cbc) on the same LP file (its reported time)
  highs     HiGHS through scipy.optimize.milp on the exported MPS file,
            timing only the milp call

Peers get the score phase only: `mentormatch export` solves the count phase
(count-then-score) first and fixes the count in the file, so their task is
smaller than ours. Every finished run's score must agree with ours within the
contract's tolerance, 1e-6 * max(1, |optimum|), or the script exits 1.
Peak memory is each process's maximum RSS (wait4); for HiGHS, the Python
process's. Peers missing from the machine are reported as such, not run.

usage: bench/peers.py --mentormatch PATH --gen PATH [--cache DIR]
                      [--tier t2] [--tier t3] [--timeout SECONDS] [--repeat N]
                      [--markdown FILE]
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TIERS = {  # students, ideas, mentors, applications, orgs (as bench_solve.c)
    "t1": (200, 50, 30, 3, 5),
    "t2": (6000, 1500, 800, 5, 30),
    "t3": (50000, 10000, 5000, 8, 100),
    "t4": (200000, 40000, 20000, 10, 200),
}


def instance(args, tier):
    s, i, m, a, o = TIERS[tier]
    name = f"{tier}-s{s}-i{i}-m{m}-a{a}-o{o}-mm0.3-z1-seed1-g1.json"
    path = os.path.join(args.cache, name)
    if not os.path.exists(path):
        os.makedirs(args.cache, exist_ok=True)
        subprocess.run([args.gen, "--students", str(s), "--ideas", str(i), "--mentors", str(m),
                        "--apps", str(a), "--orgs", str(o), "--multi-mentor", "0.3", "--zipf", "1",
                        "--seed", "1", "-o", path], check=True)
    return path


def timed(cmd, timeout):
    """Run cmd; return (seconds, peak RSS in MB, exit code, output). GNU time
    measures the peak: a forked Python child's own count would include the
    parent's pages from before exec."""
    with tempfile.NamedTemporaryFile("r") as rss:
        start = time.monotonic()
        # Its own session, so a timeout kills the solver and not only GNU time.
        proc = subprocess.Popen(["/usr/bin/time", "-q", "-f", "%M", "-o", rss.name] + cmd,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return timeout, 0.0, "timeout", ""
        seconds = time.monotonic() - start
        lines = rss.read().split()
    mb = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else 0.0
    return seconds, mb, proc.returncode, output.decode("utf-8", "replace")


def best_of(runs):
    ok = [r for r in runs if r[2] == 0]
    return min(ok, key=lambda r: r[0]) if ok else runs[0]


def ours(args, path, extra):
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        result = os.path.join(tmp, "result.json")
        for _ in range(args.repeat):
            runs.append(timed([args.mentormatch, "solve", path, "-o", result, "-q"] + extra,
                              args.timeout))
        r = best_of(runs)
        if r[2] != 0:
            return {"seconds": r[0], "mb": r[1], "status": str(r[2])}
        with open(result) as f:
            doc = json.load(f)
    return {"seconds": r[0], "mb": r[1], "status": doc["status"],
            "score": doc["objective"]["score"], "assigned": doc["objective"]["assigned"],
            "solver": doc["stats"].get("solver", "")}


def glpsol(args, lp):
    if not shutil.which("glpsol"):
        return {"status": "not installed"}
    r = timed(["glpsol", "--lp", lp, "--tmlim", str(int(args.timeout))], args.timeout + 5)
    if r[2] != 0:
        return {"seconds": r[0], "mb": r[1], "status": str(r[2])}
    used = re.findall(r"Time used:\s+([0-9.]+) secs", r[3])
    score = re.findall(r"\+\s*\d+:\s+mip\s+=\s+([-+0-9.eE]+)\s+<=", r[3])
    status = "optimal" if "INTEGER OPTIMAL SOLUTION FOUND" in r[3] else "not proven"
    return {"seconds": float(used[-1]) if used else r[0], "mb": r[1], "status": status,
            "score": float(score[-1]) if score else None}


def cbc(args, lp):
    exe = shutil.which("cbc")
    if not exe:
        return {"status": "not installed"}
    r = timed([exe, lp, "sec", str(int(args.timeout)), "solve", "quit"], args.timeout + 5)
    if r[2] != 0:
        return {"seconds": r[0], "mb": r[1], "status": str(r[2])}
    wall = re.findall(r"Total time \(CPU seconds\):\s+([0-9.]+)\s+\(Wallclock seconds\):\s+([0-9.]+)",
                      r[3])
    obj = re.findall(r"Objective value:\s+([-+0-9.eE]+)", r[3])
    status = "optimal" if "Optimal solution found" in r[3] else "not proven"
    return {"seconds": float(wall[-1][1]) if wall else r[0], "mb": r[1], "status": status,
            "score": abs(float(obj[-1])) if obj else None}


HIGHS = r'''
import sys, time, json, resource
import numpy as np
from scipy.optimize import milp, LinearConstraint, Bounds
from scipy.sparse import coo_matrix
rows, kinds, cols, cost, entries, rhs, bounds = {}, [], {}, {}, [], {}, {}
section = None
for line in open(sys.argv[1]):
    if not line.strip() or line.startswith("*"):
        continue
    if not line[0].isspace():
        section = line.split()[0]
        continue
    f = line.split()
    if section == "ROWS":
        if f[0] == "N":
            objective = f[1]
        else:
            rows[f[1]] = len(kinds); kinds.append(f[0])
    elif section == "COLUMNS":
        if f[0] == "MARKER" or (len(f) > 1 and f[1] == "'MARKER'"):
            continue
        j = cols.setdefault(f[0], len(cols))
        for k in range(1, len(f) - 1, 2):
            if f[k] == objective:
                cost[j] = float(f[k + 1])
            else:
                entries.append((rows[f[k]], j, float(f[k + 1])))
    elif section == "RHS":
        for k in range(1, len(f) - 1, 2):
            if f[k] in rows:
                rhs[rows[f[k]]] = float(f[k + 1])
    elif section == "RANGES":
        for k in range(1, len(f) - 1, 2):
            bounds[rows[f[k]]] = float(f[k + 1])
n, m = len(cols), len(kinds)
c = np.zeros(n)
for j, v in cost.items():
    c[j] = v
r, k, v = zip(*entries) if entries else ((), (), ())
A = coo_matrix((v, (r, k)), shape=(m, n)).tocsr()
lo, hi = np.full(m, -np.inf), np.full(m, np.inf)
for i, kind in enumerate(kinds):
    b = rhs.get(i, 0.0)
    if kind == "L": hi[i] = b
    elif kind == "G": lo[i] = b
    else: lo[i] = hi[i] = b
    if i in bounds:
        span = abs(bounds[i])
        if kind == "L": lo[i] = b - span
        elif kind == "G": hi[i] = b + span
        elif bounds[i] > 0: hi[i] = b + span
        else: lo[i] = b - span
start = time.monotonic()
res = milp(c, constraints=LinearConstraint(A, lo, hi), integrality=np.ones(n),
           bounds=Bounds(0, 1), options={"time_limit": float(sys.argv[2])})
seconds = time.monotonic() - start
print(json.dumps({"seconds": seconds, "status": "optimal" if res.status == 0 else "not proven",
                  "score": -res.fun if res.fun is not None else None}))
'''


def scipy_python():
    """A Python with SciPy: Debian's python3-scipy lives in /usr/bin/python3."""
    for exe in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(exe) and subprocess.run([exe, "-c", "import scipy.optimize"],
                                                  capture_output=True).returncode == 0:
            return exe
    return None


def highs(args, mps):
    exe = scipy_python()
    if not exe:
        return {"status": "not installed"}
    r = timed([exe, "-c", HIGHS, mps, str(args.timeout)], args.timeout + 60)
    if r[2] != 0:
        return {"seconds": r[0], "mb": r[1], "status": str(r[2])}
    doc = json.loads(r[3].strip().splitlines()[-1])
    doc["mb"] = r[1]
    return doc


def run_tier(args, tier):
    path = instance(args, tier)
    floor = best_of([timed([args.mentormatch, "check", path], args.timeout)
                     for _ in range(args.repeat)])
    row = {"tier": tier, "floor": {"seconds": floor[0], "mb": floor[1], "status": "valid"}}
    row["ours"] = ours(args, path, [])
    row["ours/glpk"] = ours(args, path, ["--solver", "glpk"]) if not args.skip_glpk else {
        "status": "skipped"}
    with tempfile.TemporaryDirectory() as tmp:
        lp, mps = os.path.join(tmp, "model.lp"), os.path.join(tmp, "model.mps")
        subprocess.run([args.mentormatch, "export", path, "--lp", lp, "--mps", mps], check=True)
        row["glpsol"] = glpsol(args, lp)
        row["cbc"] = cbc(args, lp)
        row["highs"] = highs(args, mps)
    return row


def agree(row):
    best = row["ours"].get("score")
    if best is None:
        return True
    ok = True
    for name in ("ours/glpk", "glpsol", "cbc", "highs"):
        r = row[name]
        if r.get("status") == "optimal" and r.get("score") is not None:
            if abs(r["score"] - best) > 1e-6 * max(1, abs(best)):
                print(f"bench: {row['tier']} {name} score {r['score']} != ours {best}",
                      file=sys.stderr)
                ok = False
    return ok


def cell(r, ours_seconds):
    if "seconds" not in r:
        return r["status"]
    ratio = r["seconds"] / ours_seconds if ours_seconds else 0
    note = "" if r["status"] in ("optimal", "valid") else f" ({r['status']})"
    return f"{r['seconds']:.2f} s, {r['mb']:.0f} MB, x{ratio:.1f}{note}"


def table(rows):
    names = ["floor", "ours", "ours/glpk", "glpsol", "cbc", "highs"]
    out = ["| tier | " + " | ".join(names) + " |", "|---|" + "--:|" * len(names)]
    for row in rows:
        base = row["ours"].get("seconds")
        out.append(f"| {row['tier']} | " + " | ".join(cell(row[n], base) for n in names) + " |")
    out.append("")
    out.append("Each cell: best time, peak RSS, and time as a multiple of ours (x1.0 = ours). "
               "floor: `mentormatch check` (read and validate); ours: `mentormatch solve`, the "
               "whole run; peers: their solve time only, on the exported model of the score phase.")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentormatch", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--cache", default="bench/cache")
    ap.add_argument("--tier", action="append")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-glpk", action="store_true", help="do not run ours with --solver glpk")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    rows = []
    for tier in args.tier or ["t2"]:
        print(f"bench: {tier}", file=sys.stderr)
        rows.append(run_tier(args, tier))
    text = table(rows)
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text + "\n")
    return 0 if all(agree(r) for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
