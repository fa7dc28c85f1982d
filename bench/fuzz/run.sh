#!/usr/bin/env bash
# Runs one harness under nice until RUNS inputs have executed; a hang (exit 3) is saved by the fuzzer and the run
# restarts with the next seed. Usage: bench/fuzz/run.sh HARNESS [RUNS] [TIMEOUT_MS]. Output in bench/fuzz/out/HARNESS/.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
harness="$1"; runs="${2:-10000000}"; timeout="${3:-10000}"
dll="$here/MemblockSharp.Fuzz/bin/Release/net10.0/MemblockSharp.Fuzz.dll"
[ -f "$dll" ] || dotnet build -c Release "$here/MemblockSharp.Fuzz" >/dev/null
mkdir -p "$here/out/$harness"
seed=1
while true; do
  nice -n 10 dotnet "$dll" "$harness" --runs "$runs" --seed "$seed" --timeout-ms "$timeout" | tee -a "$here/out/$harness/log.txt"
  rc=${PIPESTATUS[0]}
  [ "$rc" -eq 3 ] || exit "$rc"
  seed=$((seed + 1))
done
