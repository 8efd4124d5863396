#!/usr/bin/env bash
# Runs the search phase of `./lab bench index` on an index that is already built, inside a memory
# cgroup (v1) that lets only a share of the full float vectors (.vec) stay in the page cache — the
# situation of a 10 M gallery on an 8 GiB machine, reproduced at 1 M or 2 M:
#
#   limit = hot files (quantised vectors .veq, graph .vex, terms and stored fields)
#         + JVM allowance + VEC_FRACTION × .vec
#
# The page cache of the index files is emptied first, then the hot files are read once inside the
# cgroup (a running service keeps them resident), so the re-ranking reads most of its full vectors
# from the disk. Needs root (cgroup v1 memory controller) and GNU dd.
#
#   scripts/bench-index-memory-limited.sh INDEX_DIR VEC_FRACTION -- <bench index options>
#   e.g. scripts/bench-index-memory-limited.sh /tmp/idx-1e6 0.052 -- \
#          --size 1e6 --format int4 --rerank-readers 32
# Environment: JAVA (default java), JVM_ALLOWANCE_MIB (default 768), HEAP (default 512m).
# Run ./lab once before, so that it is built outside the cgroup.
set -euo pipefail
lab="$(cd "$(dirname "$0")/.." && pwd)/lab"
dir=$1 fraction=$2
shift 2
[ "${1:-}" = "--" ] && shift
java_bin=${JAVA:-java}
allowance=${JVM_ALLOWANCE_MIB:-768}

mib() { du -m --apparent-size -c "$@" 2>/dev/null | tail -1 | cut -f1; }
vec_mib=$(mib "$dir"/*.vec)
hot_files=$(find "$dir" -type f ! -name '*.vec' ! -name 'write.lock')
hot_mib=$(mib $hot_files)
limit_mib=$(awk -v h="$hot_mib" -v a="$allowance" -v f="$fraction" -v v="$vec_mib" 'BEGIN { printf "%d", h + a + f * v }')
echo "hot files ${hot_mib} MiB, .vec ${vec_mib} MiB, JVM allowance ${allowance} MiB, fraction ${fraction} -> limit ${limit_mib} MiB" >&2

# empty the page cache of the index files (fadvise DONTNEED on clean pages)
for f in "$dir"/*; do dd if="$f" iflag=nocache count=0 status=none; done

cg_root=/sys/fs/cgroup/memory$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
cg="$cg_root/sadasya-lab-$$"
mkdir "$cg"
trap 'rmdir "$cg" 2>/dev/null || true' EXIT
echo $((limit_mib * 1024 * 1024)) > "$cg/memory.limit_in_bytes"
(
  echo "$BASHPID" > "$cg/cgroup.procs"
  cat $hot_files > /dev/null          # the hot set, charged to this cgroup, as in a warm service
  SADASYA_JAVA="$java_bin" SADASYA_JAVA_OPTS="-Xmx${HEAP:-512m}" "$lab" bench index --dir "$dir" --reuse "$@"
  echo "cgroup peak $(( $(cat "$cg/memory.max_usage_in_bytes") / 1048576 )) MiB of ${limit_mib} MiB, failcnt $(cat "$cg/memory.failcnt")" >&2
)
