#!/usr/bin/env bash
# Throughput of `sadasya audit` (members per second): builds a list of N rows (default 300) from the
# shared photos (deepface, face_recognition, NUAA live and spoof), each row its own photo file (a
# photo named twice would be analysed once), then runs the audit and prints its JSON summary.
# Usage: scripts/audit-bench.sh [N] [SHARED_DIR]
set -euo pipefail
n=${1:-300}
shared=${2:-"$(cd "$(dirname "$0")/../.." && pwd)/shared"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/list/photos"
mapfile -t src < <(ls "$shared"/data/faces/deepface/img*.jpg "$shared"/data/faces/singles/face_recognition/*.jp* \
    "$shared"/data/pad/nuaa/live/*.jpg "$shared"/data/pad/nuaa/spoof/*.jpg | sort)
echo "member_id,name,mobile,epic,age,gender,booth_code,worker_id,photo,latitude,longitude,captured_at" > "$work/list/members.csv"
for ((i = 0; i < n; i++)); do
  f=${src[$((i % ${#src[@]}))]}
  cp "$f" "$work/list/photos/p$i.jpg"
  printf 'm%d,Member %d,9%09d,ABC%07d,30,M,B%d,W%d,photos/p%d.jpg,23.%04d,77.%04d,\n' \
      "$i" "$i" "$i" "$i" $((i % 10)) $((i % 20)) "$i" "$i" "$i" >> "$work/list/members.csv"
done
echo "rows: $n from ${#src[@]} distinct photos; cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$(dirname "$0")/../sadasya" audit "$work/list" --out "$work/out"
