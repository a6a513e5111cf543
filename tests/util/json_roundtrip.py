#!/usr/bin/env python3
"""json_roundtrip.py DOC EVENTS: parse DOC (a JSON array written by
tests/util/test_json.c) with python's json module and list its elements'
events as the C generator does ("[", "]", "{", "}", "k HEX", "s HEX",
"n %.17g", "b 0|1", "z"); exit 1 when they differ from EVENTS."""
import json
import sys


def events(v, out):
    if isinstance(v, bool):
        out.append("b %d" % v)
    elif v is None:
        out.append("z")
    elif isinstance(v, (int, float)):
        out.append("n %.17g" % float(v))
    elif isinstance(v, str):
        out.append("s " + v.encode("utf-8").hex())
    elif isinstance(v, list):
        out.append("[")
        for x in v:
            events(x, out)
        out.append("]")
    else:
        out.append("{")
        for k, x in v.items():
            out.append("k " + k.encode("utf-8").hex())
            events(x, out)
        out.append("}")


def main():
    with open(sys.argv[1], "rb") as fp:
        doc = json.loads(fp.read().decode("utf-8"))
    with open(sys.argv[2], encoding="ascii") as fp:
        want = [line.rstrip("\n").rstrip() for line in fp]
    got = []
    for x in doc:
        events(x, got)
    got = [g.rstrip() for g in got]
    if got != want:
        for i, (g, w) in enumerate(zip(got + ["<end>"] * len(want), want + ["<end>"] * len(got))):
            if g != w:
                print("json_roundtrip: event %d: python read %r, the writer wrote %r" % (i, g, w))
                break
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
