#!/usr/bin/env bash
# Runs a small grid on a real single-node Slurm cluster (local-cluster.sh: Debian's slurm-wlm and
# munge on loopback) as an array of 2 shards, requeues one task mid-run the way a preemption does,
# then folds the records with `robustperf nightly` and checks that the records and every table
# equal those of the same grid trained in one process. Takes a few minutes on 2 cores; not part of
# bin/test.
#
#   bash deploy/slurm/test.sh [--record FILE]   # --record: also write the summary to FILE
#
# Exit 0 when every check passes. Work files go to a temp directory, kept on failure.
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
record=""
[ "${1:-}" = "--record" ] && record=$(readlink -f "${2:?--record FILE}")

bash "$home/bin/setup" --slurm
work=$(mktemp -d /tmp/robustperf-slurm-test.XXXXXX)
summary=$work/summary.txt
ok=0
finish() {
  bash "$home/deploy/slurm/local-cluster.sh" stop "$work/cluster" || true
  if [ "$ok" = 1 ]; then
    rm -rf "$work"
  else
    echo "slurm test FAILED; work files kept in $work" >&2
  fi
}
trap finish EXIT
say() { echo "$*" | tee -a "$summary"; }
fail() { say "FAIL: $*"; exit 1; }
started=$(date +%s)
elapsed() { echo "$(( $(date +%s) - started )) s"; }

say "robustperf Slurm test, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$home" rev-parse --short HEAD 2>/dev/null || echo unknown)"
say "machine: $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB; slurm-wlm $(dpkg-query -W -f='${Version}' slurm-wlm), munge $(dpkg-query -W -f='${Version}' munge)"
"$home/bin/robustperf" --help >/dev/null 2>&1 # build once, before any task starts

eval "$(bash "$home/deploy/slurm/local-cluster.sh" start "$work/cluster")"
say "cluster: $(grep -E '^NodeName' "$SLURM_CONF")"
say "listening: $(ss -Hltnp | grep -E 'slurm(ctld|d)' | awk '{print $4}' | sort | tr '\n' ' ')"

# 6 tiny cells: small CNN on Fashion-MNIST, 3,000 training images, 1 epoch, 300 test images.
cat >"$work/grid.yaml" <<YAML
name: slurm-test
dataset: fashion-mnist
dataset_root: /usr/share/datasets/fashion-mnist
eps: "0.1"
architectures: [small-cnn]
methods: [standard, fgsm-rs, {name: pgd, steps: 2}]
epochs: 1
batch_size: 128
learning_rate: 0.05
schedule: cyclic
train_examples: 3000
held_out_examples: 500
test_examples: 300
seeds: [1, 2]
YAML

job=$(bash "$home/deploy/slurm/submit.sh" --spec "$work/grid.yaml" --runs "$work/runs-slurm" --shards 2 \
  --cpus 1 --mem 4G --time 00:30:00 --logs "$work/logs")
say "submitted array job $job (2 tasks, 1 CPU and 4 GiB each, --requeue)"
log0=$work/logs/robustperf-train-${job}_0.out

# Requeue task 0 while it is inside its second run: the first finished, the second has records
# (its epoch) but not its final evaluation.
victim=""
deadline=$(( $(date +%s) + 600 ))
while [ -z "$victim" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "task 0 never reached its second run: $(tail -5 "$log0" 2>/dev/null)"
  if [ -f "$log0" ] && [ "$(grep -c ': started (' "$log0")" -ge 2 ]; then
    candidate=$(grep ': started (' "$log0" | tail -n 1 | cut -d: -f1)
    if [ -f "$work/runs-slurm/$candidate/epoch-0001.parquet" ] &&
      [ ! -f "$work/runs-slurm/$candidate/eval-last-pgd-20.parquet" ]; then
      victim=$candidate
    fi
  fi
  [ -n "$victim" ] || sleep 0.2
done
scontrol requeue "${job}_0"
say "requeued task ${job}_0 at $(elapsed) inside run $victim (epoch recorded, final evaluation not)"

deadline=$(( $(date +%s) + 1200 ))
while :; do
  states=$(scontrol show job "$job" -o | grep -o 'JobState=[A-Z_]*' | sort | uniq -c | tr -s ' ' | tr '\n' ';')
  if ! scontrol show job "$job" -o | grep -Eq 'JobState=(PENDING|RUNNING|COMPLETING|CONFIGURING|REQUEUED)'; then
    break
  fi
  [ "$(date +%s)" -lt "$deadline" ] || fail "the array did not finish in 20 min: $states"
  sleep 2
done
say "array finished at $(elapsed): $states"
scontrol show job "$job" -o | grep -q 'JobState=COMPLETED' || fail "tasks did not complete: $states"
[ "$(scontrol show job "$job" -o | grep -vc 'JobState=COMPLETED')" = 0 ] || fail "not every task completed: $states"
restarts=$(scontrol show job "${job}_0" -o | grep -o 'Restarts=[0-9]*')
[ "$restarts" = "Restarts=1" ] || fail "task 0 shows $restarts, expected Restarts=1"
say "task 0: $restarts; its attempts:"
grep -E '^robustperf-train: shard|^grid slurm-test' "$log0" | sed 's/^/  /' | tee -a "$summary"
grep -q 'attempt 2' "$log0" || fail "task 0's log has no second attempt"
sed -n '/attempt 2/,$p' "$log0" | grep -q '1 finished already, 2 to run (1 restarted after an interruption)' ||
  fail "the requeued task did not skip its finished run and redo the interrupted one"
grep -h '^grid slurm-test' "$work/logs/robustperf-train-${job}_1.out" | sed 's/^/  task 1: /' | tee -a "$summary"

say "one process: robustperf train on the same grid, 1 thread (as each task)"
(cd "$home" && OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 bin/robustperf train --spec "$work/grid.yaml" --runs "$work/runs-one" \
  --no-progress) >"$work/logs/one-process.out" 2>&1 || fail "one-process training failed: $(tail -5 "$work/logs/one-process.out")"
say "trained at $(elapsed)"

for side in slurm one; do
  "$home/bin/robustperf" nightly --runs "$work/runs-$side" --warehouse "$work/warehouse-$side" --out "$work/out-$side" \
    >"$work/logs/nightly-$side.out" 2>&1 || fail "nightly on runs-$side failed: $(tail -5 "$work/logs/nightly-$side.out")"
done
say "nightly folded both at $(elapsed)"

if ! /usr/bin/python3 "$home/deploy/slurm/compare_runs.py" "$work/runs-one" "$work/runs-slurm" "$work/out-one" \
  "$work/out-slurm" | tee -a "$summary"; then
  fail "the sharded grid differs from the one-process grid"
fi
say "PASS in $(elapsed)"
ok=1
[ -z "$record" ] || cp "$summary" "$record"
