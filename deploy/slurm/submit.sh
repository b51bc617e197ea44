#!/usr/bin/env bash
# Submits a training grid to Slurm as an array of shards (deploy/slurm/train-array.sbatch).
#
#   deploy/slurm/submit.sh --spec GRID.yaml --runs DIR --shards N [--gpus] [--time HH:MM:SS]
#       [--cpus N] [--mem SIZE] [--logs DIR] [-- other sbatch options, e.g. --partition=gpu]
#
# Builds RobustPerf once here (array tasks never build), then submits the array 0-(N-1) and
# prints the job id. --gpus asks one GPU per task (--gres=gpu:1; train on it with a -Pgpu-cu124
# build). DIR and the checkout must be on a file system every node mounts. Exit codes: 0 submitted,
# 2 bad arguments.
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)

usage() {
  sed -n '3,5p' "$0" | sed 's/^# \{0,3\}//' >&2
  exit 2
}
spec="" runs="" shards="" gres="" time="" cpus="" mem="" logs="slurm-logs"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --spec) spec=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --shards) shards=${2:?}; shift 2 ;;
    --gpus) gres="--gres=gpu:1"; shift ;;
    --time) time=${2:?}; shift 2 ;;
    --cpus) cpus=${2:?}; shift 2 ;;
    --mem) mem=${2:?}; shift 2 ;;
    --logs) logs=${2:?}; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "submit.sh: unknown option '$1'" >&2; usage ;;
  esac
done
[ -n "$spec" ] && [ -n "$runs" ] && [ -n "$shards" ] || usage
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: --shards must be a whole number >= 1, got '$shards'" >&2; exit 2; }
[ -f "$spec" ] || { echo "submit.sh: no grid file $spec" >&2; exit 2; }
command -v sbatch >/dev/null || { echo "submit.sh: sbatch not found (bin/setup --slurm installs Debian's)" >&2; exit 2; }

spec=$(readlink -f "$spec")
mkdir -p "$runs" "$logs"
runs=$(readlink -f "$runs")
logs=$(readlink -f "$logs")
"$home/bin/robustperf" --help >/dev/null # builds when missing or stale

args=(--parsable --array="0-$((shards - 1))" --output="$logs/robustperf-train-%A_%a.out"
  --export="ALL,ROBUSTPERF_HOME=$home,ROBUSTPERF_SPEC=$spec,ROBUSTPERF_RUNS=$runs")
[ -n "$gres" ] && args+=("$gres")
[ -n "$time" ] && args+=(--time="$time")
[ -n "$cpus" ] && args+=(--cpus-per-task="$cpus")
[ -n "$mem" ] && args+=(--mem="$mem")
sbatch "${args[@]}" "${extra[@]}" "$home/deploy/slurm/train-array.sbatch"
