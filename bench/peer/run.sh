#!/usr/bin/env bash
# Times a fresh `./robustgrid sweep` of the study's 4 models x SEEDS on DATA (all files written) against the batched
# PyTorch peer (bench/peer/torch_peer.py: the same runs in lockstep in one process, every step one matrix product),
# side by side: ROUNDS rounds, each running robustgrid, the peer with 1 thread and the peer with every core, one after
# the other; each peer's thread count is set for torch and for its BLAS (OpenBLAS starts a thread per core unless
# told, whatever torch.set_num_threads says). Each figure is a whole process from start to exit (/usr/bin/time: wall, user + system CPU, peak RSS).
# Prints the medians, the peer's best thread count (the lower median wall time) and the two ratios the per-core goal
# is stated in: robustgrid's CPU over the best peer's, and the best peer's wall time over robustgrid's.
# Needs Debian's python3-torch (and libopenblas0-pthread for a fast BLAS): apt-get install python3-torch libopenblas0-pthread
# ROBUSTGRID (default: ./robustgrid, as the README runs it) names the command to time.
# usage: bash bench/peer/run.sh [data-dir] [seeds] [rounds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${1:-/usr/share/datasets/fashion-mnist}"
seeds="${2:-100}"
rounds="${3:-3}"
grid_cmd=(${ROBUSTGRID:-"$root/robustgrid"})
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"${grid_cmd[@]}" --help > /dev/null   # builds the CLI outside the timings

# measure <name> <command...>: appends "wall cpu peak_mib" to $work/<name>
measure() {
  local name="$1"
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
  awk '{printf "%.3f %.3f %.0f\n", $1, $2 + $3, $4 / 1024}' "$work/time.txt" >> "$work/$name"
  echo "  $name: $(tail -1 "$work/$name" | awk '{printf "%s s wall, %s CPU-s, %s MiB peak", $1, $2, $3}')"
}
for round in $(seq "$rounds"); do
  echo "round $round"
  rm -rf "$work/results"
  measure robustgrid "${grid_cmd[@]}" sweep --data-dir "$data" --seeds "1..$seeds" --results "$work/results"
  measure peer-1-thread env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    /usr/bin/python3 "$root/bench/peer/torch_peer.py" "$data" "$seeds" "$work/peer.npz" 1
  measure "peer-$(nproc)-threads" env OMP_NUM_THREADS="$(nproc)" OPENBLAS_NUM_THREADS="$(nproc)" MKL_NUM_THREADS="$(nproc)" \
    /usr/bin/python3 "$root/bench/peer/torch_peer.py" "$data" "$seeds" "$work/peer.npz" "$(nproc)"
done
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
column_median() { awk -v c="$2" '{print $c}' "$work/$1" | median; }
echo "medians over $rounds rounds ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)):"
best="" best_wall=""
for name in robustgrid peer-1-thread "peer-$(nproc)-threads"; do
  w=$(column_median "$name" 1) c=$(column_median "$name" 2) m=$(column_median "$name" 3)
  echo "  $name: $w s wall, $c CPU-s, $m MiB peak"
  if [[ "$name" == peer-* ]] && { [[ -z "$best" ]] || (( $(echo "$w < $best_wall" | bc) )); }; then best="$name" best_wall="$w"; fi
done
gw=$(column_median robustgrid 1) gc=$(column_median robustgrid 2) pc=$(column_median "$best" 2)
echo "best peer: $best; robustgrid CPU / peer CPU = $(echo "scale=2; $gc / $pc" | bc) (goal <= 0.7); peer wall / robustgrid wall = $(echo "scale=2; $best_wall / $gw" | bc) (goal >= 2)"
