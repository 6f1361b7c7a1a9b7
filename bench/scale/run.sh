#!/usr/bin/env bash
# Local-mode sweeps at growing sizes from fresh CLI processes (embedded MNIST 0 vs 1, the study's 4 models x N seeds):
# wall time, peak RSS, the tail from "all runs done" to exit, bytes and files written per run, and the state kept.
# bash bench/scale/run.sh [seed counts, default "500 5000"] [robustgrid command, default the Release build]
set -euo pipefail
cd "$(dirname "$0")/../.."
seeds=${1:-"500 5000"}
cli=${2:-"dotnet src/Client/bin/Release/net10.0/robustgrid.dll"}
[ -n "${2:-}" ] || dotnet build src/Client -c Release -nologo -v quiet >/dev/null
for n in $seeds; do
  root=$(mktemp -d)
  log=$(mktemp)
  start=$(date +%s.%N)
  # Each output line stamped with seconds since start; progress lines show when the last run was done.
  /usr/bin/time -f '%e %M' -o "$root.time" $cli sweep --seeds "1..$n" --results "$root" 2>&1 \
    | while IFS= read -r line; do printf '%.2f %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$line"; done > "$log"
  read -r wall rss < "$root.time"
  runs=$((4 * n))
  done_at=$(grep -E "^[0-9.]+ +$runs/$runs done|writing results" "$log" | head -1 | cut -d' ' -f1)
  dir=$(ls -d "$root"/sweep-*)
  bytes=$(du -sb "$dir" | cut -f1)
  files=$(find "$dir" -type f | wc -l)
  state=$(du -sb "$root/.state" 2>/dev/null | cut -f1 || echo 0)
  state_files=$(find "$root/.state" -type f 2>/dev/null | wc -l)
  echo "runs=$runs wall=${wall}s peak_rss=$((rss / 1024))MB last_run_done_at=${done_at:-?}s results=$((bytes / runs))B/run in $files files state=${state}B in $state_files files $(grep -o 'completed in [0-9.]* s' "$log")"
  rm -rf "$root" "$root.time" "$log"
done
