#!/usr/bin/env python3
"""Strategy benchmark: every strategy on the shipped examples and on generated
tiers, with the same metrics for each; writes a CSV, a Markdown table and an
SVG chart (metrics per strategy, time against size).

    python3 bench/strategies.py --mentormatch build/mentormatch \\
        [--tiers org,program,large] [--strategies ilp,greedy,...] \\
        [--time-limit 120] [--out build/bench-strategies]

Tiers come from `mentormatch generate` with seed 1 (cached in --out):
org 200 students, program 6,000, large 50,000. Each run has --time-limit
seconds; a run stopped by it reports status "feasible" (ilp) and its time.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import time

TIERS = {
    "org": ["--students", "200", "--ideas", "50", "--mentors", "30", "--apps", "3", "--orgs", "5"],
    "program": ["--students", "6000", "--ideas", "1500", "--mentors", "800", "--apps", "5",
                "--orgs", "30"],
    "large": ["--students", "50000", "--ideas", "10000", "--mentors", "5000", "--apps", "8",
              "--orgs", "100"],
}
STRATEGIES = ["ilp", "greedy", "stable", "stable-optimal", "rank-maximal", "rsd", "lp"]
COLUMNS = ["instance", "students", "strategy", "exit", "status", "assigned", "assigned_share",
           "score", "first_choice_share", "mean_rank", "blocking_pairs", "load_gini",
           "slots_unused", "seconds"]


def generate(binary, tier, out_dir):
    path = os.path.join(out_dir, "tier-%s-seed1.json" % tier)
    if not os.path.exists(path):
        tmp = path + ".tmp"
        subprocess.run([binary, "generate", "--seed", "1", "-o", tmp] + TIERS[tier], check=True)
        os.replace(tmp, path)
    return path


def run(binary, instance, strategy, time_limit):
    command = [binary, "solve", instance, "--strategy", strategy, "--seed", "1", "--quiet"]
    if time_limit > 0:
        command += ["--time-limit", str(time_limit)]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.monotonic() - started
    try:
        doc = json.loads(done.stdout) if done.returncode == 0 else None
    except json.JSONDecodeError:
        doc = None
    return done.returncode, doc, seconds


def row_of(name, students, strategy, code, doc, seconds):
    row = {"instance": name, "students": students, "strategy": strategy, "exit": code,
           "seconds": "%.3f" % seconds}
    if doc is None:
        row["status"] = "none in limit" if code == 4 else "error (exit %d)" % code
        return row
    metrics = doc["metrics"]
    assigned = metrics["assigned"]
    by_rank = metrics["by_rank"]
    row.update({
        "status": doc["status"],
        "assigned": assigned,
        "assigned_share": "%.3f" % (assigned / students if students else 0),
        "score": "%.4f" % doc["objective"]["score"],
        "first_choice_share": "%.3f" % (by_rank[0] / assigned if assigned and by_rank else 0),
        "mean_rank": "" if metrics["mean_rank"] is None else "%.3f" % metrics["mean_rank"],
        "blocking_pairs": metrics.get("blocking_pairs", ""),
        "load_gini": "%.3f" % metrics["mentor_load"]["gini"],
        "slots_unused": metrics["slots_unused"],
    })
    return row


def markdown(rows):
    head = ["instance", "strategy", "status", "assigned", "score", "1st choice", "mean rank",
            "blocking", "load Gini", "seconds"]
    keys = ["instance", "strategy", "status", "assigned", "score", "first_choice_share",
            "mean_rank", "blocking_pairs", "load_gini", "seconds"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        lines.append("| " + " | ".join(str(row.get(k, "")) for k in keys) + " |")
    return "\n".join(lines) + "\n"


def svg_chart(rows, strategies):
    """Left: first-choice share per strategy on each instance (bars).
    Right: seconds against students (log-log), one line per strategy."""
    colours = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d"]
    width, height, pad = 980, 380, 50
    instances = list(dict.fromkeys(r["instance"] for r in rows))
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="11">' % (width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="20" font-size="13">first-choice share of assignments</text>' % pad,
           '<text x="%d" y="20" font-size="13">seconds against students (log-log)</text>'
           % (width // 2 + pad)]
    # bars
    panel = width // 2 - 2 * pad
    group = panel / max(1, len(instances))
    bar = group / (len(strategies) + 1)
    base = height - pad
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (pad, base, pad + panel, base))
    for gi, name in enumerate(instances):
        x0 = pad + gi * group
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>'
                   % (x0 + group / 2, base + 15, name))
        for si, strategy in enumerate(strategies):
            row = next((r for r in rows if r["instance"] == name and r["strategy"] == strategy), None)
            share = float(row.get("first_choice_share") or 0) if row else 0
            h = share * (base - 40)
            out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s %.3f'
                       '</title></rect>' % (x0 + si * bar, base - h, bar * 0.9, h,
                                            colours[si % len(colours)], name, strategy, share))
    # time against size
    points = [(r["strategy"], int(r["students"]), float(r["seconds"])) for r in rows]
    if points:
        xs = [math.log10(max(1, p[1])) for p in points]
        ys = [math.log10(max(1e-3, p[2])) for p in points]
        x_lo, x_hi, y_lo, y_hi = min(xs), max(xs) + 1e-9, min(ys), max(ys) + 1e-9
        left = width // 2 + pad

        def sx(v):
            return left + (v - x_lo) / (x_hi - x_lo) * panel

        def sy(v):
            return base - (v - y_lo) / (y_hi - y_lo) * (base - 40)
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, base, left + panel, base))
        for si, strategy in enumerate(strategies):
            pts = sorted((math.log10(max(1, p[1])), math.log10(max(1e-3, p[2])))
                         for p in points if p[0] == strategy)
            if pts:
                out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
                           % (colours[si % len(colours)],
                              " ".join("%.1f,%.1f" % (sx(a), sy(b)) for a, b in pts)))
        for label_v in sorted(set(int(p[1]) for p in points)):
            out.append('<text x="%.1f" y="%d" text-anchor="middle">%d</text>'
                       % (sx(math.log10(max(1, label_v))), base + 15, label_v))
        out.append('<text x="%d" y="%.1f">%.3g s</text>' % (left - 45, sy(y_hi), 10 ** y_hi))
        out.append('<text x="%d" y="%.1f">%.3g s</text>' % (left - 45, sy(y_lo), 10 ** y_lo))
    for si, strategy in enumerate(strategies):  # legend
        out.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>'
                   % (pad + si * 120, height - 18, colours[si % len(colours)], pad + 14 + si * 120,
                      height - 9, strategy))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentormatch", required=True)
    parser.add_argument("--tiers", default="org,program,large")
    parser.add_argument("--strategies", default=",".join(STRATEGIES))
    parser.add_argument("--time-limit", type=float, default=120)
    parser.add_argument("--out", default="bench-strategies")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    strategies = [s for s in args.strategies.split(",") if s]
    instances = [(os.path.splitext(f)[0], os.path.join(here, "..", "examples", f))
                 for f in sorted(os.listdir(os.path.join(here, "..", "examples"))) if f.endswith(".json")]
    instances += [(t, generate(args.mentormatch, t, args.out)) for t in args.tiers.split(",") if t]
    rows = []
    for name, path in instances:
        students = len(json.load(open(path))["students"])
        for strategy in strategies:
            code, doc, seconds = run(args.mentormatch, path, strategy, args.time_limit)
            rows.append(row_of(name, students, strategy, code, doc, seconds))
            print("bench: %-14s %-15s exit %d  %.2f s" % (name, strategy, code, seconds), file=sys.stderr)
    with open(os.path.join(args.out, "strategies.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    table = markdown(rows)
    with open(os.path.join(args.out, "strategies.md"), "w") as f:
        f.write(table)
    with open(os.path.join(args.out, "strategies.svg"), "w") as f:
        f.write(svg_chart(rows, strategies))
    sys.stdout.write(table)
    failed = [r for r in rows if r["exit"] not in (0, 4)]  # 4: no solution within the limit
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
