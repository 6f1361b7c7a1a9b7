#!/usr/bin/env bash
# Times a fresh `./robustgrid sweep` of the study's 4 models x SEEDS on DATA (all files written) against the batched
# PyTorch peer (bench/peer/torch_peer.py, the same runs in lockstep in one process), side by side, ROUNDS times each,
# alternating, and prints each wall time (process start to exit) and the ratio of the medians.
# Needs Debian's python3-torch (and libopenblas0-pthread for a fast BLAS): apt-get install python3-torch libopenblas0-pthread
# usage: bash bench/peer/run.sh [data-dir] [seeds] [rounds] [torch-threads]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${1:-/usr/share/datasets/fashion-mnist}"
seeds="${2:-100}"
rounds="${3:-3}"
threads="${4:-$(nproc)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/robustgrid" --help > /dev/null   # builds the CLI once, outside the timings

wall() { local start end; start=$(date +%s.%N); "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }; end=$(date +%s.%N); echo "$end - $start" | bc; }
grid=() peer=()
for round in $(seq "$rounds"); do
  rm -rf "$work/results"
  grid+=("$(wall "$root/robustgrid" sweep --data-dir "$data" --seeds "1..$seeds" --results "$work/results")")
  echo "robustgrid sweep, round $round: ${grid[-1]} s ($(grep -o '[0-9]* runs completed in [0-9.]* s' "$work/out.txt"))"
  peer+=("$(wall /usr/bin/python3 "$root/bench/peer/torch_peer.py" "$data" "$seeds" "$work/peer.npz" "$threads")")
  echo "torch peer ($threads threads), round $round: ${peer[-1]} s ($(cat "$work/out.txt"))"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
g=$(median "${grid[@]}") p=$(median "${peer[@]}")
echo "median: robustgrid $g s, torch peer $p s; the peer takes $(echo "scale=2; $p / $g" | bc)x as long ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
