#!/usr/bin/env python3
"""ctest bench_peers: bench/peers.py --quick on a build tree, and its checks.

  test_peers.py BUILD_DIR

1. --quick runs the small tiers with every peer installed here and exits 0:
   both tables, every tier, the flow certified, LEMON (where built) on the
   same optimum, and the closing line saying the optima agree.
2. A peer that reports another optimum (a fake glpsol first in PATH) makes
   the script exit 1 and name the tier, the peer and both scores.
3. A peer that never ends (a fake cbc that sleeps) is reported "timeout"
   and the run goes on. No time is asserted anywhere."""
import os
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.abspath(sys.argv[1])
failures = []


def check(ok, what, output=""):
    if not ok:
        failures.append(what)
        print(f"FAIL: {what}\n{output}", file=sys.stderr)


def peers(cache, *extra, path=None):
    env = dict(os.environ)
    if path:
        env["PATH"] = path + os.pathsep + env["PATH"]
    return subprocess.run([sys.executable, os.path.join(HERE, "peers.py"), "--build", BUILD,
                           "--cache", cache] + list(extra),
                          capture_output=True, text=True, env=env)


def fake(folder, name, body):
    exe = os.path.join(folder, name)
    with open(exe, "w") as f:
        f.write("#!/bin/sh\n" + body)
    os.chmod(exe, os.stat(exe).st_mode | stat.S_IEXEC)


with tempfile.TemporaryDirectory() as tmp:
    cache = os.path.join(tmp, "cache")
    r = peers(cache, "--quick")
    out = r.stdout
    check(r.returncode == 0, f"--quick exits 0 (got {r.returncode})", out + r.stderr)
    check("| fastest peer / ours | ours / floor |" in out, "the solvers' table", out)
    check("| LEMON / flow | same optimum |" in out, "the flow's table", out)
    for tier in ("t1", "fq"):
        rows = [line for line in out.splitlines() if line.startswith(f"| {tier} |")]
        check(len(rows) == 2, f"{tier}: a row in each table", out)
        if len(rows) == 2:
            check("[network" in rows[0], f"{tier}: ours solved, the solver named", rows[0])
            lemon_built = os.path.exists(os.path.join(BUILD, "bench", "mm_lemon"))
            check(rows[1].endswith("| yes |") if lemon_built else "not installed" in rows[1],
                  f"{tier}: LEMON on the flow's optimum", rows[1])
    check("Optima: every solver that finished agrees" in out, "the closing line", out)

    # 2. A wrong optimum is caught, loudly.
    bin_dir = os.path.join(tmp, "bin")
    os.mkdir(bin_dir)
    fake(bin_dir, "glpsol", "echo '+   10: mip =   1.000000000e+00 <=     tree is empty'\n"
         "echo 'INTEGER OPTIMAL SOLUTION FOUND'\necho 'Time used:   0.0 secs'\n")
    r = peers(cache, "--tier", "t1", "--peers", "glpsol", "--repeat", "1", path=bin_dir)
    check(r.returncode == 1, f"a wrong optimum exits 1 (got {r.returncode})", r.stdout + r.stderr)
    check("OPTIMA DISAGREE" in r.stdout and "t1: glpsol: score 1.0 != ours" in r.stderr,
          "the disagreement named (tier, peer, both scores)", r.stdout + r.stderr)

    # 3. A hung peer is cut at its time limit and reported.
    fake(bin_dir, "cbc", "exec sleep 600\n")
    r = peers(cache, "--tier", "t1", "--peers", "cbc", "--repeat", "1", "--timeout", "1",
              path=bin_dir)
    row = [line for line in r.stdout.splitlines() if line.startswith("| t1 |")]
    check(r.returncode == 0, f"a hung peer is no failure (got {r.returncode})",
          r.stdout + r.stderr)
    check(row and "timeout (1 s)" in row[0], "the hung peer shows 'timeout'", r.stdout)

print(f"{0 if failures else 1} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
