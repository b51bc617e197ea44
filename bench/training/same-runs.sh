#!/usr/bin/env bash
# Checks that a retrain reproduced the embedded runs bit for bit (epoch records and final PGD-20
# accuracies): bash bench/training/same-runs.sh RETRAIN_RUNS_DIR [EMBEDDED_RUNS_DIR]
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
retrain=$(readlink -f "$1")
embedded=$(readlink -f "${2:-$home/data/runs}")
cd "$home"
mvn -q -B -ntp -pl records -DskipTests install dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
java -cp "records/target/robustperf-records-0.1.0-SNAPSHOT.jar:$(cat records/target/classpath.txt)" \
  bench/training/SameRuns.java "$retrain" "$embedded" 2> >(grep -v '^SLF4J' >&2)
