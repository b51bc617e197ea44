#!/usr/bin/python3
"""Test tooling for deploy/slurm/test.sh and StandaloneClusterIT (not product runtime): compares a
grid trained as Slurm shards (or Spark tasks) with the same grid trained in one process.

    compare_runs.py RUNS_ONE RUNS_SHARDED OUT_ONE OUT_SHARDED

Checks (1) both runs directories hold the same files and no temp file ('_' names) is left; (2) the
repeat summaries agree on every column but the training seconds; (3) every table `robustperf
nightly` wrote under OUT_*/tables/*.csv has the same rows, once measurements of time and of the
machine (wall seconds, energy, timestamps, the ledger's file sizes and modification times) are
left out: seeded training gives the same losses, accuracies and FLOPs wherever it runs. Prints
what it compared and exits 1 on the first difference of each table.
"""
import csv
import json
import os
import re
import sys

csv.field_size_limit(1 << 30)

# Columns (and keys inside JSON cells) that measure time or the machine, not the training.
MEASURED = re.compile(
    r"seconds|time_ratio|hours|kwh|energy|co2|usd|_at$|^size_bytes$|^nightly_id$|^examples_per_second$")


def inventory(runs):
    files = []
    for root, _, names in os.walk(runs):
        for name in names:
            files.append(os.path.relpath(os.path.join(root, name), runs))
    return sorted(files)


def strip(value):
    """Drops measured keys from JSON objects, recursively."""
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if not MEASURED.search(k)}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def cell(text, runs_root):
    text = text.replace("file:" + runs_root, "<runs>").replace(runs_root, "<runs>")
    if text[:1] in "[{":
        try:
            return json.dumps(strip(json.loads(text)), sort_keys=True)
        except ValueError:
            pass
    return text


def table(path, runs_root):
    """Returns the header and the rows, each cell with the runs root replaced and measured JSON keys dropped."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0] if rows else []
    return header, [tuple(cell(c, runs_root) for c in r) for r in rows[1:]]


def compare(header, a, b):
    """Rows must match in every column that is not measured; returns (problem or None, measured columns that differ)."""
    kept = [i for i, name in enumerate(header) if not MEASURED.search(name)]
    key = lambda row: tuple(row[i] for i in kept)
    a, b = sorted(a, key=key), sorted(b, key=key)
    if len(a) != len(b):
        return "%d vs %d rows" % (len(a), len(b)), []
    differing = set()
    for x, y in zip(a, b):
        for i, (u, v) in enumerate(zip(x, y)):
            if u != v:
                if i in kept:
                    return "column %s: %.200s vs %.200s" % (header[i], u, v), []
                differing.add(header[i])
    return None, [name for name in header if name in differing]


def differ_note(measured):
    return "; measurements that differ, as they may: " + ", ".join(measured) if measured else " in every column"


def main(runs_one, runs_sharded, out_one, out_sharded):
    failures = 0
    one, sharded = inventory(runs_one), inventory(runs_sharded)
    temp = [f for f in sharded if os.path.basename(f).startswith("_")]
    if one != sharded or temp:
        print("DIFFERENT runs directories: only one-process %s, only sharded %s, temp files %s"
              % (sorted(set(one) - set(sharded)), sorted(set(sharded) - set(one)), temp))
        failures += 1
    else:
        runs = len({f.split(os.sep)[0] for f in one if os.sep in f})
        print("runs directories: the same %d files in %d runs, no temp file left" % (len(one), runs))

    summaries = [f for f in one if f.endswith("-summary.csv")]
    if not summaries:
        print("DIFFERENT: no repeat summary written")
        failures += 1
    for name in summaries:
        header, a = table(os.path.join(runs_one, name), runs_one)
        _, b = table(os.path.join(runs_sharded, name), runs_sharded)
        problem, measured = compare(header, a, b)
        if problem:
            print("DIFFERENT %s: %s" % (name, problem))
            failures += 1
        else:
            print("%s: %d configurations equal%s" % (name, len(a), differ_note(measured)))

    tables_one = sorted(n for n in os.listdir(os.path.join(out_one, "tables")) if n.endswith(".csv"))
    tables_sharded = sorted(n for n in os.listdir(os.path.join(out_sharded, "tables")) if n.endswith(".csv"))
    if tables_one != tables_sharded:
        print("DIFFERENT table sets: %s vs %s" % (tables_one, tables_sharded))
        failures += 1
    rows = 0
    identical = []
    for name in tables_one:
        if name not in tables_sharded:
            continue
        header, a = table(os.path.join(out_one, "tables", name), os.path.abspath(runs_one))
        _, b = table(os.path.join(out_sharded, "tables", name), os.path.abspath(runs_sharded))
        rows += len(a)
        problem, measured = compare(header, a, b)
        if problem:
            failures += 1
            print("DIFFERENT table %s: %s" % (name[:-4], problem))
        elif measured:
            print("table %s: %d rows equal%s" % (name[:-4], len(a), differ_note(measured)))
        else:
            identical.append("%s (%d)" % (name[:-4], len(a)))
    print("identical in every column: %s" % ", ".join(identical))
    print("%d tables, %d rows: %s" % (len(tables_one), rows, "all equal" if failures == 0 else "%d differ" % failures))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
