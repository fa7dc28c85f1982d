#!/usr/bin/env bash
# Cold-start time of `memblock boot` (the bundled board, output discarded) in three builds of the tool:
# the JIT-compiled framework-dependent assembly, the same with ReadyToRun code, and the NativeAOT binary that the
# linux-x64 tool package carries. Prints min and median wall time over RUNS runs of each.
# Usage: bench/startup.sh [RUNS]   (default 20; builds into a temporary directory, removed at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
project=src/MemblockSharp.Cli
publish() { # directory, extra publish arguments...; shows the build's output only when it fails
  local dir="$1"; shift
  dotnet publish "$project" -c Release -o "$out/$dir" "$@" >"$out/$dir.log" 2>&1 || { cat "$out/$dir.log"; exit 1; }
}
publish jit -p:PublishAot=false
publish r2r -r linux-x64 --self-contained false -p:PublishAot=false -p:PublishReadyToRun=true
publish aot -r linux-x64

measure() { # label, command...
  local label="$1"; shift
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N); "$@" boot >/dev/null; end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" \
    '{t[NR] = $1} END {printf "%-28s min %6.1f ms   median %6.1f ms\n", label, t[1] / 1000, t[int((NR + 1) / 2)] / 1000}'
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $runs runs each"
measure "JIT (dotnet memblock.dll)" dotnet "$out/jit/memblock.dll"
measure "ReadyToRun" dotnet "$out/r2r/memblock.dll"
measure "NativeAOT (tool package)" "$out/aot/memblock"
