#!/usr/bin/env python3
"""Strategy benchmark: every strategy on the shipped examples and on
generated tiers, through the sweep of bench/sweeps/strategies.json; a thin
front end kept for its old options (python3 -m mentormatch.sweep is the tool).

    python3 bench/strategies.py [--mentormatch build/mentormatch]
        [--tiers org,program,large] [--strategies ilp,greedy,...]
        [--seeds 1,2,3] [--time-limit 60] [--jobs 2] [--out build/bench-strategies]

Tiers are the spec's "generate" entries (org 200 students, program 6,000,
large 50,000); a tier's instance takes each seed in turn, as rsd does. Each
run has --time-limit seconds (status "feasible" when it stops a search);
results.csv, results.md and results.png go to --out. --mentormatch names a
build tree's command: its libmentormatch.so and the tree's python/ are used.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "sweeps", "strategies.json")


def main():
    with open(SPEC) as f:
        spec = json.load(f)
    tiers = [g["label"] for g in spec["generate"]]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "),
                                     epilog=__doc__.split("\n\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentormatch", help="a build tree's mentormatch command")
    parser.add_argument("--tiers", default=",".join(tiers), help="of %s" % ", ".join(tiers))
    parser.add_argument("--strategies", default=",".join(spec["strategies"]))
    parser.add_argument("--seeds", default="1", help="comma-separated (default 1)")
    parser.add_argument("--time-limit", type=float, default=spec["time_limit"])
    parser.add_argument("--jobs", type=int, default=1, help="runs at a time (default 1)")
    parser.add_argument("--out", default="bench-strategies")
    args = parser.parse_args()
    chosen = [t for t in args.tiers.split(",") if t]
    unknown = [t for t in chosen if t not in tiers]
    if unknown:
        parser.error("unknown tier '%s'; the tiers are %s" % (unknown[0], ", ".join(tiers)))
    try:
        seeds = [int(s) for s in args.seeds.split(",") if s]
    except ValueError:
        parser.error("--seeds takes whole numbers separated by commas, not '%s'" % args.seeds)
    spec.update(strategies=[s for s in args.strategies.split(",") if s], seeds=seeds,
                time_limit=args.time_limit,
                generate=[g for g in spec["generate"] if g["label"] in chosen],
                instances=[os.path.normpath(os.path.join(HERE, "sweeps", p))
                           for p in spec["instances"]])
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "strategies-spec.json")
    with open(path, "w") as f:
        json.dump(spec, f, indent=1)
    env = dict(os.environ)
    if args.mentormatch:
        build = os.path.dirname(os.path.abspath(args.mentormatch))
        env["MENTORMATCH_LIBRARY"] = os.path.join(build, "libmentormatch.so")
        env["PYTHONPATH"] = os.pathsep.join(
            [os.path.join(HERE, "..", "python")] + [p for p in [env.get("PYTHONPATH")] if p])
    return subprocess.call([sys.executable, "-m", "mentormatch.sweep", path, "--out", args.out,
                            "--jobs", str(args.jobs)], env=env)


if __name__ == "__main__":
    sys.exit(main())
