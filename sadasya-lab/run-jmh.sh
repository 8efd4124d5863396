#!/usr/bin/env bash
# JMH benchmarks of the face engine, the challenge burst and the 1:N index. On demand only (never in CI).
#   sadasya-lab/run-jmh.sh                      # everything
#   sadasya-lab/run-jmh.sh FaceEngineBenchmark  # a JMH regex; JMH options pass through (-h for help)
# The same as ./lab bench jmh [ARGS].
exec "$(cd "$(dirname "$0")/.." && pwd)/lab" bench jmh "$@"
