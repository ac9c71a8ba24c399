#!/usr/bin/env python3
"""Generate the shipped mentormatch example instances.

    python3 examples/tools/make_examples.py            # (re)write them
    python3 examples/tools/make_examples.py --check    # verify, write nothing

Writes examples/xen-2010-xcp.json, examples/xen-2015.json, the version 2
document examples/xen-2015-v2.json (xen-2015 with student attributes and two
quotas) and examples/xen-2015-v2-update.json (that program after its result
was announced: a student withdrew, a mentor can take one fewer).  The update
is made from the announced result, examples/announced/xen-2015-v2.json,
which `mentormatch solve examples/xen-2015-v2.json -o
examples/announced/xen-2015-v2.json` writes (a test checks it is current);
without it the update is not written.  Paths are relative to this script,
so it can be run from any directory.  Standard
library only.  The output is deterministic: every random choice comes from a
random.Random with a fixed seed, so re-running the script reproduces both
files byte for byte.  --check exits 1 if a file on disk differs from what the
script would write.

The idea tables below are transcribed by hand from the seed documents
(the Xen wiki "XCP project suggestions" page used for GSoC 2010, and the
"Archived/GSoC 2015" Xen Project idea list).  The seeds name mentors by
e-mail address; here every mentor is a handle only: first initial + surname
taken from a "first.last" mailbox name (trailing digits dropped, e.g.
"wei.liu2" -> "wliu"), otherwise first initial + last word of the person's
name ("Matt Wilson" -> "mwilson"), otherwise the mailbox name without digits
("pasik" -> "pasik").  No address ever reaches the output.

The applicant pools (students, applications, ranks, ratings) are synthetic.
Before writing, the script checks every rule of SPEC section 1 on its own
output, builds an explicit feasible assignment (fixed pairs + mentor
min_loads) as proof of feasibility, and, for 2015, proves that an org cap
binds.  Any failed check aborts with an AssertionError and writes nothing.
"""

import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.dirname(HERE)

AT = chr(64)  # the at-sign; spelled this way so this file contains none


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def half_up(x):
    """Round to the nearest integer, halves upwards (4.5 -> 5)."""
    return int(math.floor(x + 0.5))


def seed_rating(text):
    """A Size/Knowledge/Impact cell of the 2010 table: "3", "?" or "2-4".

    "?" gives None (the field is left out); a range gives its midpoint
    rounded half up.
    """
    text = text.strip()
    if text == "?":
        return None
    if "-" in text:
        lo, hi = (int(p) for p in text.split("-"))
        return half_up((lo + hi) / 2)
    return int(text)


def num(x):
    """A JSON number: integral values as int, others as float."""
    if isinstance(x, float) and x == int(x):
        return int(x)
    return x


def skill_fit(skills, requires):
    """SPEC section 3 skill component."""
    if not requires:
        return 1.0
    low = {k.lower(): v for k, v in skills.items()}
    tot = sum(requires.values())
    return sum(min(low.get(k.lower(), 0), v) for k, v in requires.items()) / tot


# --------------------------------------------------------------------------
# 2010: XCP project suggestions
# --------------------------------------------------------------------------

# handle, name (None where the seed gives only an unreadable mailbox),
# capacity, min_load.  Handles from the seed's contact addresses:
#   dave.scott -> dscott, andrew.warfield -> awarfield,
#   jonathan.davies -> jdavies, marcus.granado -> mgranado,
#   jonathan.ludlam -> jludlam, jonathan.knowles -> jknowles,
#   rob.hoes -> rhoes, pasik -> pasik, stephen.spector -> sspector,
#   avsm2 -> avsm, kamala.narasimhan -> knarasimhan, jeremy -> jeremy,
#   konrad.wilk -> kwilk
MENTORS_2010 = [
    ("dscott", "Dave Scott", 3, 1),
    ("awarfield", "Andrew Warfield", 1, 0),
    ("jdavies", "Jonathan Davies", 2, 0),
    ("mgranado", "Marcus Granado", 2, 0),
    ("jludlam", "Jonathan Ludlam", 3, 1),
    ("jknowles", "Jonathan Knowles", 1, 0),
    ("rhoes", "Rob Hoes", 1, 0),
    ("pasik", None, 2, 0),
    ("sspector", "Stephen Spector", 1, 0),
    ("avsm", None, 2, 0),
    ("knarasimhan", "Kamala Narasimhan", 1, 0),
    ("jeremy", None, 2, 0),
    ("kwilk", "Konrad Wilk", 2, 0),
]

ORGS_2010 = [
    {"id": "xapi", "name": "XAPI toolstack", "slots": 5},
    {"id": "storage", "name": "XCP storage (SM backends)", "slots": 2},
    {"id": "xen", "name": "Xen hypervisor and Linux", "slots": 2},
]

# id, title (table "Description" column), seed contact (handle),
# Size, Knowledge required, Impact (cells exactly as in the seed),
# org (None: no org), co-mentors added here, slots, requires.
# "xapi" in requires is knowledge of the existing XCP code and equals the
# idea's Knowledge rating where the seed gives one.
IDEAS_2010 = [
    ("drbd", "DRBD integration", "dscott", "2", "2", "3",
     "storage", ["jludlam"], 1, {"storage": 3, "linux": 2, "xapi": 2}),
    ("ocfs2-sm", "OCFS 2 SM backend", "dscott", "2", "2", "3",
     "storage", [], 1, {"storage": 3, "linux": 2, "xapi": 2}),
    ("parallax-sm", "parallax SM backend", "awarfield", "2", "2", "3",
     "storage", [], 1, {"storage": 3, "c": 2, "xapi": 2}),
    ("cli-query", "Create a query language for the CLI", "jdavies", "4", "1", "2",
     "xapi", [], 1, {"ocaml": 3, "databases": 2, "xapi": 1}),
    ("guest-rpc", "Guest RPC mechanism", "dscott", "4", "4", "5",
     "xapi", ["jludlam"], 2, {"ocaml": 3, "xen": 3, "xapi": 4}),
    ("console-url", "Convenient HTTP GET URL for consoles", "dscott", "1", "1", "2",
     "xapi", [], 1, {"ocaml": 2, "http": 2, "xapi": 1}),
    ("distro-packages", "Xen/XCP kernel/userland packages for Debian Ubuntu RHEL",
     "mgranado", "2", "3", "3",
     "xapi", [], 2, {"build-systems": 3, "linux": 3, "xapi": 3}),
    ("http-server", "Move HTTP server into a separate process", "jludlam", "3", "1", "4",
     "xapi", [], 1, {"ocaml": 3, "http": 3, "networking": 2, "xapi": 1}),
    ("import-export", "Import and export improvements", "jludlam", "3", "4", "4",
     "xapi", [], 1, {"ocaml": 3, "storage": 3, "xapi": 4}),
    ("master-vm", "Pool master in a VM", "jludlam", "3", "4", "4",
     "xapi", [], 1, {"ocaml": 3, "xen": 2, "xapi": 4}),
    ("sriov", "Improve SR-IOV support", "jludlam", "2", "5", "5",
     "xapi", [], 1, {"ocaml": 3, "networking": 3, "hardware": 2, "xapi": 5}),
    ("clone-on-attach", "Clone-on-attach", "jludlam", "2", "2", "4",
     "storage", [], 1, {"ocaml": 2, "storage": 2, "xapi": 2}),
    ("xen-features", "Expose new xen features", "jludlam", "2", "3", "5",
     "xapi", [], 1, {"ocaml": 3, "c": 2, "xen": 3, "xapi": 3}),
    ("db-rollback", "Database rollback", "jludlam", "2", "2", "3",
     "xapi", [], 1, {"ocaml": 2, "databases": 3, "xapi": 2}),
    ("db-remove-fields", "Procedure to remove database fields", "dscott", "3", "2", "3",
     "xapi", [], 1, {"ocaml": 2, "databases": 2, "xapi": 2}),
    ("domain-daemon", "Domain management daemon", "dscott", "5", "5", "5",
     "xapi", [], 1, {"ocaml": 4, "xen": 4, "xapi": 5}),
    ("upgrade-any-order", "Upgrade pool hosts in any order", "dscott", "5", "4", "5",
     "xapi", [], 1, {"ocaml": 4, "databases": 2, "xapi": 4}),
    ("helper-vms", "Helper VMs", "dscott", "3", "3", "3",
     "xapi", [], 1, {"ocaml": 3, "xen": 2, "xapi": 3}),
    ("pool-config", "Automated pool configuration", "jdavies", "2", "2", "4",
     "xapi", [], 1, {"python": 3, "networking": 2, "xapi": 2}),
    ("error-handling", "Better error handling", "jdavies", "2", "1", "1",
     "xapi", [], 1, {"ocaml": 2, "xapi": 1}),
    ("ocamldebug-threads", "Extend ocamldebug to support multiple threads",
     "jknowles", "4", "4", "4",
     None, ["avsm"], 1, {"ocaml": 5, "debugging": 3, "c": 2}),
    ("xapi-params", "Better parameterization of xapi", "mgranado", "2", "2", "3",
     "xapi", [], 1, {"ocaml": 2, "linux": 1, "xapi": 2}),
    ("auth-plugins", "Extra external authentication plugins", "mgranado", "2", "2", "4",
     "xapi", [], 1, {"ocaml": 2, "security": 3, "linux": 2, "xapi": 2}),
    ("pool-split", "Pool split", "rhoes", "3", "3", "4",
     "xapi", ["jludlam"], 1, {"ocaml": 3, "storage": 1, "xapi": 3}),
    ("iscsi-multipath", "Better iSCSI multipathing", "pasik", "2", "3", "3",
     "storage", [], 1, {"storage": 3, "networking": 3, "xapi": 3}),
    ("hxen-linux", "HXEN Linux Port", "sspector", "?", "?", "?",
     "xen", [], 1, {"c": 3, "xen": 3, "linux-kernel": 3}),
    ("macos-fakeserver", "MacOS X fakeserver support", "avsm", "?", "?", "?",
     None, [], 1, {"ocaml": 3, "xapi": 2}),
    ("zamcov", "Bytecode Zamcov coverage testing", "avsm", "?", "?", "?",
     None, ["jknowles"], 1, {"ocaml": 4, "testing": 2}),
    ("xendbg", "XenDbg - Xen Debugger support", "knarasimhan", "?", "?", "?",
     "xen", [], 1, {"c": 4, "xen": 4, "debugging": 4}),
    ("perf-pmu", "Perf - Virtualize PMU", "jeremy", "2-4", "3", "3-5",
     "xen", ["kwilk"], 1, {"linux-kernel": 3, "xen": 3, "hardware": 3}),
    ("pciback-domain", "pciback domain", "jeremy", "4", "4-5", "5",
     "xen", ["kwilk"], 1, {"c": 4, "xen": 5, "linux-kernel": 4, "hardware": 3}),
    ("gfx-passthrough", "unify graphics pass through in HVM guests", "kwilk", "1", "2", "3",
     "xen", [], 1, {"c": 3, "hardware": 3, "qemu": 2, "xen": 2}),
    ("pxe-ramdisk", "pxe boot xcp using a stateless ramdisk root", "pasik", "4", "5", "5",
     "xapi", [], 1, {"linux": 4, "networking": 3, "shell": 3, "xapi": 5}),
]

# persona: {skill: (lo, hi)}
PERSONAS_2010 = {
    "ocaml": {"ocaml": (3, 5), "xapi": (0, 3), "databases": (0, 3),
              "http": (0, 2), "testing": (0, 3), "debugging": (0, 2)},
    "kernel": {"c": (3, 5), "linux-kernel": (2, 5), "xen": (1, 4),
               "hardware": (1, 4), "debugging": (1, 4), "qemu": (0, 3)},
    "sysadmin": {"linux": (3, 5), "shell": (2, 5), "networking": (2, 4),
                 "storage": (1, 4), "python": (1, 4), "build-systems": (0, 3)},
    "storage": {"storage": (3, 5), "linux": (2, 4), "c": (1, 3),
                "python": (1, 4), "networking": (0, 3)},
    "web": {"http": (2, 5), "python": (2, 5), "databases": (1, 4),
            "ocaml": (0, 2), "security": (0, 3)},
}
PERSONA_WEIGHTS_2010 = {"ocaml": 3, "kernel": 3, "sysadmin": 2, "storage": 2, "web": 2}


def ideas_2010():
    ideas = []
    for (iid, title, contact, size, know, impact, org, co, slots,
         req) in IDEAS_2010:
        idea = {"id": iid, "title": title}
        if org is not None:
            idea["org"] = org
        idea["mentors"] = [contact] + co
        if slots != 1:
            idea["slots"] = slots
        idea["requires"] = dict(req)
        for key, cell in (("size", size), ("knowledge", know), ("impact", impact)):
            v = seed_rating(cell)
            if v is not None:
                idea[key] = v
        ideas.append(idea)
    return ideas


# --------------------------------------------------------------------------
# 2015: Xen Project GSoC idea list
# --------------------------------------------------------------------------

# Handles from the seed's technical contacts:
#   Konrad Rzeszutek Wilk (konrad.wilk) -> kwilk, Wei Liu (wei.liu2) -> wliu,
#   Julien Grall (julien.grall) -> jgrall, Andrew Cooper (andrew.cooper3)
#   -> acooper, Paul Durrant (paul.durrant) -> pdurrant, Andres
#   Lagar-Cavilla (mailbox "andres") -> alagarcavilla, George Dunlap
#   (george.dunlap) -> gdunlap, Roger Pau Monne (roger.pau) -> rpau,
#   Ian Campbell (no address) -> icampbell, Matt Wilson (mailbox "msw")
#   -> mwilson, John Morris (mailbox "john") -> jmorris.
# The MirageOS pioneer projects name only the mirageos-devel list: Dave Scott
# (dscott, the seed's 2014 MirageOS mentor) and avsm (the MirageOS contact of
# the 2010 seed) are used as its mentors.
MENTORS_2015 = [
    ("kwilk", "Konrad Rzeszutek Wilk", 2, 0),
    ("wliu", "Wei Liu", 2, 1),
    ("jgrall", "Julien Grall", 1, 0),
    ("acooper", "Andrew Cooper", 1, 0),
    ("pdurrant", "Paul Durrant", 1, 0),
    ("alagarcavilla", "Andres Lagar-Cavilla", 1, 0),
    ("dscott", "Dave Scott", 2, 0),
    ("avsm", None, 1, 0),
    ("gdunlap", "George Dunlap", 2, 1),
    ("rpau", "Roger Pau Monn\u00e9", 1, 0),
    ("icampbell", "Ian Campbell", 2, 0),
    ("mwilson", "Matt Wilson", 1, 0),
    ("jmorris", "John Morris", 1, 0),
]

# The seed's sub-project headings; "Xen Hypervisor Userspace Tools" maps to
# the Xen Hypervisor team (the seed says so), "Domain support (PVOPS and
# Linux)" to Linux.
ORGS_2015 = [
    {"id": "linux", "name": "Domain support (PVOPS and Linux)", "slots": 1},
    {"id": "xen", "name": "Xen Hypervisor (x86 & ARM) and userspace tools", "slots": 4},
    {"id": "mirage", "name": "Mirage OS", "slots": 2},
    {"id": "xapi", "name": "The XAPI toolstack", "slots": 1},
]

# Difficulty -> level of the main skills; secondary / "desired" skills one
# lower.  Unknown / "various" difficulty counts as medium.
DIFFICULTY_2015 = {
    "Easy": 2, "Medium": 3, "Moderate": 3, "Medium-High": 4, "High": 5,
    "Moderate, to Extremely Difficult": 4,  # midpoint of 3 and 5
    "Various levels of difficulty": 3, "Unknown": 3,
}

# id, title, seed section, Difficulty (as in the seed), mentors (seed
# contact(s) first, then co-mentors added here), slots,
# main skills, secondary skills.
IDEAS_2015 = [
    ("quickdata", "Utilize Intel QuickData on network and block path.", "linux",
     "High", ["kwilk"], 1, ["linux-kernel"], ["networking"]),
    ("pv-9pfs", "Enabling the 9P File System transport as a paravirt device", "linux",
     "High", ["wliu", "jgrall"], 1, ["linux-kernel", "filesystems"], ["xen", "virtio"]),
    ("cpu-diagram", "CPU/RAM/PCI diagram tool", "xen",
     "Moderate, to Extremely Difficult", ["acooper"], 2,
     ["hardware", "acpi"], ["shell"]),
    ("kdd", "KDD (Windows Debugger Stub) enhancements", "xen",
     "Medium", ["pdurrant"], 1, ["c", "debugging", "xen", "windows"], []),
    ("cpuid", "CPUID Programming for Humans", "xen",
     "Easy", ["alagarcavilla"], 1, ["c", "xen"], ["qemu"]),
    ("rump-stubdom", "Rump kernel based stubdom", "xen",
     "Easy", ["wliu", "icampbell"], 1, ["os", "autotools", "c", "debugging"], []),
    ("mirage-pioneer", "Various MirageOS Pioneer Projects", "mirage",
     "Various levels of difficulty", ["dscott", "avsm"], 2, ["ocaml"], []),
    ("powerclamp", "Introducing PowerClamp-like driver for Xen", "xen",
     "Unknown", ["gdunlap"], 1, ["c", "xen"], ["linux-kernel"]),
    ("hotplug-scripts", "Refactor Linux hotplug scripts", "xen",
     "Unknown", ["rpau"], 1, ["shell"], ["linux"]),
    ("xl-to-xcp", "XL to XCP VM motion", "xen",
     "Unknown", ["icampbell", "dscott"], 1, ["xen", "xapi"], ["storage"]),
    ("sched-params", "Advanced Scheduling Parameters", "xen",
     "Unknown", ["gdunlap"], 1, ["xen", "scheduling"], ["c"]),
    ("gpu-primary", "Allowing guests to boot with a passed-through GPU as the primary display",
     "xen", "Unknown", ["gdunlap", "kwilk"], 1, ["c", "hardware", "qemu"], ["xen"]),
    ("pcie-aer", "Improve PCIe Advanced Error Reporting (AER) handling for passed-through devices",
     "xen", "Medium-High", ["mwilson"], 1, ["hardware", "pcie", "c"], ["qemu"]),
    ("drbd", "DRBD Integration", "xapi",
     "Unknown", ["jmorris"], 1, ["storage", "xapi"], ["linux"]),
]

PERSONAS_2015 = {
    "kernel": {"linux-kernel": (3, 5), "c": (3, 5), "xen": (0, 3),
               "filesystems": (0, 3), "networking": (0, 3), "virtio": (0, 2)},
    "hypervisor": {"xen": (2, 5), "c": (3, 5), "hardware": (1, 4),
                   "debugging": (1, 4), "scheduling": (0, 3), "qemu": (0, 3)},
    "hardware": {"hardware": (3, 5), "pcie": (1, 4), "acpi": (1, 4),
                 "c": (2, 4), "shell": (1, 3)},
    "ocaml": {"ocaml": (3, 5), "xapi": (0, 3), "storage": (0, 2), "os": (0, 3)},
    "tools": {"shell": (2, 5), "linux": (2, 5), "autotools": (1, 4),
              "c": (1, 3), "storage": (0, 3), "xapi": (0, 2)},
    "windows": {"windows": (3, 5), "debugging": (2, 4), "c": (2, 4)},
    "os": {"os": (2, 5), "c": (2, 4), "autotools": (0, 3), "debugging": (1, 3)},
}
PERSONA_WEIGHTS_2015 = {"kernel": 4, "hypervisor": 3, "hardware": 2, "ocaml": 3,
                        "tools": 3, "windows": 1, "os": 2}


def ideas_2015():
    ideas = []
    for iid, title, org, diff, mentors, slots, main, second in IDEAS_2015:
        lvl = DIFFICULTY_2015[diff]
        req = {k: lvl for k in main}
        for k in second:
            req[k] = max(1, lvl - 1)
        idea = {"id": iid, "title": title, "org": org, "mentors": list(mentors)}
        if slots != 1:
            idea["slots"] = slots
        idea["requires"] = req
        ideas.append(idea)
    return ideas


# --------------------------------------------------------------------------
# applicant pool
# --------------------------------------------------------------------------

def make_skills(rng, personas, weights):
    names = sorted(personas)
    primary = rng.choices(names, [weights[n] for n in names])[0]
    skills = {}
    for k, (lo, hi) in sorted(personas[primary].items()):
        v = rng.randint(lo, hi)
        if v > 0 or rng.random() < 0.3:  # an explicit 0 now and then
            skills[k] = v
    if rng.random() < 0.45:  # a weaker second interest
        second = rng.choice([n for n in names if n != primary])
        for k, (lo, hi) in sorted(personas[second].items()):
            v = rng.randint(0, max(1, hi - 2))
            if v > skills.get(k, 0):
                skills[k] = v
    return dict(sorted(skills.items()))


def make_pool(rng, ideas, mentors_of, n_students, personas, weights, popularity,
              rank_share=0.5):
    """Students with skills and 1-5 ranked applications; ratings."""
    ids = [i["id"] for i in ideas]
    req = {i["id"]: i.get("requires", {}) for i in ideas}
    students = []
    for n in range(1, n_students + 1):
        sid = "s%03d" % n
        skills = make_skills(rng, personas, weights)
        k = rng.choices([1, 2, 3, 4, 5], [20, 28, 25, 17, 10])[0]
        pool = list(ids)
        chosen = []
        for _ in range(k):
            w = [popularity[i] * (0.15 + skill_fit(skills, req[i])) ** 2 for i in pool]
            pick = rng.choices(pool, w)[0]
            pool.remove(pick)
            chosen.append(pick)
        if rng.random() < rank_share:
            apps = [{"idea": i, "rank": r} for r, i in enumerate(chosen, 1)]
            if len(apps) > 1 and rng.random() < 0.4:
                rng.shuffle(apps)  # ranks given, list not in rank order
        else:
            apps = [{"idea": i} for i in chosen]
        students.append({"id": sid, "skills": skills, "applications": apps})

    bias = {}
    ratings = []
    for s in students:
        for a in s["applications"]:
            ms = mentors_of[a["idea"]]
            p = 0.85 if len(ms) == 1 else 0.6
            fit = skill_fit(s["skills"], req[a["idea"]])
            for m in ms:
                if rng.random() >= p:
                    continue
                if m not in bias:
                    bias[m] = rng.choice([-0.5, 0.0, 0.0, 0.5])
                raw = 1 + 4 * fit + bias[m] + rng.gauss(0, 0.7)
                score = min(5.0, max(1.0, round(raw * 2) / 2))
                ratings.append({"mentor": m, "student": s["id"],
                                "idea": a["idea"], "score": num(score)})
    return students, ratings


def popularity_for(rng, ideas, hot=()):
    pop = {}
    for i in ideas:
        base = i.get("impact", 3)
        pop[i["id"]] = base * rng.lognormvariate(0, 0.5) * (2.5 if i["id"] in hot else 1)
    return pop


def ranks_of(student):
    apps = student["applications"]
    if apps and "rank" in apps[0]:
        return {a["idea"]: a["rank"] for a in apps}
    return {a["idea"]: r for r, a in enumerate(apps, 1)}


def drop_ratings(doc, mentor, student):
    doc["ratings"] = [r for r in doc["ratings"]
                      if not (r["mentor"] == mentor and r["student"] == student)]


# --------------------------------------------------------------------------
# the two documents
# --------------------------------------------------------------------------

def build_2010():
    rng = random.Random(2010)
    ideas = ideas_2010()
    mentors_of = {i["id"]: i["mentors"] for i in ideas}
    pop = popularity_for(rng, ideas, hot=("guest-rpc", "console-url", "drbd",
                                          "http-server", "perf-pmu"))
    students, ratings = make_pool(rng, ideas, mentors_of, 60, PERSONAS_2010,
                                  PERSONA_WEIGHTS_2010, pop)
    doc = {
        "program": {"name": "Xen.org GSoC 2010 (XCP project suggestions)", "slots": 9},
        "settings": {
            "weights": {"rating": 2, "preference": 1, "skill": 1, "impact": 0.5},
            "objective": "count-then-score",
            "rating_scale": [1, 5],
            "default_rating": 2.5,
        },
        "orgs": [dict(o) for o in ORGS_2010],
        "mentors": mentor_objs(MENTORS_2010),
        "ideas": ideas,
        "students": students,
        "ratings": ratings,
    }
    # conflict on a co-mentored idea: the co-mentor may still lead
    a = first_applicant(doc, "guest-rpc")
    # conflict on a single-mentor idea: that application becomes ineligible
    b = first_applicant(doc, "pxe-ramdisk", exclude={a})
    doc["conflicts"] = [{"mentor": "dscott", "student": a},
                        {"mentor": "pasik", "student": b}]
    for c in doc["conflicts"]:
        drop_ratings(doc, c["mentor"], c["student"])
    # fixed: a with the non-conflicted co-mentor; another student on drbd,
    # mentor left to the solver
    c = first_applicant(doc, "drbd", exclude={a, b})
    doc["fixed"] = [{"student": a, "idea": "guest-rpc", "mentor": "jludlam"},
                    {"student": c, "idea": "drbd"}]
    d = first_applicant(doc, "domain-daemon", exclude={a, b, c})
    e = first_applicant(doc, "console-url", exclude={a, b, c, d})
    doc["forbidden"] = [{"student": d, "idea": "domain-daemon"},
                        {"student": e, "idea": "console-url"}]
    return doc


def build_2015():
    rng = random.Random(2015)
    ideas = ideas_2015()
    mentors_of = {i["id"]: i["mentors"] for i in ideas}
    pop = popularity_for(rng, ideas, hot=("mirage-pioneer", "gpu-primary",
                                          "cpu-diagram", "kdd"))
    students, ratings = make_pool(rng, ideas, mentors_of, 120, PERSONAS_2015,
                                  PERSONA_WEIGHTS_2015, pop, rank_share=0.4)
    doc = {
        "program": {"name": "Xen Project GSoC 2015", "slots": 10},
        "settings": {
            "weights": {"rating": 1, "preference": 1, "skill": 2},
            "objective": "count-then-score",
            "rating_scale": [1, 5],
            "default_rating": None,
            "max_rank": 4,
        },
        "orgs": [dict(o) for o in ORGS_2015],
        "mentors": mentor_objs(MENTORS_2015),
        "ideas": ideas,
        "students": students,
        "ratings": ratings,
    }
    a = first_applicant(doc, "pv-9pfs")
    b = first_applicant(doc, "cpu-diagram", exclude={a})
    doc["conflicts"] = [{"mentor": "jgrall", "student": a},
                        {"mentor": "acooper", "student": b}]
    for c in doc["conflicts"]:
        drop_ratings(doc, c["mentor"], c["student"])
    # fixed: a on 9P with wliu (jgrall is in conflict); and the first
    # student's fifth choice (outside the linux org, which a fills), which
    # max_rank 4 would otherwise make ineligible
    c, c_idea = first_fifth_choice(doc, exclude={a, b}, avoid_org="linux")
    doc["fixed"] = [{"student": a, "idea": "pv-9pfs", "mentor": "wliu"},
                    {"student": c, "idea": c_idea}]
    d = first_applicant(doc, "gpu-primary", exclude={a, b, c})
    doc["forbidden"] = [{"student": d, "idea": "gpu-primary"}]
    return doc


# The universities of the version 2 example's applicants, most frequent
# first: GSoC applicant pools are skewed towards a few large schools.
UNIVERSITIES_2015 = ["IIT Bombay", "TU Delft", "Politehnica Bucharest",
                     "University of Cambridge", "KTH Stockholm", "ETH Zurich",
                     "University of Waterloo", "Charles University",
                     "Tsinghua University", "Universidad de Buenos Aires"]


def build_2015_v2():
    """xen-2015 as a version 2 document (SPEC sections 1 and 7): each
    student's university (drawn with weight 1/k for the k-th of the pool)
    and whether this is a first contribution; two quotas."""
    doc = build_2015()
    rng = random.Random(20152)
    weights = [1.0 / (k + 1) for k in range(len(UNIVERSITIES_2015))]
    for s in doc["students"]:
        attrs = {}
        if rng.random() < 0.95:  # a few left the field blank: never counted
            attrs["university"] = rng.choices(UNIVERSITIES_2015, weights)[0]
        attrs["first_time"] = rng.random() < 0.5
        s["attributes"] = attrs
    doc["program"]["name"] = "Xen Project GSoC 2015 (version 2: quotas)"
    doc["quotas"] = [
        {"id": "one-per-university", "attribute": "university", "per": "org", "max": 1},
        {"id": "first-timers", "attribute": "first_time", "value": True, "min": 6},
    ]
    return doc


def build_2015_update(v2, announced):
    """The version 2 program a week after `announced` (the solve result of
    v2) was sent: the first assigned student (by id) who is neither fixed
    nor a first-timer withdraws, and the next one's lead mentor can now take
    one student fewer than announced, so one of theirs has to move or go."""
    doc = json.loads(json.dumps(v2))
    fixed = {f["student"] for f in doc["fixed"]}
    placed = [a for a in announced["assignments"] if a["student"] not in fixed]
    load = {}
    for a in announced["assignments"]:
        load[a["mentor"]] = load.get(a["mentor"], 0) + 1
    mentor = {m["id"]: m for m in doc["mentors"]}
    first_time = {s["id"]: s["attributes"]["first_time"] for s in doc["students"]}
    # not a first-timer: the first-timers quota then leaves the change free
    k = next(k for k, a in enumerate(placed) if not first_time[a["student"]])
    gone = placed[k]["student"]
    squeezed = next(a["mentor"] for a in placed[k + 1:]
                    if load[a["mentor"]] > mentor[a["mentor"]].get("min_load", 0))
    doc["program"]["name"] = "Xen Project GSoC 2015 (version 2, after announcement)"
    doc["students"] = [s for s in doc["students"] if s["id"] != gone]
    for key in ("ratings", "conflicts", "forbidden"):
        doc[key] = [x for x in doc[key] if x["student"] != gone]
    mentor[squeezed]["capacity"] = load[squeezed] - 1
    return doc


def mentor_objs(rows):
    out = []
    for handle, name, cap, min_load in rows:
        m = {"id": handle}
        if name is not None:
            m["name"] = name
        m["capacity"] = cap
        if min_load:
            m["min_load"] = min_load
        out.append(m)
    return out


def first_fifth_choice(doc, exclude, avoid_org):
    """The first student (by id) with a fifth choice outside avoid_org."""
    org = {i["id"]: i.get("org") for i in doc["ideas"]}
    for s in doc["students"]:
        if s["id"] in exclude:
            continue
        for idea, r in ranks_of(s).items():
            if r == 5 and org[idea] != avoid_org:
                return s["id"], idea
    raise AssertionError("no fifth choice")


def first_applicant(doc, idea, exclude=(), rank=None):
    """The first student (by id) applying to idea (at that rank, if given)."""
    for s in doc["students"]:
        if s["id"] in exclude:
            continue
        r = ranks_of(s).get(idea)
        if r is not None and (rank is None or r == rank):
            return s["id"]
    raise AssertionError("no applicant for %s (rank %s)" % (idea, rank))


# --------------------------------------------------------------------------
# validation (SPEC section 1) and feasibility
# --------------------------------------------------------------------------

def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def validate(doc, text):
    assert AT not in text, "an at-sign in the output"
    settings = doc.get("settings", {})
    lo, hi = settings.get("rating_scale", [1, 5])
    assert lo < hi
    prog = doc.get("program")
    if prog is not None:
        assert isinstance(prog["name"], str) and is_int(prog["slots"]) and prog["slots"] >= 0

    def unique_ids(kind):
        ids = [x["id"] for x in doc.get(kind, [])]
        assert all(isinstance(i, str) and i for i in ids), kind
        assert len(ids) == len(set(ids)), "duplicate id in " + kind
        return set(ids)

    orgs, mentors = unique_ids("orgs"), unique_ids("mentors")
    ideas, students = unique_ids("ideas"), unique_ids("students")
    for o in doc.get("orgs", []):
        assert set(o) <= {"id", "name", "slots"}
        assert "slots" not in o or (is_int(o["slots"]) and o["slots"] >= 0)
    for m in doc["mentors"]:
        assert set(m) <= {"id", "name", "capacity", "min_load"}
        cap, ml = m.get("capacity", 1), m.get("min_load", 0)
        assert is_int(cap) and is_int(ml) and 0 <= ml <= cap, m["id"]
        assert AT not in m["id"] and m["id"] == m["id"].lower()

    def skill_map(d, positive):
        low = [k.lower() for k in d]
        assert len(low) == len(set(low)), "skill named twice"
        for k, v in d.items():
            assert k == k.lower()
            assert isinstance(v, (int, float)) and not isinstance(v, bool)
            assert (0 < v <= 5) if positive else (0 <= v <= 5), (k, v)

    idea_by = {}
    req_skills = set()
    for i in doc["ideas"]:
        assert set(i) <= {"id", "title", "org", "mentors", "slots", "requires",
                          "size", "knowledge", "impact"}, i["id"]
        idea_by[i["id"]] = i
        assert "org" not in i or i["org"] in orgs
        assert i["mentors"] and all(m in mentors for m in i["mentors"])
        assert len(set(i["mentors"])) == len(i["mentors"])
        assert is_int(i.get("slots", 1)) and i.get("slots", 1) >= 0
        skill_map(i.get("requires", {}), True)
        req_skills |= set(i.get("requires", {}))
        for f in ("size", "knowledge", "impact"):
            assert f not in i or (is_int(i[f]) and 1 <= i[f] <= 5), (i["id"], f)

    apps = {}  # (student, idea) -> rank
    stud_skills = set()
    for s in doc["students"]:
        assert set(s) <= {"id", "name", "skills", "applications", "attributes"}
        for v in s.get("attributes", {}).values():
            assert isinstance(v, (str, int, float, bool)), s["id"]
        skill_map(s.get("skills", {}), False)
        stud_skills |= set(s.get("skills", {}))
        al = s["applications"]
        assert 1 <= len(al) <= 5
        seen = [a["idea"] for a in al]
        assert len(seen) == len(set(seen)), s["id"]
        assert all(a["idea"] in ideas for a in al)
        has = ["rank" in a for a in al]
        assert all(has) or not any(has), s["id"]
        if all(has):
            rs = [a["rank"] for a in al]
            assert all(is_int(r) and r >= 1 for r in rs) and len(set(rs)) == len(rs)
        for a in al:
            assert set(a) <= {"idea", "rank"}
        for idea, r in ranks_of(s).items():
            apps[(s["id"], idea)] = r
    assert stud_skills <= req_skills, stud_skills - req_skills
    assert req_skills <= stud_skills, req_skills - stud_skills

    rated = set()
    for r in doc.get("ratings", []):
        assert set(r) == {"mentor", "student", "idea", "score"}
        assert r["mentor"] in mentors and r["student"] in students and r["idea"] in ideas
        assert (r["student"], r["idea"]) in apps, "rating of a non-application"
        assert r["mentor"] in idea_by[r["idea"]]["mentors"]
        assert lo <= r["score"] <= hi
        key = (r["mentor"], r["student"], r["idea"])
        assert key not in rated, "rated twice"
        rated.add(key)
    rated_apps = {(s, i) for _, s, i in rated}
    assert 0.6 * len(apps) < len(rated_apps) < len(apps), "most but not all rated"

    conflicts = set()
    for c in doc.get("conflicts", []):
        assert set(c) == {"mentor", "student"}
        assert c["mentor"] in mentors and c["student"] in students
        assert any((c["student"], i) in apps for i, x in idea_by.items()
                   if c["mentor"] in x["mentors"]), "conflict without application"
        conflicts.add((c["mentor"], c["student"]))
    forbidden = set()
    for f in doc.get("forbidden", []):
        assert set(f) == {"student", "idea"}
        assert f["student"] in students and f["idea"] in ideas
        assert (f["student"], f["idea"]) in apps
        forbidden.add((f["student"], f["idea"]))
    fixed_students = set()
    for f in doc.get("fixed", []):
        assert set(f) <= {"student", "idea", "mentor"}
        pair = (f["student"], f["idea"])
        assert pair in apps and pair not in forbidden
        assert f["student"] not in fixed_students
        fixed_students.add(f["student"])
        if "mentor" in f:
            assert f["mentor"] in idea_by[f["idea"]]["mentors"]
            assert (f["mentor"], f["student"]) not in conflicts
        else:
            assert any((m, f["student"]) not in conflicts
                       for m in idea_by[f["idea"]]["mentors"])

    qids = [q["id"] for q in doc.get("quotas", [])]
    assert len(qids) == len(set(qids)), "duplicate quota id"
    for q in doc.get("quotas", []):
        assert set(q) <= {"id", "attribute", "value", "per", "min", "max"}
        assert isinstance(q["attribute"], str) and q["attribute"]
        assert q.get("per", "program") in ("program", "org", "idea", "mentor")
        assert "min" in q or "max" in q
        assert all(is_int(q[k]) and q[k] >= 0 for k in ("min", "max") if k in q)
        assert q.get("min", 0) <= q.get("max", q.get("min", 0))
        assert any(q["attribute"] in st.get("attributes", {}) for st in doc["students"])

    # the features each example must exercise
    assert sum(len(i["mentors"]) >= 2 for i in doc["ideas"]) >= 3
    assert any("slots" in o for o in doc["orgs"])
    assert doc["conflicts"] and doc["fixed"] and doc["forbidden"]
    assert any(m.get("min_load", 0) > 0 for m in doc["mentors"])
    assert any(i.get("slots", 1) == 2 for i in doc["ideas"])
    ranked = sum("rank" in s["applications"][0] for s in doc["students"])
    assert 0 < ranked < len(doc["students"])
    # popular ideas get more applicants
    counts = sorted((sum(1 for (s, i) in apps if i == x) for x in ideas), reverse=True)
    assert counts[0] >= 3 * max(1, counts[-1]), counts
    return apps, conflicts, forbidden


class Model:
    """Just enough of SPEC section 4 to build assignments by hand."""

    def __init__(self, doc, apps, conflicts, forbidden):
        self.doc = doc
        st = doc.get("settings", {})
        lo, hi = st.get("rating_scale", [1, 5])
        self.idea = {i["id"]: i for i in doc["ideas"]}
        self.mentor = {m["id"]: m for m in doc["mentors"]}
        self.org = {o["id"]: o for o in doc.get("orgs", [])}
        self.skills = {s["id"]: s.get("skills", {}) for s in doc["students"]}
        self.conflicts = conflicts
        fixed = {(f["student"], f["idea"]) for f in doc.get("fixed", [])}
        scores = {}
        for r in doc.get("ratings", []):
            scores.setdefault((r["student"], r["idea"]), []).append(r["score"])
        self.eligible = set()
        for (s, i), rank in apps.items():
            ok = (s, i) not in forbidden
            if st.get("max_rank") is not None and rank > st["max_rank"]:
                ok = False
            if st.get("min_rating") is not None:
                sc = scores.get((s, i))
                mean = sum(sc) / len(sc) if sc else st.get("default_rating")
                if mean is None or mean < st["min_rating"]:
                    ok = False
            if st.get("min_skill") is not None and \
                    skill_fit(self.skills[s], self.idea[i].get("requires", {})) < st["min_skill"]:
                ok = False
            if all((m, s) in conflicts for m in self.idea[i]["mentors"]):
                ok = False
            if ok or (s, i) in fixed:
                self.eligible.add((s, i))
        self.assign = {}

    def room(self, s, i, m, skip_org=None):
        if s in self.assign or (s, i) not in self.eligible or (m, s) in self.conflicts:
            return False
        vals = self.assign.values()
        idea = self.idea[i]
        if sum(1 for (x, _) in vals if x == i) >= idea.get("slots", 1):
            return False
        if sum(1 for (_, y) in vals if y == m) >= self.mentor[m].get("capacity", 1):
            return False
        org = idea.get("org")
        if org is not None and org != skip_org and "slots" in self.org[org]:
            used = sum(1 for (x, _) in vals if self.idea[x].get("org") == org)
            if used >= self.org[org]["slots"]:
                return False
        prog = self.doc.get("program", {})
        if "slots" in prog and len(self.assign) >= prog["slots"]:
            return False
        return True

    def load(self, m):
        return sum(1 for (_, y) in self.assign.values() if y == m)

    def witness(self, skip_org=None):
        """Fixed pairs, then min_loads, then greedy fill; check everything."""
        self.assign = {}
        for f in self.doc.get("fixed", []):
            ms = [f["mentor"]] if "mentor" in f else self.idea[f["idea"]]["mentors"]
            for m in ms:
                if self.room(f["student"], f["idea"], m):
                    self.assign[f["student"]] = (f["idea"], m)
                    break
            assert f["student"] in self.assign, "fixed pair does not fit: %r" % f
        for m in self.doc["mentors"]:
            mid = m["id"]
            for s, i in sorted(self.eligible):
                if self.load(mid) >= m.get("min_load", 0):
                    break
                if mid in self.idea[i]["mentors"] and self.room(s, i, mid):
                    self.assign[s] = (i, mid)
            assert self.load(mid) >= m.get("min_load", 0), "min_load of " + mid
        for s, i in sorted(self.eligible):
            for m in self.idea[i]["mentors"]:
                if self.room(s, i, m, skip_org):
                    self.assign[s] = (i, m)
                    break
        return dict(self.assign)

    def cap_bound(self):
        """Upper bound on assignments from org and idea caps alone."""
        tot = 0
        for o in self.doc.get("orgs", []):
            if "slots" in o:
                tot += o["slots"]
        for i in self.doc["ideas"]:
            org = i.get("org")
            if org is None or "slots" not in self.org[org]:
                tot += i.get("slots", 1)
        return min(tot, self.doc.get("program", {}).get("slots", tot))


def check_feasible(doc, apps, conflicts, forbidden, binding_org=None):
    model = Model(doc, apps, conflicts, forbidden)
    for m in doc["mentors"]:
        if m.get("min_load", 0):
            studs = {s for (s, i) in model.eligible
                     if m["id"] in model.idea[i]["mentors"] and (m["id"], s) not in conflicts}
            assert len(studs) >= 5, "min_load mentor %s has few applicants" % m["id"]
    w = model.witness()
    result = {"witness": len(w)}
    if binding_org is not None:
        bound = model.cap_bound()
        w2 = model.witness(skip_org=binding_org)
        assert len(w2) > bound, (len(w2), bound)
        result.update(cap_bound=bound, without_cap=len(w2))
    return result


# --------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------

def dumps(doc):
    """Top-level keys one per line, array elements one per line."""
    def one(x):
        return json.dumps(x, ensure_ascii=False, separators=(", ", ": "))

    parts = []
    for k, v in doc.items():
        if isinstance(v, list) and v:
            body = ",\n".join("    " + one(x) for x in v)
            parts.append("  %s: [\n%s\n  ]" % (json.dumps(k), body))
        else:
            parts.append("  %s: %s" % (json.dumps(k), one(v)))
    return "{\n" + ",\n".join(parts) + "\n}\n"


def summary(name, doc, feas):
    n_apps = sum(len(s["applications"]) for s in doc["students"])
    multi = [i["id"] for i in doc["ideas"] if len(i["mentors"]) > 1]
    return ("%s: %d students, %d ideas, %d mentors, %d orgs, %d applications, "
            "%d ratings; multi-mentor: %s; feasibility witness assigns %d%s"
            % (name, len(doc["students"]), len(doc["ideas"]), len(doc["mentors"]),
               len(doc["orgs"]), n_apps, len(doc["ratings"]), ", ".join(multi),
               feas["witness"],
               "" if "cap_bound" not in feas else
               "; caps allow at most %d, %d without the xen org cap"
               % (feas["cap_bound"], feas["without_cap"])))


# The announced result of xen-2015-v2.json, which the update is made from:
#   mentormatch solve examples/xen-2015-v2.json -o examples/announced/xen-2015-v2.json
ANNOUNCED = os.path.join(EXAMPLES, "announced", "xen-2015-v2.json")


def read_announced():
    try:
        with open(ANNOUNCED, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        return None


def main(argv):
    check_only = "--check" in argv[1:]
    outputs = []
    announced = read_announced()
    builds = [("xen-2010-xcp.json", build_2010, None),
              ("xen-2015.json", build_2015, "xen"),
              ("xen-2015-v2.json", build_2015_v2, "xen")]
    if announced is not None:
        builds.append(("xen-2015-v2-update.json",
                       lambda: build_2015_update(build_2015_v2(), announced), "xen"))
    else:
        print("%s: missing; xen-2015-v2-update.json not written (see the docstring)"
              % ANNOUNCED, file=sys.stderr)
    for name, build, binding in builds:
        doc = build()
        text = dumps(doc)
        assert json.loads(text) == doc
        apps, conflicts, forbidden = validate(doc, text)
        feas = check_feasible(doc, apps, conflicts, forbidden, binding)
        assert text == dumps(build()), "not deterministic"
        outputs.append((os.path.join(EXAMPLES, name), text))
        print(summary(name, doc, feas), file=sys.stderr)
    status = 0
    for path, text in outputs:
        data = text.encode("utf-8")
        if check_only:
            try:
                with open(path, "rb") as fh:
                    same = fh.read() == data
            except OSError:
                same = False
            if not same:
                print("%s: out of date" % path, file=sys.stderr)
                status = 1
        else:
            tmp = path + ".tmp"
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
