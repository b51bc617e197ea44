#!/usr/bin/env bash
# AutoAttack (standard, Linf eps 0.1) on one TorchScript model and the same first N Fashion-MNIST
# test images: RobustPerf's implementation (robustperf evaluate --model) beside the reference
# (fra31/auto-attack, run from the checkout given; nothing is fetched) in Debian's python3-torch,
# one after the other in this one run, 2 threads each, on the CPU.
# Usage: bash bench/autoattack/run.sh AUTOATTACK_CHECKOUT [N (1000)]
# Writes bench/autoattack/results-<date>.csv: per stage, robust accuracy % and seconds of both, the
# difference in points, and examples per second over the whole evaluation.
set -euo pipefail
reference="${1:?usage: bench/autoattack/run.sh AUTOATTACK_CHECKOUT [N]}"
n="${2:-1000}"
threads=2
[ -f "$reference/autoattack/autoattack.py" ] || { echo "no autoattack/autoattack.py under $reference" >&2; exit 2; }
cd "$(dirname "$0")/../.."
bash bin/setup --bench >/dev/null
work="bench/autoattack/work"
mkdir -p "$work"
[ -f "$work/model.pt" ] || OMP_NUM_THREADS=$threads /usr/bin/python3 bench/autoattack/train_model.py "$work/model.pt" $threads
rm -rf "$work/runs"
out="bench/autoattack/results-$(date -u +%F).csv"
{
  echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, ${threads} threads, n ${n}"
  echo "# reference: $(git -C "$reference" log -1 --format="%H %s" 2>/dev/null || echo "$reference") ; robustperf: $(git rev-parse --short HEAD)"
  echo "implementation,stage,robust_accuracy_pct,seconds"
  start=$(date +%s.%N)
  JAVA_TOOL_OPTIONS="-Dai.djl.pytorch.num_threads=${threads} -Dai.djl.pytorch.num_interop_threads=1" \
    bin/robustperf evaluate --model "$work/model.pt" --dataset fashion-mnist --eps 0.1 --n "$n" --version standard \
      --runs "$work/runs" 2>/dev/null \
    | python3 -c '
import re, sys
for line in sys.stdin:
    m = re.search(r"clean ([\d.]+)% over", line)
    if m: print(f"robustperf,clean,{float(m.group(1)):.2f},")
    m = re.search(r"after (\S+)\s+robust ([\d.]+)%\s+\(([\d.]+) s\)", line)
    if m: print(f"robustperf,{m.group(1)},{float(m.group(2)):.2f},{float(m.group(3)):.1f}")
'
  end=$(date +%s.%N)
  python3 -c "print(f'robustperf,total,,{$end - $start:.1f}')"
  (cd bench/autoattack && OMP_NUM_THREADS=$threads /usr/bin/python3 reference.py "$(cd - >/dev/null; cd "$reference"; pwd)" \
    "../../$work/model.pt" "$n" $threads 2>"../../$work/reference.log")
} > "$out.tmp"
mv "$out.tmp" "$out"
python3 - "$out" "$n" <<'PY'
import csv, sys
path, n = sys.argv[1], int(sys.argv[2])
rows = list(csv.reader(l for l in open(path) if not l.startswith("#")))[1:]
ours = {r[1]: r for r in rows if r[0] == "robustperf"}
ref = {r[1]: r for r in rows if r[0] == "reference"}
lines = []
# The reference reports cumulative time after each stage; ours each stage's own.
previous = 0.0
for stage in ["clean", "apgd-ce", "apgd-t", "fab-t", "square"]:
    o, r = ours.get(stage), ref.get(stage)
    if not o or not r:
        continue
    diff = float(o[2]) - float(r[2])
    rt = ""
    if r[3]:
        rt = f"{float(r[3]) - previous:.1f}"
        previous = float(r[3])
    lines.append(f"# {stage}: robustperf {o[2]}% vs reference {r[2]}% ({diff:+.2f} points); seconds {o[3] or '-'} vs {rt or '-'}")
to, tr = float(ours["total"][3]), float(ref["total"][3])
lines.append(f"# examples/s over the whole evaluation: robustperf {n / to:.3f} (JVM start included) vs reference {n / tr:.3f}: ratio {tr / to:.2f}")
with open(path, "a") as f:
    for line in lines:
        print(line)
        f.write(line + "\n")
PY
