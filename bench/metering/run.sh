#!/usr/bin/env bash
# What energy metering costs: the same training epoch with the sampler off, at 1 Hz and at 100 Hz,
# interleaved in one JVM. Usage: bash bench/metering/run.sh [rounds] [batches per epoch]
# Writes bench/metering/results-<date>.csv.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash bin/setup >/dev/null
mvn -B -ntp -q -DskipTests install -pl records,train-jobs -am
mvn -B -ntp -q dependency:build-classpath -pl train-jobs -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-train.cp
cp="train-jobs/target/test-classes:train-jobs/target/classes:$(cat train-jobs/target/bench-train.cp)"
out="bench/metering/results-$(date -u +%F).csv"
{
  echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  java -Dai.djl.offline=true -cp "$cp" robustperf.train.bench.MeteringBench "${1:-15}" "${2:-150}" 2>/dev/null
} > "$out.tmp"
mv "$out.tmp" "$out"
grep '^#' "$out"
