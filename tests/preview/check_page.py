#!/usr/bin/env python3
"""Check a mentor page or the index with the report's strict parser.

usage: check_page.py PAGE [--text TEXT]... [--links]

The rules of tests/report/check_html.py (no script, no event handler, no
style attribute, no URL, one <style>, every element closed in order, each
--text the whole text of one element), except that with --links (the index)
a link may also name a page beside it: a plain file name (no '/', ':' or
leading '.') of a file that exists in PAGE's directory. Without --links a
link to another file fails, as in the report.
"""
import argparse
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "report"))
import check_html  # noqa: E402


class PageParser(check_html.StrictParser):
    def __init__(self, directory, allow_files):
        super().__init__()
        self.directory, self.allow_files = directory, allow_files
        self.files = []

    def check_attrs(self, tag, attrs):
        kept = []
        for name, value in attrs:
            if name == "href" and self.allow_files and value and not value.startswith("#"):
                if "/" in value or ":" in value or value.startswith("."):
                    self.fail("link to %r: not a file beside the page" % value)
                path = os.path.join(self.directory, urllib.parse.unquote(value))
                if not os.path.isfile(path):
                    self.fail("link to %r: no such file beside the page" % value)
                self.files.append(value)
                continue
            kept.append((name, value))
        super().check_attrs(tag, kept)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("--text", action="append", default=[])
    ap.add_argument("--links", action="store_true")
    ap.add_argument("--count-links", type=int, default=-1)
    args = ap.parse_args()
    with open(args.page, encoding="utf-8") as f:
        html = f.read()
    parser = PageParser(os.path.dirname(os.path.abspath(args.page)), args.links)
    parser.feed(html)
    parser.finish()
    problems = parser.problems
    if "<script" in html.lower():
        problems.append("the page holds '<script' as markup")
    every_text = {t for _, t in parser.texts}
    for text in args.text:
        if text not in every_text:
            near = [t for t in every_text if text[:6] in t][:3]
            problems.append("no element has the text %r (near: %r)" % (text, near))
    if args.count_links >= 0 and len(parser.files) != args.count_links:
        problems.append("%d links to pages, expected %d" % (len(parser.files), args.count_links))
    for p in problems:
        print("%s: %s" % (args.page, p))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
