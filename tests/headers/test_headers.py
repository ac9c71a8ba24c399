#!/usr/bin/env python3
"""The public headers: each compiles alone, and each function is documented.

    test_headers.py INCLUDE_DIR CC [CXX]

Every header under INCLUDE_DIR (mentormatch.h and mentormatch/*.h, found by
glob, so new ones are covered) is included alone, and twice, in an otherwise
empty file compiled with `CC -std=c11 -Wall -Wextra -pedantic -Werror`
(and, with CXX, as C++11 likewise, as a C++ caller would include it). Every
function declaration (MM_EXTERN) must be directly preceded by a /** ... */
comment.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

WARNINGS = ["-Wall", "-Wextra", "-pedantic", "-Werror"]


def headers(include_dir):
    found = sorted(glob.glob(os.path.join(include_dir, "*.h")) +
                   glob.glob(os.path.join(include_dir, "mentormatch", "*.h")))
    return [os.path.relpath(h, include_dir) for h in found]


def compiles_alone(compiler, std, lang, include_dir, header, tmp):
    """@return the compiler's complaint, or None."""
    source = os.path.join(tmp, "alone." + ("cc" if lang == "c++" else "c"))
    with open(source, "w") as f:
        f.write("#include <%s>\n#include <%s>\n" % (header, header))
    run = subprocess.run(compiler.split() + ["-x", lang, "-std=" + std] + WARNINGS +
                         ["-fsyntax-only", "-I", include_dir, source],
                         capture_output=True, text=True)
    return None if run.returncode == 0 else run.stderr.strip() or "exit %d" % run.returncode


def undocumented(path):
    """The MM_EXTERN declarations of a header not directly after a /** */."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    missing = []
    # Each declaration with what precedes it up to the previous one.
    for match in re.finditer(r"^MM_EXTERN\b[^;]*;", text, re.M):
        before = text[:match.start()].rstrip()
        start = before.rfind("/*")
        if not before.endswith("*/") or before[start:start + 3] != "/**":
            name = re.search(r"(\w+)\s*\(", match.group(0))
            missing.append(name.group(1) if name else match.group(0).splitlines()[0])
    return missing


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    include_dir, cc = sys.argv[1:3]
    cxx = sys.argv[3] if len(sys.argv) == 4 else None
    found = headers(include_dir)
    failures = []
    if "mentormatch.h" not in found or len(found) < 2:
        failures.append("no public headers under %s" % include_dir)
    declarations = 0
    with tempfile.TemporaryDirectory() as tmp:
        for header in found:
            for compiler, std, lang in [(cc, "c11", "c")] + ([(cxx, "c++11", "c++")] if cxx else []):
                why = compiles_alone(compiler, std, lang, include_dir, header, tmp)
                if why:
                    failures.append("%s alone, as %s:\n%s" % (header, lang, why))
            path = os.path.join(include_dir, header)
            with open(path, encoding="utf-8") as f:
                declarations += len(re.findall(r"^MM_EXTERN\b", f.read(), re.M))
            for name in undocumented(path):
                failures.append("%s: %s has no /** ... */ comment" % (header, name))
    for f in failures:
        print("FAIL", f)
    print("headers: %d compiled alone as C%s, %d functions checked for documentation" %
          (len(found), " and C++" if cxx else "", declarations))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
