#!/usr/bin/env bash
# PGD-7 adversarial-training throughput, RobustPerf (DJL + PyTorch 2.7.1 natives) beside Debian's
# python3-torch on the same machine, one after the other in this one run, both with 2 threads.
# Usage: bash bench/training/run.sh [scale]   (default 3: 120 small-CNN and 12 PreActResNet-18 batches)
# Writes bench/training/results-<date>.csv with both lines and the ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
scale="${1:-3}"
threads=2
bash bin/setup --bench >/dev/null
mvn -B -ntp -q -DskipTests install -pl records,train-jobs -am
mvn -B -ntp -q dependency:build-classpath -pl train-jobs -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-train.cp
cp="train-jobs/target/test-classes:train-jobs/target/classes:$(cat train-jobs/target/bench-train.cp)"
out="bench/training/results-$(date -u +%F).csv"
{
  echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, ${threads} threads, scale ${scale}"
  echo "framework,model,batch,examples_per_second,seconds,examples"
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=${threads} -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "$cp" robustperf.train.bench.TrainingBench "$scale" 2>/dev/null
  OMP_NUM_THREADS=${threads} /usr/bin/python3 bench/training/pgd_torch.py ${threads} "$scale"
} > "$out.tmp"
mv "$out.tmp" "$out"
python3 - "$out" <<'PY'
import csv, sys
rows = [r for r in csv.reader(l for l in open(sys.argv[1]) if not l.startswith("#"))][1:]
ours = {r[1]: float(r[3]) for r in rows if r[0].startswith("robustperf")}
ref = {r[1]: float(r[3]) for r in rows if r[0].startswith("pytorch")}
with open(sys.argv[1], "a") as f:
    for m in ours:
        line = f"# ratio {m}: robustperf / pytorch = {ours[m] / ref[m]:.3f} ({ours[m]:.1f} vs {ref[m]:.1f} examples/s)"
        print(line)
        f.write(line + "\n")
PY
