#!/usr/bin/env python3
"""deps.py - the arrows between parley's source files, their loops and the
arrows that run against the layers (issue 16).

For every .c and .h under src/ (and the public headers under include/, as
targets) it lists:
  - the files it includes (#include "..." resolved as the build does: the
    file's own folder, include/, src/util, src/lib/<module>/);
  - the files defining the non-static functions and data it uses, read
    from the build's objects with nm: a symbol undefined (U) in one object
    and defined (T, D, B, R, ...) in another is an arrow from the first
    source file to the second.
Then it reports:
  - loops: groups of two or more files that reach each other through
    includes and calls (strongly connected components), each with the
    arrows inside it;
  - upward arrows: arrows against the layer order
        cli -> lib (scenario < models < reader < institutions < forecast <
                    mc < output < report < backtest < ledger) -> util
    i.e. from util to anything above it, from a lib module to a later
    module or to cli; and any include from src/cli of a header that is
    not public (include/) or the CLI's own, and any call from src/cli of
    an internal (parley__) symbol.

Usage:
  scripts/deps.py [--build DIR] [--list] [--check EXCEPTIONS]
    --build DIR        where the objects are (default: build)
    --list             also print every file's includes and calls
    --check FILE       exit 1 when a loop or an upward arrow remains after
                       removing the arrows FILE lists as known exceptions
                       ("FROM -> TO" per line, # comments), or when one of
                       them touches src/util or src/cli; print the
                       exceptions used and those no longer present
    --write-exceptions print an exception list that breaks today's loops
                       and upward arrows (a start for --check FILE)
Exit status: 0, 1 (--check failed), 2 (usage, or no objects in --build).
"""
import argparse
import collections
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULES = ["scenario", "models", "reader", "institutions", "forecast", "mc",
           "output", "report", "backtest", "ledger"]
# public headers that are not named after their module
PUBLIC_MODULE = {"common": "util", "diag": "util", "suggest": "util",
                 "bdm": "models", "exchange": "models",
                 "feasibility": "institutions", "packages": "institutions"}
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def rel(path):
    return os.path.relpath(path, ROOT)


def layer_of(f):
    """(rank, name): util 0, lib modules 1..len(MODULES) in order, cli 10; None for other files."""
    parts = f.split("/")
    if parts[0] == "src" and parts[1] == "util":
        return (0, "util")
    if parts[0] == "src" and parts[1] == "cli":
        return (len(MODULES) + 1, "cli")
    if parts[0] == "src" and parts[1] == "lib" and parts[2] in MODULES:
        return (MODULES.index(parts[2]) + 1, parts[2])
    if parts[0] == "include":
        name = os.path.splitext(parts[-1])[0]
        if f == "include/parley.h":  # the umbrella: the whole API
            return (len(MODULES), "api")
        m = PUBLIC_MODULE.get(name, name)
        if m == "util":
            return (0, "util")
        if m in MODULES:
            return (MODULES.index(m) + 1, m)
    return None


def source_files():
    out = []
    for top in ("src", "include"):
        for d, _, names in os.walk(os.path.join(ROOT, top)):
            out += [rel(os.path.join(d, n)) for n in names if n.endswith((".c", ".h"))]
    return sorted(out)


def include_dirs():
    dirs = [os.path.join(ROOT, "include"), os.path.join(ROOT, "src", "util")]
    lib = os.path.join(ROOT, "src", "lib")
    if os.path.isdir(lib):
        dirs += [os.path.join(lib, m) for m in sorted(os.listdir(lib))]
    return dirs


def includes(files):
    dirs = include_dirs()
    edges = collections.defaultdict(set)
    for f in files:
        with open(os.path.join(ROOT, f), encoding="utf-8", errors="replace") as fp:
            text = fp.read()
        for name in INCLUDE_RE.findall(text):
            for d in [os.path.dirname(os.path.join(ROOT, f))] + dirs:
                p = os.path.normpath(os.path.join(d, name))
                if os.path.isfile(p):
                    if rel(p) != f:
                        edges[f].add(rel(p))
                    break
    return edges


def objects(build):
    """{source file: object path} for the library's and the CLI's objects."""
    out = {}
    for target in ("parley.dir", "parley_cli.dir"):
        base = os.path.join(build, "CMakeFiles", target)
        for d, _, names in os.walk(base):
            for n in names:
                if n.endswith(".c.o"):
                    src = os.path.relpath(os.path.join(d, n[:-2]), base)
                    # a build directory keeps the objects of files since
                    # moved or deleted: only today's sources count
                    if os.path.isfile(os.path.join(ROOT, src)):
                        out[src] = os.path.join(d, n)
    return out


def symbols(objs):
    """({symbol: defining file}, {file: set of undefined symbols})."""
    defined, used = {}, collections.defaultdict(set)
    for src, obj in sorted(objs.items()):
        res = subprocess.run(["nm", "-P", obj], capture_output=True, text=True, check=True)
        for line in res.stdout.splitlines():
            parts = line.split()
            if len(parts) < 2:
                continue
            name, kind = parts[0], parts[1]
            if kind == "U":
                used[src].add(name)
            elif kind.isupper() or kind in "vw":
                defined.setdefault(name, src)
    return defined, used


def sccs(nodes, edges):
    """Tarjan's strongly connected components (iterative)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return sorted(out)


def upward(a, b, why):
    """Why the arrow a -> b runs against the layers, or None."""
    la, lb = layer_of(a), layer_of(b)
    if a.startswith("src/cli/"):
        if why.startswith("includes") and not (b.startswith("include/") or b.startswith("src/cli/")):
            return "the CLI includes a private header"
        if why.startswith("calls ") and re.match(r"parley_\w*__", why[6:]):
            return "the CLI uses an internal symbol"
        return None
    if la is None or lb is None:
        return None
    if lb[0] > la[0]:
        return "%s -> %s" % (la[1], lb[1])
    return None


def read_exceptions(path):
    out = []
    with open(path, encoding="utf-8") as fp:
        for line in fp:
            line = line.split("#", 1)[0].strip()
            if line:
                a, _, b = line.partition("->")
                out.append((a.strip(), b.strip()))
    return out


def main():
    ap = argparse.ArgumentParser(add_help=True)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--check")
    ap.add_argument("--write-exceptions", action="store_true")
    args = ap.parse_args()

    files = source_files()
    inc = includes(files)
    objs = objects(args.build)
    if not objs:
        print("deps: no objects under %s/CMakeFiles (build first)" % args.build, file=sys.stderr)
        return 2
    defined, used = symbols(objs)
    # arrows: (a, b) -> reasons
    why = collections.defaultdict(list)
    for a, targets in inc.items():
        for b in targets:
            why[(a, b)].append("includes")
    for a, names in used.items():
        for name in sorted(names):
            b = defined.get(name)
            if b and b != a:
                why[(a, b)].append("calls " + name)
    edges = collections.defaultdict(set)
    for a, b in why:
        edges[a].add(b)

    def reason(a, b):
        r = why[(a, b)]
        calls = [x[6:] for x in r if x.startswith("calls ")]
        text = "includes" if "includes" in r else ""
        if calls:
            more = " +%d" % (len(calls) - 3) if len(calls) > 3 else ""
            text += ("; " if text else "") + "calls " + ", ".join(calls[:3]) + more
        return text

    def report(edge_set, label):
        comps = sccs(files, edge_set)
        ups = []
        for (a, b) in sorted(why):
            if b not in edge_set.get(a, ()):
                continue
            for r in why[(a, b)]:
                u = upward(a, b, r)
                if u:
                    ups.append((a, b, u))
                    break
        return comps, ups

    n_inc = sum(1 for k in why if "includes" in why[k])
    n_call = sum(1 for k in why if any(r.startswith("calls") for r in why[k]))
    print("deps: %d files (%d .c, %d .h); %d include arrows, %d call arrows between files"
          % (len(files), sum(f.endswith(".c") for f in files), sum(f.endswith(".h") for f in files),
             n_inc, n_call))
    if args.list:
        for f in files:
            outs = sorted(edges.get(f, ()))
            if outs:
                print("%s:" % f)
                for b in outs:
                    print("    -> %s (%s)" % (b, reason(f, b)))
    comps, ups = report(edges, "all")
    print("loops: %d (%d files in them)" % (len(comps), sum(len(c) for c in comps)))
    for k, c in enumerate(comps, 1):
        print("  loop %d: %s" % (k, " ".join(c)))
        cs = set(c)
        for a in c:
            for b in sorted(edges.get(a, ())):
                if b in cs:
                    print("      %s -> %s (%s)" % (a, b, reason(a, b)))
    print("upward arrows: %d" % len(ups))
    for a, b, u in ups:
        print("  %s -> %s [%s] (%s)" % (a, b, u, reason(a, b)))

    if args.write_exceptions:
        # break each loop: order its files by layer, then by how much the
        # others use them (more used first); arrows against that order go
        print("# known exceptions (scripts/deps.py --write-exceptions)")
        seen = set()
        for a, b, u in ups:
            if (a, b) not in seen:
                seen.add((a, b))
                print("%s -> %s  # upward: %s" % (a, b, u))
        for c in comps:
            cs = set(c)
            indeg = {f: sum(1 for g in c if f in edges.get(g, ())) for f in c}
            outdeg = {f: sum(1 for g in edges.get(f, ()) if g in cs) for f in c}
            order = sorted(c, key=lambda f: (layer_of(f) or (99, ""), outdeg[f] - indeg[f], f))
            pos = {f: i for i, f in enumerate(order)}
            for a in c:
                for b in sorted(edges.get(a, ())):
                    if b in cs and pos[b] > pos[a] and (a, b) not in seen:
                        seen.add((a, b))
                        print("%s -> %s  # loop" % (a, b))

    if args.check:
        exc = read_exceptions(args.check)
        bad = [(a, b) for a, b in exc
               if a.startswith(("src/util/", "src/cli/")) or b.startswith(("src/cli/",))
               or (b.startswith("src/util/") and not a.startswith("src/"))]
        pruned = collections.defaultdict(set)
        used_exc, stale = [], []
        exc_set = set(exc)
        for a, outs in edges.items():
            for b in outs:
                if (a, b) in exc_set:
                    used_exc.append((a, b))
                else:
                    pruned[a].add(b)
        stale = [e for e in exc if e not in set(used_exc)]
        comps2, ups2 = report(pruned, "checked")
        print("check: %d known exceptions in %s, %d of them still present" %
              (len(exc), rel(args.check) if os.path.isabs(args.check) else args.check, len(used_exc)))
        for a, b in sorted(used_exc):
            print("  tolerated: %s -> %s (%s)" % (a, b, reason(a, b)))
        for a, b in stale:
            print("  no longer present (remove it from the list): %s -> %s" % (a, b))
        for a, b in bad:
            print("  NOT ALLOWED as an exception (src/util and src/cli have none): %s -> %s" % (a, b))
        for c in comps2:
            print("  FAIL loop: %s" % " ".join(c))
        for a, b, u in ups2:
            print("  FAIL upward arrow: %s -> %s [%s] (%s)" % (a, b, u, reason(a, b)))
        if comps2 or ups2 or bad:
            print("check: FAILED (%d loops, %d upward arrows, %d exceptions not allowed)" %
                  (len(comps2), len(ups2), len(bad)))
            return 1
        print("check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
