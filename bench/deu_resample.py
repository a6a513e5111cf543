#!/usr/bin/env python3
"""deu_resample.py - a synthetic DEU-layout dataset of about ROWS issues, made
by resampling the proposals of a DEU file (with replacement, seeded) and
giving each copy a new proposal number and new issue ids; for timing
`parley backtest` on data larger than the development set
(bench/backtest_sizes.sh).

Usage: deu_resample.py DEU.csv ROWS SEED > OUT.csv

Proposals numbered below 67 (the EU-15 era of DEU II) are renumbered
1..N15 and the others after them, so the Council table of each issue's era
stays the same when the backtest is run with --eu27-from N15+1; the value
is printed on stderr as "eu27-from N".
"""
import csv
import random
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    path, rows, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, newline="") as fp:
        reader = csv.reader(fp)
        header = next(reader)
        data = list(reader)
    col = {name: i for i, name in enumerate(header)}
    by_prop = {}
    for row in data:
        by_prop.setdefault(int(row[col["prnrnmc"]]), []).append(row)
    keys = sorted(by_prop)
    rng = random.Random(seed)
    picked, total = [], 0
    while total < rows:
        k = rng.choice(keys)
        picked.append(k)
        total += len(by_prop[k])
    eu15 = [k for k in picked if k < 67]
    eu27 = [k for k in picked if k >= 67]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(header)
    issue = 0
    for number, k in enumerate(eu15 + eu27, start=1):
        for row in by_prop[k]:
            issue += 1
            row = list(row)
            row[col["prnrnmc"]] = str(number)
            row[col["isnrnmc"]] = str(issue)
            if "prnr" in col:
                row[col["prnr"]] = "s%05d" % number
            if "isnr" in col:
                row[col["isnr"]] = "s%05di%d" % (number, issue)
            out.writerow(row)
    print("eu27-from %d" % (len(eu15) + 1), file=sys.stderr)


if __name__ == "__main__":
    main()
