#!/usr/bin/env python3
"""The manual page against the program's own help.

    test_man.py MENTORMATCH MANPAGE

The page is rendered with groff (-man -Tascii, warnings on: any warning
fails). The commands are those `mentormatch --help` lists; for each one the
page's COMMANDS section must have a subsection, in the same order, naming
exactly the options (short and long) that `mentormatch COMMAND --help` names,
and an "Exit status:" paragraph with exactly the codes of the help's "exit
codes:" paragraph. The top-level options and exit codes are compared with the
OPTIONS and EXIT STATUS sections, and the version in the page's header with
`mentormatch --version`.
"""
import re
import subprocess
import sys

# An option as help and page write it: -x alone, or --word-word.
OPTION = re.compile(r"(?<![\w^-])(--[a-z][a-z0-9-]*|-[A-Za-z](?![\w-]))")


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def render(manpage):
    """The page as plain text, lines wide enough that nothing wraps."""
    out = subprocess.run(["groff", "-man", "-Tascii", "-ww", "-rLL=400n", "-P-cbou", manpage],
                         capture_output=True, text=True)
    if out.returncode != 0 or out.stderr:
        sys.exit("FAIL groff: exit %d\n%s" % (out.returncode, out.stderr))
    return out.stdout


def sections(text):
    """{SECTION: [lines]} of a rendered page (headings start in column 0)."""
    found, name = {}, None
    for line in text.splitlines():
        if re.match(r"[A-Z][A-Z ]+$", line):
            name = line.strip()
            found[name] = []
        elif name:
            found[name].append(line)
    return found


def subsections(lines):
    """[(name, text)] of a section's subsections (headings indented 3)."""
    found = []
    for line in lines:
        heading = re.match(r"   (\S.*)$", line)
        if heading:
            found.append((heading.group(1).strip(), []))
        elif found:
            found[-1][1].append(line)
    return [(name, "\n".join(body)) for name, body in found]


def help_commands(top_help):
    """The commands of `mentormatch --help`, in order."""
    block = top_help.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines() if line.strip()]


def exit_codes(text, label):
    """The numbers of the paragraph that starts with `label`."""
    match = re.search(label + r"(.*?)(\n\s*\n|\Z)", text, re.S | re.I)
    return set(re.findall(r"\b\d+\b", match.group(1))) if match else None


def compare(failures, what, want, got):
    if want != got:
        failures.append("%s: help has %s, page has %s; missing from the page: %s; "
                        "not in the help: %s" % (what, sorted(want), sorted(got),
                                                 sorted(want - got), sorted(got - want)))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    mentormatch, manpage = sys.argv[1:]
    page = sections(render(manpage))
    failures = []
    for name in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS",
                 "SEE ALSO"):
        if name not in page:
            failures.append("the page has no %s section" % name)

    top_help = run(mentormatch, "--help")
    commands = help_commands(top_help)
    documented = subsections(page.get("COMMANDS", []))
    if [name for name, _ in documented] != commands:
        failures.append("COMMANDS has %s, the help lists %s" %
                        ([name for name, _ in documented], commands))
    for name, text in documented:
        if name not in commands:
            continue
        command_help = run(mentormatch, name, "--help")
        compare(failures, name + " options", set(OPTION.findall(command_help)),
                set(OPTION.findall(text)))
        compare(failures, name + " exit codes", exit_codes(command_help, "exit codes:"),
                exit_codes(text, "Exit status:"))

    options_text = "\n".join(page.get("OPTIONS", []))
    compare(failures, "top-level options", set(OPTION.findall(top_help.split("options:", 1)[1])),
            set(OPTION.findall(options_text)))
    status = "\n".join(page.get("EXIT STATUS", []))
    compare(failures, "exit status", exit_codes(top_help, "exit codes:"),
            set(re.findall(r"^ {7}(\d+)\s", status, re.M)))

    version = run(mentormatch, "--version").split()[-1]
    header = render(manpage).splitlines()[-1]
    if ("mentormatch " + version) not in header:
        failures.append("the page's footer '%s' does not name version %s" %
                        (header.strip(), version))

    for f in failures:
        print("FAIL", f)
    print("man: %d commands, %d options compared" %
          (len(documented), sum(len(set(OPTION.findall(t))) for _, t in documented)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
