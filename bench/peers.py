#!/usr/bin/env python3
"""mentormatch against general solvers handed the same model, in one run.

For each tier (instances generated once into the cache), this times:

  floor     mentormatch check: reading and validating only
  ours      mentormatch solve: the whole run (read, validate, model, solve,
            write) with the default solver
  glpk      (with --glpk) mentormatch solve --solver glpk, the same run
  glpsol    glpsol on the exported CPLEX LP file (its own reported time)
  cbc       CBC (Debian coinor-cbc) on the same LP file (its reported time)
  highs     HiGHS's MIP through scipy.optimize.milp on the exported MPS
            file, timing only the milp call
  highs-lp  the same with integrality dropped: HiGHS's LP relaxation
  flow      the library's own flow on the network mentormatch solves
            (bench/mm_netdump: laying out and routing, the reading and
            building left out), against
  lemon     LEMON's NetworkSimplex on that same network, written as a DIMACS
            file (bench/mm_lemon: building the graph and run())

Peers get the score phase only: `mentormatch export` solves the count phase
(count-then-score) first and fixes the count in the file. Every finished
run's score must agree with ours within the contract's tolerance,
1e-6 * max(1, |optimum|); HiGHS's LP must agree where its solution is
integral and be no lower where it is not (a relaxation bounds the optimum);
LEMON's optimal cost must equal the flow's exactly (integers). Otherwise the
script names each disagreement and exits 1. Peak memory is each process's
maximum resident set size from /usr/bin/time -v. Each peer has a time limit
(--timeout); one that reaches it is reported as "timeout", never waited for.
Peers missing from the machine are reported as such, not run
(bench/setup-peers.sh installs them).

usage: bench/peers.py [--build DIR] [--quick] [--tier NAME]... [--peers LIST]
                      [--timeout SECONDS] [--repeat N] [--glpk]
                      [--markdown FILE] [--json FILE]
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

# Plain tiers: mm_gen (students, ideas, mentors, applications, orgs), as
# bench_solve.c, with --multi-mentor 0.3 --zipf 1 --seed 1.
PLAIN = {
    "t1": (200, 50, 30, 3, 5),
    "t2": (6000, 1500, 800, 5, 30),
    "t3": (50000, 10000, 5000, 8, 100),
    "t4": (200000, 40000, 20000, 10, 200),
}
# Feature-rich tiers: `mentormatch generate` (orgs whose mentors lead ideas
# elsewhere, 50 conflicts per 1,000 students). f8k and f50k are issue 19's;
# f200k scales f50k by 4 (students, ideas, mentors, orgs), apps and conflict
# rate kept; fq is f8k scaled down for --quick.
FEATURE = {
    "fq": "--students 1000 --ideas 200 --mentors 100 --orgs 4 --apps 5 --conflicts 50 --seed 3",
    "f8k": "--students 8000 --ideas 1600 --mentors 800 --orgs 10 --apps 5 --conflicts 50 --seed 3",
    "f50k": "--students 50000 --ideas 10000 --mentors 5000 --orgs 50 --apps 5 --conflicts 50 "
            "--seed 7",
    "f200k": "--students 200000 --ideas 40000 --mentors 20000 --orgs 200 --apps 5 --conflicts 50 "
             "--seed 11",
}
FULL_TIERS = ["t2", "t3", "t4", "f8k", "f50k", "f200k"]
QUICK_TIERS = ["t1", "fq"]
PEERS = ["glpsol", "cbc", "highs", "highs-lp", "lemon"]
SOLVERS = ["glpsol", "cbc", "highs", "highs-lp"]  # peers of the whole solve


def instance(args, tier):
    """The tier's document in the cache, generated when missing; its name
    records every generator argument."""
    if tier in PLAIN:
        s, i, m, a, o = PLAIN[tier]
        name = f"{tier}-s{s}-i{i}-m{m}-a{a}-o{o}-mm0.3-z1-seed1-g1.json"
        cmd = [args.gen, "--students", str(s), "--ideas", str(i), "--mentors", str(m),
               "--apps", str(a), "--orgs", str(o), "--multi-mentor", "0.3", "--zipf", "1",
               "--seed", "1"]
    else:
        flags = FEATURE[tier].split()
        name = tier + "-" + "-".join(f.lstrip("-") for f in flags) + ".json"
        cmd = [args.mentormatch, "generate"] + flags
    path = os.path.join(args.cache, name)
    if not os.path.exists(path):
        os.makedirs(args.cache, exist_ok=True)
        subprocess.run(cmd + ["-o", path], check=True)
    return path


def timed(cmd, timeout):
    """Run cmd under GNU time -v; return (seconds, peak RSS in MB, exit code
    or "timeout", output). GNU time measures the peak: a forked Python
    child's own count would include the parent's pages from before exec."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.monotonic()
        # Its own session, so a timeout kills the solver and not only GNU time.
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", report.name] + cmd,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return timeout, 0.0, "timeout", ""
        seconds = time.monotonic() - start
        peak = re.findall(r"Maximum resident set size \(kbytes\): (\d+)", report.read())
    mb = int(peak[-1]) / 1024 if peak else 0.0
    return seconds, mb, proc.returncode, output.decode("utf-8", "replace")


def failed(r):
    """A run that did not end with exit 0, as a result entry."""
    status = "timeout" if r[2] == "timeout" else f"exit {r[2]}"
    return {"seconds": r[0], "mb": r[1], "status": status}


def best_of(runs):
    ok = [r for r in runs if r[2] == 0]
    return min(ok, key=lambda r: r[0]) if ok else runs[0]


def floor(args, path):
    r = best_of([timed([args.mentormatch, "check", path], args.timeout)
                 for _ in range(args.repeat)])
    return {"seconds": r[0], "mb": r[1], "status": "valid"} if r[2] == 0 else failed(r)


def ours(args, path, extra):
    with tempfile.TemporaryDirectory() as tmp:
        result = os.path.join(tmp, "result.json")
        r = best_of([timed([args.mentormatch, "solve", path, "-o", result, "-q"] + extra,
                           args.timeout) for _ in range(args.repeat)])
        if r[2] != 0:
            return failed(r)
        with open(result) as f:
            doc = json.load(f)
    return {"seconds": r[0], "mb": r[1], "status": doc["status"],
            "score": doc["objective"]["score"], "assigned": doc["objective"]["assigned"],
            "solver": doc["stats"].get("solver", "")}


def glpsol(args, lp):
    if not shutil.which("glpsol"):
        return {"status": "not installed"}
    r = timed(["glpsol", "--lp", lp, "--tmlim", str(int(args.timeout))], args.timeout + 10)
    if r[2] != 0:
        return failed(r)
    used = re.findall(r"Time used:\s+([0-9.]+) secs", r[3])
    score = re.findall(r"\+\s*\d+:\s+mip\s+=\s+([-+0-9.eE]+)\s+<=", r[3])
    status = ("optimal" if "INTEGER OPTIMAL SOLUTION FOUND" in r[3] else
              "timeout" if "TIME LIMIT EXCEEDED" in r[3] else "not proven")
    return {"seconds": float(used[-1]) if used else r[0], "mb": r[1], "status": status,
            "score": float(score[-1]) if score else None}


def cbc(args, lp):
    exe = shutil.which("cbc")
    if not exe:
        return {"status": "not installed"}
    r = timed([exe, lp, "sec", str(int(args.timeout)), "solve", "quit"], args.timeout + 10)
    if r[2] != 0:
        return failed(r)
    wall = re.findall(r"Total time \(CPU seconds\):\s+([0-9.]+)\s+\(Wallclock seconds\):\s+([0-9.]+)",
                      r[3])
    obj = re.findall(r"Objective value:\s+([-+0-9.eE]+)", r[3])
    status = ("optimal" if "Optimal solution found" in r[3] else
              "timeout" if "Stopped on time" in r[3] else "not proven")
    return {"seconds": float(wall[-1][1]) if wall else r[0], "mb": r[1], "status": status,
            "score": abs(float(obj[-1])) if obj else None}


# argv: MPS file, time limit, "mip" or "lp". Prints one JSON line.
HIGHS = r'''
import sys, time, json
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
integral = sys.argv[3] == "mip"
start = time.monotonic()
res = milp(c, constraints=LinearConstraint(A, lo, hi),
           integrality=np.ones(n) if integral else np.zeros(n),
           bounds=Bounds(0, 1), options={"time_limit": float(sys.argv[2])})
seconds = time.monotonic() - start
status = {0: "optimal", 1: "timeout"}.get(res.status, "not proven")
frac = float(np.max(np.abs(res.x - np.round(res.x)))) if res.x is not None and n else 0.0
print(json.dumps({"seconds": seconds, "status": status, "fractional": frac,
                  "score": -res.fun if res.fun is not None else None}))
'''


def scipy_python():
    """A Python with SciPy: Debian's python3-scipy lives in /usr/bin/python3."""
    for exe in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(exe) and subprocess.run([exe, "-c", "import scipy.optimize"],
                                                  capture_output=True).returncode == 0:
            return exe
    return None


def highs(args, mps, kind):
    exe = scipy_python()
    if not exe:
        return {"status": "not installed"}
    # Reading the MPS file in Python is not timed, but must end too.
    r = timed([exe, "-c", HIGHS, mps, str(args.timeout), kind], 2 * args.timeout + 60)
    if r[2] != 0:
        return failed(r)
    doc = json.loads(r[3].strip().splitlines()[-1])
    doc["mb"] = r[1]
    return doc


def flow_and_lemon(args, path, tmp, run_lemon):
    """The flow's solve of its network (mm_netdump) and LEMON's of the same
    network, written to a DIMACS file."""
    network = os.path.join(tmp, "network.min")
    r = timed([args.netdump, path, "-o", network], args.timeout)
    if r[2] != 0:
        return failed(r), {"status": "no network"}
    flow = json.loads(r[3].strip().splitlines()[-1])
    flow["seconds"] = flow["layout_seconds"] + flow["solve_seconds"]
    if not run_lemon:
        return flow, {"status": "skipped"}
    if not args.lemon or not os.path.exists(args.lemon):
        return flow, {"status": "not installed"}
    r = timed([args.lemon, network], args.timeout)
    if r[2] != 0:
        return flow, failed(r)
    lemon = json.loads(r[3].strip().splitlines()[-1])
    lemon["seconds"] = lemon["build_seconds"] + lemon["solve_seconds"]
    return flow, lemon


def run_tier(args, tier):
    path = instance(args, tier)
    row = {"tier": tier, "file_mb": os.path.getsize(path) / 1e6}
    with open(path, "rb") as f:
        row["students"] = len(json.load(f).get("students", []))
    row["floor"] = floor(args, path)
    row["ours"] = ours(args, path, [])
    if args.glpk:
        row["glpk"] = ours(args, path, ["--solver", "glpk"])
    with tempfile.TemporaryDirectory() as tmp:
        if set(SOLVERS) & set(args.peers):
            lp, mps = os.path.join(tmp, "model.lp"), os.path.join(tmp, "model.mps")
            r = timed([args.mentormatch, "export", path, "--lp", lp, "--mps", mps], args.timeout)
            exported = r[2] == 0
            for name in SOLVERS:
                if name not in args.peers:
                    row[name] = {"status": "skipped"}
                elif not exported:
                    row[name] = {"status": "no model (export " + failed(r)["status"] + ")"}
                elif name == "glpsol":
                    row[name] = glpsol(args, lp)
                elif name == "cbc":
                    row[name] = cbc(args, lp)
                else:
                    row[name] = highs(args, mps, "lp" if name == "highs-lp" else "mip")
        row["flow"], row["lemon"] = flow_and_lemon(args, path, tmp, "lemon" in args.peers)
    for name in SOLVERS + ["lemon"]:
        if row.get(name, {}).get("status") == "timeout":
            row[name]["seconds"] = args.timeout  # its limit, not the grace we gave it
    return row


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1, abs(b))


def disagreements(row):
    """Every finished solver against ours (and LEMON against the flow): a
    list of one-line messages, empty when all agree."""
    out, tier = [], row["tier"]
    if row["ours"]["status"] not in ("optimal",) and "score" in row["ours"]:
        out.append(f"{tier}: ours ended '{row['ours']['status']}', not optimal")
    finished = [(name, row[name]) for name in ["ours", "glpk"] + SOLVERS
                if row.get(name, {}).get("status") == "optimal" and
                row[name].get("score") is not None]
    integral = [(n, r) for n, r in finished if r.get("fractional", 0) <= 1e-6]
    if not integral:
        return out
    # Ours where it finished; else the first peer that did (the others
    # must still agree with each other).
    ref, best = integral[0][0], integral[0][1]["score"]
    who = "ours" if ref == "ours" else f"{ref}'s"
    for name, r in finished[1:] if finished[0][0] == ref else finished:
        if name == ref:
            continue
        if r.get("fractional", 0) > 1e-6:
            if r["score"] < best - 1e-6 * max(1, abs(best)):
                out.append(f"{tier}: {name}: LP bound {r['score']} is below {who} {best}")
        elif not close(r["score"], best):
            out.append(f"{tier}: {name}: score {r['score']} != {who} {best}")
    flow, lemon = row["flow"], row["lemon"]
    if flow.get("status") == "optimal" and not flow.get("certified"):
        out.append(f"{tier}: flow: optimality certificate failed")
    if flow.get("status") == "optimal" and lemon.get("status") == "optimal" and \
            flow["cost"] != lemon["cost"]:
        out.append(f"{tier}: lemon: network cost {lemon['cost']} != flow's {flow['cost']}")
    return out


def cell(r):
    if "seconds" not in r:
        return r["status"]
    if r["status"] == "timeout":
        return f"timeout ({r['seconds']:.0f} s)"
    mb = f", {r['mb']:.0f} MB" if r.get("mb") else ""
    note = "" if r["status"] in ("optimal", "valid") else f" ({r['status']})"
    if r.get("fractional", 0) > 1e-6:
        note += " (fractional)"
    return f"{r['seconds']:.2f} s{mb}{note}"


def fastest_peer(row):
    """(seconds, name, exact): the fastest peer's solve; exact is False when
    it is a time limit that a peer reached (the peer is slower still)."""
    best = None
    for name in SOLVERS:
        r = row.get(name, {})
        if r.get("status") in ("optimal", "timeout") and "seconds" in r:
            if name == "highs-lp" and r.get("fractional", 0) > 1e-6:
                continue  # a bound, not a solution
            entry = (r["seconds"], name, r["status"] == "optimal")
            if best is None or entry[0] < best[0]:
                best = entry
    return best


def ratio(x, y, exact=True):
    if x is None or not y:
        return "-"
    return f"{'' if exact else '> '}{x / y:.1f}x"


def table(rows, args):
    names = ["floor", "ours"] + (["glpk"] if args.glpk else []) + SOLVERS
    heads = ["floor (check)", "ours (solve)"] + (["ours --solver glpk"] if args.glpk else []) + \
        ["glpsol", "cbc", "highs MIP", "highs LP"]
    out = ["| tier | students | file MB | " + " | ".join(heads) +
           " | fastest peer / ours | ours / floor |",
           "|---|--:|--:|" + "--:|" * len(names) + "--:|--:|"]
    for row in rows:
        o, fl = row["ours"], row["floor"]
        our_s = o.get("seconds") if o["status"] == "optimal" else None
        fast = fastest_peer(row)
        peer = f"{ratio(fast[0], our_s, fast[2])} ({fast[1]})" if fast and our_s else "-"
        floor_s = fl.get("seconds") if fl["status"] == "valid" else None
        solver = f" [{o['solver']}]" if o.get("solver") else ""
        cells = [cell(row.get(n, {"status": "skipped"})) + (solver if n == "ours" else "")
                 for n in names]
        out.append(f"| {row['tier']} | {row['students']:,} | {row['file_mb']:.1f} | " +
                   " | ".join(cells) + f" | {peer} | {ratio(our_s, floor_s)} |")
    out += ["", "| tier | network nodes | arcs | flow: layout + route | LEMON NetworkSimplex: "
            "build + run | LEMON / flow | same optimum |", "|---|--:|--:|--:|--:|--:|---|"]
    for row in rows:
        f, lm = row["flow"], row["lemon"]
        same = ("yes" if f.get("cost") == lm.get("cost") else "NO") \
            if f.get("status") == "optimal" and lm.get("status") == "optimal" else "-"
        fc = (f"{f['layout_seconds']:.3f} + {f['solve_seconds']:.3f} s"
              if "layout_seconds" in f else cell(f))
        lc = (f"{lm['build_seconds']:.3f} + {lm['solve_seconds']:.3f} s"
              if "build_seconds" in lm else cell(lm))
        out.append(f"| {row['tier']} | {f.get('nodes', '-')} | {f.get('arcs', '-')} | {fc} | "
                   f"{lc} | {ratio(lm.get('seconds'), f.get('seconds'))} | {same} |")
    out.append("")
    out.append(f"Cells: best wall time of {args.repeat} run(s) for floor and ours (the whole "
               "process), peak RSS (GNU time), [the solver ours used]. Peers: their own solve "
               "time only, on the exported score phase (count fixed); time limit "
               f"{args.timeout:.0f} s each. fastest peer / ours: how many times faster ours is "
               "than the fastest peer that finished (highs LP counted where its answer is "
               "integral; '>' when a peer reached its limit first). ours / floor: ours' time as a "
               "multiple of `mentormatch check`'s. Flow and LEMON: the same network, in memory, "
               "reading left out.")
    return "\n".join(out)


def parse(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build",
                    help="build tree with mentormatch and bench/ (default: build)")
    ap.add_argument("--mentormatch")
    ap.add_argument("--gen")
    ap.add_argument("--netdump")
    ap.add_argument("--lemon")
    ap.add_argument("--cache", help="instances (default: BUILD/bench-cache)")
    ap.add_argument("--tier", action="append", choices=list(PLAIN) + list(FEATURE))
    ap.add_argument("--quick", action="store_true",
                    help=f"tiers {' '.join(QUICK_TIERS)} only, 1 run each (seconds)")
    ap.add_argument("--peers", default=",".join(PEERS),
                    help=f"comma-separated subset of {','.join(PEERS)} (default: all)")
    ap.add_argument("--timeout", type=float, help="seconds per run (default 300, quick 60)")
    ap.add_argument("--repeat", type=int, help="runs of floor and ours (default 3, quick 1)")
    ap.add_argument("--glpk", action="store_true", help="also time ours with --solver glpk")
    ap.add_argument("--markdown", help="write the tables to this file too")
    ap.add_argument("--json", help="write every measurement to this file")
    ap.add_argument("--render", metavar="JSON",
                    help="run nothing: print the tables of a saved --json file")
    args = ap.parse_args(argv)
    b = args.build
    args.mentormatch = args.mentormatch or os.path.join(b, "mentormatch")
    args.gen = args.gen or os.path.join(b, "bench", "mm_gen")
    args.netdump = args.netdump or os.path.join(b, "bench", "mm_netdump")
    args.lemon = args.lemon or os.path.join(b, "bench", "mm_lemon")
    args.cache = args.cache or os.path.join(b, "bench-cache")
    args.tiers = args.tier or (QUICK_TIERS if args.quick else FULL_TIERS)
    args.timeout = args.timeout or (60.0 if args.quick else 300.0)
    args.repeat = args.repeat or (1 if args.quick else 3)
    args.peers = [p for p in args.peers.split(",") if p]
    unknown = [p for p in args.peers if p not in PEERS]
    if unknown:
        ap.error(f"unknown peer '{unknown[0]}' (choose from {','.join(PEERS)})")
    for tool in (args.mentormatch, args.gen, args.netdump):
        if not args.render and not os.path.exists(tool):
            ap.error(f"{tool} not found (build it: cmake --build {b} --target mentormatch "
                     "mm_gen mm_netdump mm_lemon)")
    return args


def main(argv=None):
    args = parse(argv)
    rows = []
    if args.render:
        with open(args.render) as f:
            rows = json.load(f)
        args.tiers = []
    for tier in args.tiers:
        print(f"bench: {tier}", file=sys.stderr, flush=True)
        rows.append(run_tier(args, tier))
        for line in disagreements(rows[-1]):
            print(f"bench: {line}", file=sys.stderr, flush=True)
        if args.json:  # after every tier: a long run cut short keeps its figures
            with open(args.json, "w") as f:
                json.dump(rows, f, indent=1)
    text = table(rows, args)
    problems = [line for row in rows for line in disagreements(row)]
    text += "\n\n" + ("Optima: every solver that finished agrees (with ours; where ours did not finish, with the first peer that did)."
                      if not problems else "OPTIMA DISAGREE:\n" + "\n".join(problems))
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text + "\n")
    if problems:
        print("bench: FAILED: " + "; ".join(problems), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
