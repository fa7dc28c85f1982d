#!/usr/bin/env bash
# AFL++ with SharpFuzz over the FDT reader. Usage: bench/fuzz/afl/run.sh [SECONDS] (default 1800).
# Needs afl++ (Debian: apt-get install -y afl++) and the SharpFuzz.CommandLine tool (installed here on first use).
# Seeds: the dtc test-suite blobs and the board DTBs up to 16 KiB. Output in bench/fuzz/out/afl-fdt/ (fuzzer_stats
# holds execs_done, execs_per_sec and edges_found).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
seconds="${1:-1800}"
out="$here/../out/afl-fdt"
tools="$here/../out/tools"
[ -x "$tools/sharpfuzz" ] || dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
dotnet build -c Release "$here" >/dev/null
bin="$here/bin/Release/net10.0"
"$tools/sharpfuzz" "$bin/MemblockSharp.DeviceTree.dll"
seeds="$out/seeds"
mkdir -p "$seeds"
find "$root/tests/data/dtbs" -name '*.dtb' -size -16385c -exec cp {} "$seeds/" \;
# dotnet itself is not instrumented (SharpFuzz speaks AFL's fork-server protocol from inside the process).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
rm -rf "$out/findings"
nice -n 10 afl-fuzz -V "$seconds" -i "$seeds" -o "$out/findings" -t 5000 -m none -- dotnet "$bin/MemblockSharp.Fuzz.Afl.dll" >"$out/afl.log" 2>&1
grep -E "execs_done|execs_per_sec|edges_found|total_edges|corpus_count|saved_crashes|saved_hangs|run_time" "$out/findings/default/fuzzer_stats"
