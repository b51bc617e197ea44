#!/usr/bin/env bash
# Spark MLlib's LinearRegression (normal solver) beside our Ols on the same cached Spark Dataset,
# local Spark on this machine, in one process: time, and the largest relative differences of the
# coefficients and classical standard errors. Decides whether MLlib does our job (README).
# Usage: bench/statistics/mllib.sh [ROWS (10000000)]
set -euo pipefail
home=$(cd "$(dirname "$0")/../.." && pwd)
n="${1:-10000000}"
# MLlib is a test-scope dependency of analysis (only this comparison uses it): the test classpath.
(cd "$home" && mvn -q -B -ntp -DskipTests -pl analysis -am install && mvn -q -B -ntp -pl analysis test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-mllib.cp) >&2
cp="$home/analysis/target/test-classes:$home/analysis/target/classes:$(cat "$home/analysis/target/bench-mllib.cp")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$home/bench/statistics/generate.py" "$n" "$work/$n"
echo "impl,n,operation,seconds,value"
SPARK_LOCAL_IP=127.0.0.1 java -Xmx12g $(cat "$home/.mvn/jvm.config" | tr '\n' ' ') -cp "$cp" \
  robustperf.analysis.bench.MllibOlsBench "$work/$n"
