#!/usr/bin/env bash
# Training throughput, standard and PGD-7, RobustPerf (DJL + PyTorch 2.7.1 natives) beside Debian's
# python3-torch on the same machine, one after the other in this one run, both with 2 threads, for
# the small CNN, PreActResNet-18, WRN-16-4 and ViT-Tiny; each line's achieved FLOP/s (our counts)
# as a fraction of the float32 matrix-multiply rate measured in the same run.
# Usage: bash bench/training/run.sh [scale]   (default 3: 120 small-CNN batches of 128 and 12 of 32
# for the others under PGD-7, six times as many for standard training)
# Writes bench/training/results-<date>.csv with every line, the peak and the ratios.
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
  echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, ${threads} threads, scale ${scale}, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
  echo "framework,model,method,batch,examples_per_second,seconds,examples,train_flops_per_example,achieved_gflops"
  # Ours and the reference alternate, case by case, so that a load change on a shared machine
  # falls on both sides of a ratio alike.
  for what in matmul small-cnn preact-resnet-18 wrn-16-4 vit-tiny; do
    java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=${threads} -Dai.djl.pytorch.num_interop_threads=1 \
      -cp "$cp" robustperf.train.bench.TrainingBench "$scale" "$what" 2>/dev/null
    OMP_NUM_THREADS=${threads} /usr/bin/python3 bench/training/train_torch.py ${threads} "$scale" "$what"
  done
} > "$out.tmp"
# The FLOPs per example are RobustPerf's counts of the same architectures (TrainingFlops' convention),
# filled into PyTorch's lines; the peak is the faster of the two matrix-multiply rates of this run.
/usr/bin/python3 - "$out.tmp" "$out" <<'PY'
import csv, sys
lines = open(sys.argv[1]).read().splitlines()
comments = [l for l in lines if l.startswith("#")]
rows = list(csv.DictReader(l for l in lines if not l.startswith("#")))
flops = {(r["model"], r["method"]): float(r["train_flops_per_example"]) for r in rows
         if r["framework"].startswith("robustperf") and not r["model"].startswith("matmul")}
peak = max(float(r["achieved_gflops"]) for r in rows if r["model"].startswith("matmul"))
fields = list(rows[0].keys()) + ["fraction_of_matmul_peak"]
with open(sys.argv[2], "w") as f:
    f.write("\n".join(comments) + "\n")
    w = csv.DictWriter(f, fields, lineterminator="\n")
    w.writeheader()
    for r in rows:
        if not r["model"].startswith("matmul"):
            r["train_flops_per_example"] = f"{flops[(r['model'], r['method'])]:.0f}"
            r["achieved_gflops"] = f"{flops[(r['model'], r['method'])] * float(r['examples_per_second']) / 1e9:.2f}"
        r["fraction_of_matmul_peak"] = f"{float(r['achieved_gflops']) / peak:.3f}"
        w.writerow(r)
    ours = {(r["model"], r["method"]): float(r["examples_per_second"]) for r in rows
            if r["framework"].startswith("robustperf") and not r["model"].startswith("matmul")}
    ref = {(r["model"], r["method"]): float(r["examples_per_second"]) for r in rows
           if r["framework"].startswith("pytorch") and not r["model"].startswith("matmul")}
    f.write(f"# matrix-multiply peak of this run: {peak:.1f} GFLOP/s (float32, 1024 x 1024, the faster library)\n")
    for key in ours:
        line = f"# ratio {key[0]} {key[1]}: robustperf / pytorch = {ours[key] / ref[key]:.3f} ({ours[key]:.1f} vs {ref[key]:.1f} examples/s)"
        print(line)
        f.write(line + "\n")
PY
rm -f "$out.tmp"
