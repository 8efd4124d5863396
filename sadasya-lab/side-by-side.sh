#!/usr/bin/env bash
# Side-by-side: the original JavaScript stack (tfjs wasm) and Sadasya (ONNX Runtime Java) on the
# same models and the same machine, in one run. On demand only (needs npm once); never in CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
models="$root/sadasya-face/src/main/resources/org/sadasya/face/models"
(cd "$root/sadasya-lab/node" && [ -d node_modules ] || npm install --silent --no-audit --no-fund)
echo "# JavaScript reference (tfjs-wasm)"
node "$root/sadasya-lab/node/bench-reference.mjs" "$models" "${WARMUP:-5}" "${ITERATIONS:-40}"
echo "# Sadasya (ONNX Runtime Java)"
"$root/lab" bench face --warmup "${WARMUP:-5}" --iterations "${ITERATIONS:-40}" "$@"
