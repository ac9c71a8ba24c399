#!/usr/bin/env python3
"""Re-allocation from a baseline (issue 17 item 4), against HiGHS in the same run.

A 6,000-student program (t2's sizes, 30 orgs) is solved and announced; 5% of
its students (a seeded sample) withdraw; the rest is re-solved with
`solve --baseline` (SPEC 8). HiGHS gets `export --mps --baseline`'s score
phase (tier 1 and the count already fixed in the file). Optionally the same
with two quotas (--quotas: a per-org university cap, a program-wide minimum
of first-timers).

usage: bench/reallocation.py --mentormatch PATH [--quotas] [--repeat N] [--timeout S]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402  (timed, best_of, highs)

SIZES = ["--students", "6000", "--ideas", "1500", "--mentors", "800", "--apps", "5",
         "--orgs", "30", "--multi-mentor", "0.3", "--seed", "1"]
QUOTAS = ["--universities", "40", "--first-time", "0.3", "--quota", "university:org::4",
          "--quota", "first_time=true:program:450:"]


def withdraw(doc, share, seed):
    """doc without a seeded `share` of its students and what names them."""
    rng = random.Random(seed)
    ids = [s["id"] for s in doc["students"]]
    gone = set(rng.sample(ids, round(share * len(ids))))
    doc["students"] = [s for s in doc["students"] if s["id"] not in gone]
    for key in ("ratings", "conflicts", "fixed", "forbidden"):
        if key in doc:
            doc[key] = [x for x in doc[key] if x["student"] not in gone]
    return len(gone)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentormatch", required=True)
    ap.add_argument("--quotas", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    mm = args.mentormatch
    with tempfile.TemporaryDirectory() as tmp:
        doc_path, told, after = (os.path.join(tmp, n) for n in ("doc.json", "told.json", "after.json"))
        subprocess.run([mm, "generate"] + SIZES + (QUOTAS if args.quotas else []) + ["-o", doc_path],
                       check=True)
        subprocess.run([mm, "solve", "-q", doc_path, "-o", told], check=True)
        with open(doc_path) as f:
            doc = json.load(f)
        n_gone = withdraw(doc, 0.05, 17)
        with open(after, "w") as f:
            json.dump(doc, f)
        ours = peers.ours(args, after, ["--baseline", told])
        mps = os.path.join(tmp, "m.mps")
        subprocess.run([mm, "export", "--mps", mps, "--baseline", told, after], check=True)
        highs = peers.highs(args, mps, "mip")
    print(f"| withdrawn | ours | status | solver | HiGHS MIP (score phase) | HiGHS / ours |")
    print(f"|--:|--:|---|---|--:|--:|")
    ratio = (f"{highs['seconds'] / ours['seconds']:.1f}x" if highs.get("seconds") and
             highs.get("status") == "optimal" else "-")
    print(f"| {n_gone} | {ours['seconds']:.2f} s, {ours['mb']:.0f} MB | {ours['status']} | "
          f"{ours.get('solver', '')} | {highs.get('seconds', 0):.2f} s ({highs.get('status')}) | {ratio} |")
    if highs.get("status") == "optimal" and not peers.close(highs["score"], ours.get("score", 0)):
        print(f"OPTIMA DISAGREE: HiGHS {highs['score']} != ours {ours.get('score')}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
