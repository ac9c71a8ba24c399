"""Finding and calling libmentormatch through ctypes: one function,
mm_json_call (include/mentormatch/json.h), JSON text in and out."""
import ctypes
import ctypes.util
import os

# The library's major.minor must be this module's: before 1.0 any minor
# release may change the ABI (the soname carries major.minor).
VERSION = "0.1.0"
SONAME = "libmentormatch.so.%s" % ".".join(VERSION.split(".")[:2])


def _candidates():
    """Where to look, in order: MENTORMATCH_LIBRARY (a build tree, say), the
    library `cmake --install` put beside this module's prefix, the loader's
    search path."""
    env = os.environ.get("MENTORMATCH_LIBRARY")
    if env:
        return [env], "MENTORMATCH_LIBRARY=%s" % env
    found = []
    try:
        from . import _config  # written by cmake --install
        found.append(_config.LIBRARY)
    except ImportError:
        pass
    found.append(SONAME)
    name = ctypes.util.find_library("mentormatch")
    if name:
        found.append(name)
    return found, "the installed library (%s)" % ", ".join(found)


def load():
    """@return (CDLL, path tried); raises ImportError saying what was tried."""
    paths, where = _candidates()
    errors = []
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            errors.append(str(e))
            continue
        return _bind(lib, path), path
    raise ImportError("mentormatch: cannot load %s: %s; build it (cmake --build build) and set "
                      "MENTORMATCH_LIBRARY=build/libmentormatch.so, or install it (cmake --install "
                      "build)" % (where, "; ".join(errors)))


def _bind(lib, path):
    try:
        call = lib.mm_json_call
    except AttributeError:
        raise ImportError("mentormatch: %s has no mm_json_call: a library older than this "
                          "module; install the library of version %s" % (path, VERSION))
    call.restype = ctypes.c_int
    call.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                     ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
    lib.mm_json_free.restype = None
    lib.mm_json_free.argtypes = [ctypes.c_void_p]
    lib.mm_version.restype = ctypes.c_char_p
    lib.mm_version.argtypes = []
    lib.mm_strerror.restype = ctypes.c_char_p
    lib.mm_strerror.argtypes = [ctypes.c_int]
    version = lib.mm_version().decode()
    if version.split(".")[:2] != VERSION.split(".")[:2]:
        raise ImportError("mentormatch: %s is version %s, this module needs %s.x; point "
                          "MENTORMATCH_LIBRARY at the matching libmentormatch.so"
                          % (path, version, ".".join(VERSION.split(".")[:2])))
    return lib


def _take(lib, pointer):
    """The text at `pointer` (owned by the library), freed."""
    if not pointer.value:
        return None
    text = ctypes.string_at(pointer.value).decode("utf-8", "replace")
    lib.mm_json_free(pointer.value)
    return text


def call(lib, command, data, options_json):
    """@return (rc, output text or None, diagnostics text or None). ctypes
    releases the GIL for the call, so other threads run meanwhile."""
    out = ctypes.c_void_p()
    diags = ctypes.c_void_p()
    rc = lib.mm_json_call(command.encode(), data, len(data) if data else 0,
                          options_json.encode(), ctypes.byref(out), ctypes.byref(diags))
    return rc, _take(lib, out), _take(lib, diags)
