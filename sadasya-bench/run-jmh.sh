#!/usr/bin/env bash
# JMH benchmarks of the face engine and the 1:N index. On demand only (never in CI).
#   sadasya-bench/run-jmh.sh                      # everything
#   sadasya-bench/run-jmh.sh FaceEngineBenchmark  # a JMH regex; JMH options pass through (-h for help)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -B -q -DskipTests install
cp_file=$(mktemp)
mvn -B -q -pl sadasya-bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "sadasya-bench/target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main "$@"
