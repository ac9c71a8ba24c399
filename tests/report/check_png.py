#!/usr/bin/env python3
"""Check that a screenshot of a report is not blank.

usage: check_png.py PNG [--min-ink FRACTION] [--min-colours N]
                        [--colour RRGGBB:PIXELS]... [--blank-right PIXELS]

Fails (exit 1) unless at least FRACTION of the pixels are not near-white
(ink), the image has at least N distinct colours (text is antialiased: a
page of text has hundreds), each --colour is found in at least PIXELS
pixels (within 4 per channel: the chart's own fills), and with
--blank-right the rightmost PIXELS columns are all near-white (nothing cut
off at the edge of the window, so nothing is wider than it).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import png  # noqa: E402

WHITE = 236  # a pixel with every channel at least this is background


def colour(text):
    hexa, _, pixels = text.partition(":")
    return tuple(int(hexa[k:k + 2], 16) for k in (0, 2, 4)), int(pixels or 1)


def near(a, b):
    return all(abs(x - y) <= 4 for x, y in zip(a, b))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("png")
    ap.add_argument("--min-ink", type=float, default=0.01)
    ap.add_argument("--min-colours", type=int, default=32)
    ap.add_argument("--colour", type=colour, action="append", default=[])
    ap.add_argument("--blank-right", type=int, default=0)
    args = ap.parse_args()

    width, height, channels, rows = png.read(args.png)
    ink, edge_ink, counts = 0, 0, {}
    for row in rows:
        pixels = list(zip(row[0::channels], row[1::channels], row[2::channels])) \
            if channels >= 3 else [(v, v, v) for v in row[0::channels]]
        for p in pixels:
            counts[p] = counts.get(p, 0) + 1
        ink += sum(1 for p in pixels if min(p) < WHITE)
        if args.blank_right:
            edge_ink += sum(1 for p in pixels[-args.blank_right:] if min(p) < WHITE)
    share = ink / float(width * height)
    problems = []
    if share < args.min_ink:
        problems.append("only %.2f%% of the pixels have ink, expected %.2f%%"
                        % (100 * share, 100 * args.min_ink))
    if len(counts) < args.min_colours:
        problems.append("%d distinct colours, expected at least %d" % (len(counts), args.min_colours))
    found = []
    for rgb, want in args.colour:
        have = sum(n for p, n in counts.items() if near(p, rgb))
        found.append("#%02x%02x%02x %d px" % (rgb + (have,)))
        if have < want:
            problems.append("colour #%02x%02x%02x in %d pixels, expected at least %d"
                            % (rgb + (have, want)))
    if edge_ink:
        problems.append("%d pixels of ink in the rightmost %d columns: the page is wider "
                        "than the window" % (edge_ink, args.blank_right))
    summary = "%s: %dx%d, %.1f%% ink, %d colours%s" % (
        args.png, width, height, 100 * share, len(counts),
        "".join(", " + f for f in found))
    for p in problems:
        print("%s: %s" % (args.png, p))
    print(summary)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
