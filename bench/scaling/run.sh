#!/usr/bin/env bash
# The scaling grid (#24): trains data/runs/scaling-grid.yaml (65 runs, resumable; give --shard i/n
# to run a part), then AutoAttack (standard, first 1,000 test images) on the runs that decide the
# fits: for each method, the most robust run (final PGD-20) of each of the three held-out compute
# levels. Records go to RUNS (default data/runs, where the embedded grid lives); the wall time of
# each phase is appended to bench/scaling/timings-<date>.txt. Reproducing a sample:
#   bin/robustperf train --spec data/runs/scaling-grid.yaml --runs /tmp/retrain  (or a shard of it)
#   bash bench/training/same-runs.sh /tmp/retrain data/runs
# Usage: bash bench/scaling/run.sh [RUNS] [train options, e.g. --shard 1/2]
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
runs=$(readlink -f "${1:-$home/data/runs}")
shift || true
cd "$home"
timings="bench/scaling/timings-$(date -u +%F).txt"
echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, commit $(git rev-parse --short HEAD)" >> "$timings"
start=$(date +%s)
bin/robustperf train --spec data/runs/scaling-grid.yaml --runs "$runs" --no-progress "$@"
echo "train $((($(date +%s) - start))) s $*" | tee -a "$timings"
# The deciding runs, from the pipeline's grid table (one law per method, the top three levels held out).
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bin/robustperf pipeline --runs "$runs" --out "$out" >/dev/null
start=$(date +%s)
/usr/bin/python3 - "$out/tables/scaling_grid_points.csv" <<'PY' | while read -r run; do
import csv, sys
best = {}
for r in csv.DictReader(open(sys.argv[1])):
    if r["held_out"] != "true":
        continue
    key = (r["method"], r["compute_level"])
    if key not in best or float(r["robust_accuracy_pct"]) > float(best[key]["robust_accuracy_pct"]):
        best[key] = r
for key in sorted(best):
    print(best[key]["run_id"])
PY
  [ -f "$runs/$run/eval-last-autoattack-standard.parquet" ] && continue
  bin/robustperf evaluate --runs "$runs" --run "$run" --checkpoint last --n 1000 --version standard
done
echo "autoattack $((($(date +%s) - start))) s" | tee -a "$timings"
