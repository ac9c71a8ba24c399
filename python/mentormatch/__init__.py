"""mentormatch from Python: match students to mentored project ideas.

    >>> import mentormatch
    >>> result = mentormatch.solve("examples/xen-2015.json", strategy="ilp")
    >>> result["objective"]
    {'assigned': 8, 'score': 24.6704545454545}

Every function takes the input document as a dict, as JSON text or as the
path of a JSON file, and returns the document the command of the same name
writes (docs/result-format.md) as a dict. Bad input raises InputError, which
carries every diagnostic (place, message, severity), not only the first;
warnings go to the warnings module as mentormatch.InputWarning. The work is
done by libmentormatch, found as docs/python.md says (MENTORMATCH_LIBRARY
overrides), and its version is checked here, at import.
"""
import json
import os
import warnings

from . import _lib

__version__ = _lib.VERSION
__all__ = ["solve", "evaluate", "explain", "preview", "generate", "check", "library_version",
           "Diagnostic", "Error", "InputError", "InfeasibleError", "NoSolutionError",
           "InputWarning", "STRATEGIES", "SOLVERS"]

STRATEGIES = ("ilp", "greedy", "stable", "stable-optimal", "rank-maximal", "rsd", "lp")
SOLVERS = ("auto", "network", "glpk")

_LIB, LIBRARY_PATH = _lib.load()

# mm_error_code (include/mentormatch/common.h)
_EINVALID, _ENOMEM, _EIO, _EINFEASIBLE, _ENOSOLUTION = -1, -2, -3, -4, -5


def library_version():
    """@return the version of the libmentormatch in use ("0.1.0")."""
    return _LIB.mm_version().decode()


class Diagnostic:
    """One problem found: `place` a JSON path such as "students[3].id" ("" when
    none; "options.KEY" for an argument), `line` and `column` 1-based for
    JSON syntax errors (0 otherwise), `severity` "error" or "warning"."""
    __slots__ = ("severity", "place", "line", "column", "message")

    def __init__(self, severity, place, message, line=0, column=0):
        self.severity, self.place, self.message = severity, place or "", message
        self.line, self.column = line, column

    def __str__(self):
        where = self.place
        if self.line:
            where = "%d:%d" % (self.line, self.column) + (": " + where if where else "")
        return "%s: %s" % (where, self.message) if where else self.message

    def __repr__(self):
        return "Diagnostic(%r, %r, %r)" % (self.severity, self.place, self.message)

    def __eq__(self, other):
        return isinstance(other, Diagnostic) and all(
            getattr(self, k) == getattr(other, k) for k in self.__slots__)

    def as_dict(self):
        return {k: getattr(self, k) for k in self.__slots__}


class Error(Exception):
    """A call that produced no document. `code` is the library's (negative)
    error code, `diagnostics` every Diagnostic reported, errors and warnings."""

    def __init__(self, message, code=None, diagnostics=()):
        super().__init__(message)
        self.code = code
        self.diagnostics = list(diagnostics)

    @property
    def errors(self):
        return [d for d in self.diagnostics if d.severity == "error"]


class InputError(Error, ValueError):
    """The input document, an argument or a file is wrong (MM_EINVALID,
    MM_EIO); every problem found is in `diagnostics`."""


class InfeasibleError(Error):
    """The constraints cannot all hold; `diagnostics` hold the diagnosis."""


class NoSolutionError(Error):
    """A time limit passed before any solution was found."""


class InputWarning(UserWarning):
    """A warning about a document that is valid but may not mean what it says."""


def _document_bytes(doc, what="input"):
    """The JSON text of a dict or list, of JSON text, or of a file's contents."""
    if isinstance(doc, (dict, list)):
        return json.dumps(doc).encode()
    if isinstance(doc, bytes):
        return doc
    if isinstance(doc, str) and doc.lstrip()[:1] in ("{", "["):
        return doc.encode()
    if isinstance(doc, (str, os.PathLike)):
        try:
            with open(doc, "rb") as f:
                return f.read()
        except OSError as e:
            raise InputError("%s: %s" % (os.fspath(doc), e.strerror), _EIO,
                             [Diagnostic("error", "", "cannot read %s: %s"
                                         % (os.fspath(doc), e.strerror))]) from None
    raise TypeError("mentormatch: the %s must be a dict, JSON text or a path, not %s"
                    % (what, type(doc).__name__))


def _diagnostics(text):
    return [Diagnostic(d["severity"], d["place"], d["message"], d["line"], d["column"])
            for d in json.loads(text or "[]")]


def _raise(command, rc, diags):
    errors = [d for d in diags if d.severity == "error"]
    head = "mentormatch %s: %s" % (command, _LIB.mm_strerror(rc).decode())
    if errors:
        head += " (%d error%s)\n" % (len(errors), "" if len(errors) == 1 else "s")
        head += "\n".join("  " + str(d) for d in errors)
    kind = {_EINVALID: InputError, _EIO: InputError, _EINFEASIBLE: InfeasibleError,
            _ENOSOLUTION: NoSolutionError}.get(rc, Error)
    raise kind(head, rc, diags)


def _call(command, doc, options, warn=True):
    """Run `command` on `doc`; @return (document as a dict, diagnostics)."""
    data = _document_bytes(doc) if doc is not None else b""
    options = {k: v for k, v in options.items() if v is not None}
    rc, out, diags_text = _lib.call(_LIB, command, data, json.dumps(options))
    diags = _diagnostics(diags_text)
    if rc != 0:
        _raise(command, rc, diags)
    if warn:
        for d in diags:
            warnings.warn(str(d), InputWarning, stacklevel=3)
    return json.loads(out), diags


def _text_or_value(value, what):
    """A document for an option: dicts and lists as they are, a path read."""
    if value is None or isinstance(value, (dict, list)):
        return value
    return _document_bytes(value, what).decode("utf-8", "replace")


def solve(doc, strategy=None, solver=None, time_limit=None, seed=None, baseline=None,
          gap=None, strict=False, verbose=False):
    """Solve `doc` (strategy "ilp" by default: proven optimal) and return the
    result document. `seed` is rsd's; `time_limit` seconds bound the whole
    call (the best solution so far is returned, status "feasible");
    `baseline` (a result document, a list of {"student", "idea", "mentor"}
    or a path) re-solves moving as few of its students as possible."""
    return _call("solve", doc, {"strategy": strategy, "solver": solver, "time_limit": time_limit,
                                "seed": seed, "gap": gap, "strict": strict or None,
                                "verbose": verbose or None,
                                "baseline": _text_or_value(baseline, "baseline")})[0]


def evaluate(doc, assignment, strict=False, verbose=False):
    """Check `assignment` (a result document, a list of {"student", "idea",
    "mentor"?}, JSON text or a path) against `doc` and compare it with the
    optimum; returns its result document (status "infeasible" when it breaks
    a constraint, each break a warning)."""
    return _call("evaluate", doc, {"assignment": _text_or_value(assignment, "assignment"),
                                   "strict": strict or None, "verbose": verbose or None})[0]


def explain(doc, student=None, idea=None, mentor=None, time_limit=None, gap=None, strict=False):
    """Why one student (or idea, or mentor: give one) ended up as they did
    in the optimal assignment; returns the explanation document."""
    return _call("explain", doc, {"student": student, "idea": idea, "mentor": mentor,
                                  "time_limit": time_limit, "gap": gap,
                                  "strict": strict or None})[0]


def preview(doc, mentor, samples=None, noise=None, seed=None, jobs=None, threshold_time=None,
            strict=False):
    """One mentor's preview page (who their ideas get, how likely each
    applicant is) as a dict."""
    return _call("preview", doc, {"mentor": mentor, "samples": samples, "noise": noise,
                                  "seed": seed, "jobs": jobs, "threshold_time": threshold_time,
                                  "strict": strict or None})[0]


def generate(**params):
    """A random, valid instance, as `mentormatch generate` writes it, with
    its options as keywords ('_' for '-'): generate(students=500, seed=3,
    student_skills=(2, 5)). Ranges are (lo, hi) or one whole number."""
    options = {k.replace("-", "_"): list(v) if isinstance(v, tuple) else v
               for k, v in params.items()}
    return _call("generate", None, options)[0]


def check(doc, strict=False):
    """Validate `doc`: {"valid": True, "summary": {counts}, "warnings":
    [Diagnostic, ...]}; an invalid document raises InputError."""
    result, diags = _call("check", doc, {"strict": strict or None}, warn=False)
    result["warnings"] = [d for d in diags if d.severity == "warning"]
    return result
