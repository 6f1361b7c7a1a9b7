#!/usr/bin/env bash
# What the sweeps page costs a running sweep: the same local sweep (embedded data, SEEDS x the study's 4 models) run
# ROUNDS times without the page and with it (`sweep --dashboard`, its API polled a little more often than the page polls it
# (the page: its detail every second, the list every two; here both every second)), alternating; prints the sweep's own "N runs completed in X s" for each and the median
# ratio. The with-page run is stopped (SIGTERM) once its sweep has ended (the page stays up until then).
# POLL=0 serves the page without asking it anything: what serving alone costs (the server's start), apart from refreshes.
# usage: bash bench/dashboard/run.sh [seeds] [rounds] [robustgrid command]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seeds="${1:-2500}"
rounds="${2:-3}"
cli=(${3:-dotnet "$root/src/Client/bin/Release/net10.0/robustgrid.dll"})
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
seconds() { grep -o 'runs completed in [0-9.]* s' "$1" | grep -o '[0-9.]*' | head -1; }
plain=() paged=()
for round in $(seq "$rounds"); do
  rm -rf "$work/r"
  "${cli[@]}" sweep --results "$work/r" --seeds "1..$seeds" > "$work/plain.txt" 2>&1
  plain+=("$(seconds "$work/plain.txt")")
  rm -rf "$work/r"
  "${cli[@]}" sweep --dashboard --results "$work/r" --seeds "1..$seeds" > "$work/paged.txt" 2>&1 &
  pid=$!
  until url="$(grep -o 'Dashboard: http[^ ]*' "$work/paged.txt" | head -1 | cut -d' ' -f2)" && [[ -n "$url" ]]; do sleep 0.2; done
  base="${url%%#*}" id="${url##*#}"
  polls=0
  until grep -q 'runs completed in' "$work/paged.txt"; do
    if [[ "${POLL:-1}" != 0 ]]; then
      curl -sf "${base}api/sweeps" > /dev/null && curl -sf "${base}api/sweeps/$id" > /dev/null && polls=$((polls + 1)) || true
    fi
    sleep 1
  done
  kill -TERM "$pid" # (a script's background job ignores SIGINT)
  wait "$pid" || true
  paged+=("$(seconds "$work/paged.txt")")
  echo "round $round: without the page ${plain[-1]} s, with it ${paged[-1]} s ($polls polls of both endpoints)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
p=$(median "${plain[@]}") q=$(median "${paged[@]}")
echo "median: without the page $p s, with it $q s: the page costs $(printf "%.1f" "$(echo "scale=6; ($q / $p - 1) * 100" | bc)")% of the sweep's time ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
