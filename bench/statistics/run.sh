#!/usr/bin/env bash
# Statistics benchmark: OLS (+HC1), tau=0.1 quantile regression and a 3-objective Pareto front on
# 10^5, 10^6 and 10^7 synthetic rows; RobustPerf vs pandas + statsmodels and vs R (lm; quantreg's rq
# by Frisch-Newton and by Portnoy-Koenker preprocessing) on the same files, in one run, one process
# per implementation and size (so peak memory is per size). The value column lets the optima be
# compared: the OLS slope, the quantile fits' check loss, the front's size.
# Usage: bench/statistics/run.sh [SIZES...]   (default: 100000 1000000 10000000)
set -euo pipefail
home=$(cd "$(dirname "$0")/../.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000 10000000)
command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c "import statsmodels, pandas, scipy" 2>/dev/null || {
  echo "installing Debian's python3-statsmodels and python3-pandas (the reference)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-statsmodels python3-pandas >&2
}
# numpy and R call the system libblas.so.3: OpenBLAS, not Debian's unoptimized reference BLAS (bin/setup --bench says why).
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || {
  echo "installing Debian's libopenblas0-pthread (the references' BLAS)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0-pthread >&2
}
command -v Rscript >/dev/null && Rscript -e 'library(quantreg)' >/dev/null 2>&1 || {
  echo "installing Debian's r-cran-quantreg (the R reference)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq r-cran-quantreg >&2
}
(cd "$home" && mvn -q -B -ntp -DskipTests -pl cli -am install && mvn -q -B -ntp -pl analysis test-compile) >&2
cp="$home/analysis/target/test-classes:$home/analysis/target/classes:$(cat "$home/cli/target/classpath.txt")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "impl,n,operation,seconds,peak_rss_mib,value"
for n in "${sizes[@]}"; do
  /usr/bin/python3 "$home/bench/statistics/generate.py" "$n" "$work/$n"
  java -Xmx16g -cp "$cp" robustperf.analysis.bench.StatisticsBench "$work/$n"
  /usr/bin/python3 "$home/bench/statistics/reference.py" "$work/$n"
  Rscript "$home/bench/statistics/reference.R" "$work/$n"
  rm -rf "${work:?}/$n"
done
