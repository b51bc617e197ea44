#!/usr/bin/env bash
# Spark MLlib's LinearRegression (normal solver) beside our Ols on the same cached Spark Dataset,
# local Spark on this machine, in one process: time, and the largest relative differences of the
# coefficients and classical standard errors. Decides whether MLlib does our job (README).
# Usage: bench/statistics/mllib.sh [ROWS (10000000)]
set -euo pipefail
home=$(cd "$(dirname "$0")/../.." && pwd)
n="${1:-10000000}"
(cd "$home" && mvn -q -B -ntp -DskipTests -pl cli -am install && mvn -q -B -ntp -pl analysis test-compile) >&2
cp="$home/analysis/target/test-classes:$home/analysis/target/classes:$(cat "$home/cli/target/classpath.txt"):$(cat "$home/cli/target/classpath-spark.txt")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$home/bench/statistics/generate.py" "$n" "$work/$n"
echo "impl,n,operation,seconds,value"
SPARK_LOCAL_IP=127.0.0.1 java -Xmx20g $(cat "$home/.mvn/jvm.config" | tr '\n' ' ') -cp "$cp" \
  robustperf.analysis.bench.MllibOlsBench "$work/$n"
