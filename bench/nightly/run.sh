#!/usr/bin/env bash
# Nightly benchmark: the fold of 1 new file over a warehouse of N ingested files vs a full rebuild
# from all files, for each N (default 2,500 and 10,000), in one run. Usage: bench/nightly/run.sh [N...]
set -euo pipefail
home=$(cd "$(dirname "$0")/../.." && pwd)
(cd "$home" && mvn -q -B -ntp -DskipTests -pl cli -am install && mvn -q -B -ntp -pl cli test-compile) >&2
records_tests=$(ls "$home"/records/target/robustperf-records-*-tests.jar)
cp="$home/cli/target/test-classes:$home/cli/target/classes:$records_tests:$(cat "$home/cli/target/classpath.txt"):$(cat "$home/cli/target/classpath-spark.txt")"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2500 10000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SPARK_LOCAL_IP=127.0.0.1
echo "step,files_in_runs,new_files,seconds"
for n in "${sizes[@]}"; do
  # shellcheck disable=SC2046
  java -Xmx6g $(cat "$home/.mvn/jvm.config") -cp "$cp" robustperf.cli.bench.NightlyBench "$work/$n" "$n" | tail -n +2
done
