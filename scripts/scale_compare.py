"""Checks the per-pair results of several runs of one batch input
(JSON lines of `backcheck batch --out -`): every pair of the input comes
back exactly once in each, error rows included, and the results are
identical to the first run's once sorted by pair id.

    scale_compare.py --input pairs.jsonl --errors N NAME=PATH [NAME=PATH ...]

PATH is a file or a folder of part files (names starting with `.` or `_`
skipped). Exit 0 when all agree, 1 with the differences on stderr.
"""

import argparse
import collections
import json
import os
import sys


def result_lines(path):
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if not n.startswith((".", "_")))
        files = [os.path.join(path, n) for n in names]
    else:
        files = [path]
    lines = []
    for name in files:
        with open(name, encoding="utf-8") as f:
            lines.extend(line.rstrip("\n") for line in f if line.strip())
    return lines


def input_ids(path):
    ids = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                ids.append(str(json.loads(line)["id"]))
    return ids


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--errors", type=int, required=True,
                        help="error rows the input must give")
    parser.add_argument("runs", nargs="+", metavar="NAME=PATH")
    args = parser.parse_args()

    expected = collections.Counter(input_ids(args.input))
    if any(n > 1 for n in expected.values()):
        sys.exit(f"{args.input}: pair ids are not unique")
    reference = None
    failed = False
    for run in args.runs:
        name, _, path = run.partition("=")
        lines = result_lines(path)
        rows = [json.loads(line) for line in lines]
        got = collections.Counter(row["pair"] for row in rows)
        missing = sorted(expected - got)
        extra = sorted(got - expected)
        twice = sorted(pair for pair, n in got.items() if n > 1)
        errors = sum(row["summary"]["status"] == "error" for row in rows)
        by_pair = sorted(zip((row["pair"] for row in rows), lines))
        problems = []
        if missing:
            problems.append(f"{len(missing)} pairs missing (first {missing[:3]})")
        if twice:
            problems.append(f"{len(twice)} pairs more than once (first {twice[:3]})")
        if extra and not twice:
            problems.append(f"{len(extra)} pairs not in the input (first {extra[:3]})")
        if errors != args.errors:
            problems.append(f"{errors} error rows, expected {args.errors}")
        if reference is None:
            reference = (name, by_pair)
        elif by_pair != reference[1]:
            differ = [a[0] for a, b in zip(by_pair, reference[1]) if a != b]
            problems.append(
                f"results differ from {reference[0]}'s for {len(differ)} pairs "
                f"(first {differ[:3]})"
            )
        if problems:
            failed = True
            print(f"scale-check: {name} ({path}): " + "; ".join(problems), file=sys.stderr)
        else:
            print(f"scale-check: {name}: {len(rows)} pairs, {errors} error rows, "
                  f"each exactly once" + (", identical to " + reference[0]
                                          if reference[0] != name else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
