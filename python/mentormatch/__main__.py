"""python3 -m mentormatch: the module's version and library, or one of its
functions run from the shell, its document printed as JSON.

    python3 -m mentormatch [--version]
    python3 -m mentormatch solve INPUT [--strategy S] [--solver S] [--seed N]
                                       [--time-limit SECS] [--baseline FILE]
    python3 -m mentormatch check INPUT
    python3 -m mentormatch evaluate INPUT ASSIGNMENT
    python3 -m mentormatch explain INPUT (--student ID | --idea ID | --mentor ID)
    python3 -m mentormatch preview INPUT --mentor ID [--samples N] [--seed N]
    python3 -m mentormatch generate [--students N] [--seed N] [--KEY VALUE ...]

The exit codes are the mentormatch command's: 0 done, 1 invalid input,
2 wrong usage, 3 infeasible, 4 no solution within the limits. The C command
line tool (`mentormatch`) has every option; this is the Python module's.
"""
import argparse
import json
import sys

import mentormatch

EXIT = {mentormatch.InputError: 1, mentormatch.InfeasibleError: 3,
        mentormatch.NoSolutionError: 4}


def _parser():
    p = argparse.ArgumentParser(prog="python3 -m mentormatch", description=__doc__.split("\n")[0],
                                epilog=__doc__.split("\n\n", 1)[1],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="store_true", help="print the versions and the library")
    sub = p.add_subparsers(dest="command")
    s = sub.add_parser("solve")
    s.add_argument("input")
    s.add_argument("--strategy", choices=mentormatch.STRATEGIES)
    s.add_argument("--solver", choices=mentormatch.SOLVERS)
    s.add_argument("--seed", type=int)
    s.add_argument("--time-limit", type=float)
    s.add_argument("--baseline")
    sub.add_parser("check").add_argument("input")
    e = sub.add_parser("evaluate")
    e.add_argument("input")
    e.add_argument("assignment")
    x = sub.add_parser("explain")
    x.add_argument("input")
    for who in ("student", "idea", "mentor"):
        x.add_argument("--" + who)
    v = sub.add_parser("preview")
    v.add_argument("input")
    v.add_argument("--mentor", required=True)
    v.add_argument("--samples", type=int)
    v.add_argument("--seed", type=int)
    sub.add_parser("generate", help="options as mentormatch generate's: --students N ...")
    return p


def _generate_options(rest):
    """--key value pairs: numbers as numbers, LO-HI ranges as [LO, HI]."""
    options = {}
    if len(rest) % 2:
        raise SystemExit("python3 -m mentormatch generate: %s needs a value" % rest[-1])
    for key, value in zip(rest[::2], rest[1::2]):
        if not key.startswith("--"):
            raise SystemExit("python3 -m mentormatch generate: expected --KEY VALUE, got %r" % key)
        lo, dash, hi = value.partition("-")
        if dash and lo.isdigit() and hi.isdigit():
            options[key[2:]] = (int(lo), int(hi))
        else:
            try:
                options[key[2:]] = json.loads(value)
            except ValueError:
                options[key[2:]] = value
    return options


def _run(args, rest):
    if args.command == "solve":
        return mentormatch.solve(args.input, strategy=args.strategy, solver=args.solver,
                                 seed=args.seed, time_limit=args.time_limit,
                                 baseline=args.baseline)
    if args.command == "check":
        result = mentormatch.check(args.input)
        result["warnings"] = [d.as_dict() for d in result["warnings"]]
        return result
    if args.command == "evaluate":
        return mentormatch.evaluate(args.input, args.assignment)
    if args.command == "explain":
        return mentormatch.explain(args.input, student=args.student, idea=args.idea,
                                   mentor=args.mentor)
    if args.command == "preview":
        return mentormatch.preview(args.input, args.mentor, samples=args.samples, seed=args.seed)
    return mentormatch.generate(**_generate_options(rest))


def main(argv=None):
    parser = _parser()
    args, rest = parser.parse_known_args(argv)
    if rest and args.command != "generate":
        parser.error("unrecognized arguments: %s" % " ".join(rest))
    if args.version or not args.command:
        print("mentormatch %s (Python module), library %s at %s" % (
            mentormatch.__version__, mentormatch.library_version(), mentormatch.LIBRARY_PATH))
        if not args.version:
            print(parser.format_usage().rstrip())
        return 0
    where = getattr(args, "input", "mentormatch")
    try:
        document = _run(args, rest)
    except mentormatch.Error as e:
        for d in e.diagnostics:
            print("%s: %s" % (where, d), file=sys.stderr)
        if not e.diagnostics:
            print("%s: %s" % (where, e), file=sys.stderr)
        return EXIT.get(type(e), 70)
    json.dump(document, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
