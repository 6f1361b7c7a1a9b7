#!/usr/bin/env bash
# The same sweep on 1 silo process and on 3 silo processes (Redis clustering) on this machine: wall time from the
# CLI's start to its exit, the sweep's own start-to-files time, and the runs' mean in-grain duration.
# usage: bash bench/cluster/run.sh [data-dir] [seeds]    (default: Debian's Fashion-MNIST, 1..100 = 400 runs)
#        CONCURRENCY=12 bash bench/cluster/run.sh         (runs in flight; default twice the cluster's cores)
#        SILO_ARGS="--RobustGrid:DistributedDirectory=false" bash bench/cluster/run.sh   (extra settings of every silo)
# Needs redis-server and a Release build (dotnet build -c Release RobustGrid.sln).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-/usr/share/datasets/fashion-mnist}"
seeds="${2:-1..100}"
silo="$root/src/Silo/bin/Release/net10.0/robustgrid-silo.dll"
cli="$root/src/Client/bin/Release/net10.0/robustgrid.dll"
work="$(mktemp -d /tmp/robustgrid-cluster-bench.XXXXXX)"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --appendonly yes --save "" >"$work/redis.log" 2>&1 &
pids+=($!)
sleep 1

for n in 1 3; do
  # Its own service id, so the second cluster does not find the first one's stored results in the shared Redis.
  cluster="bench-$n-$RANDOM"
  gateways=()
  for i in $(seq 1 "$n"); do
    sp=$(free_port); gp=$(free_port)
    # Each silo trains as many runs at once as the machine has cores, divided among the silos.
    slots=$(( $(nproc) / n )); [ "$slots" -ge 1 ] || slots=1
    dotnet "$silo" --RobustGrid:Clustering=Redis --RobustGrid:Redis=127.0.0.1:$redis_port --RobustGrid:ClusterId=$cluster --RobustGrid:ServiceId=$cluster \
      --RobustGrid:SiloPort=$sp --RobustGrid:GatewayPort=$gp --RobustGrid:ResultsDirectory="$work/results" \
      --RobustGrid:RunSlots=$slots --Logging:LogLevel:Default=Warning ${SILO_ARGS:-} >"$work/silo-$n-$i.log" 2>&1 &
    pids+=($!)
    gateways+=("127.0.0.1:$gp")
  done
  gw=$(IFS=,; echo "${gateways[*]}")
  # Wait for the gateways: status exits 1 ("no such sweep") once the cluster answers, 2 while it cannot connect.
  for _ in $(seq 1 60); do
    set +e; RobustGrid__ClusterId=$cluster RobustGrid__ServiceId=$cluster dotnet "$cli" status warmup --gateway "$gw" >/dev/null 2>&1; rc=$?; set -e
    [ "$rc" = 1 ] && break
    sleep 1
  done
  sleep 3   # let every silo join before the sweep counts the cluster's cores
  # Warm-up: the same sweep on other seeds, so the silos' JIT has settled and the dataset is cached (as on a
  # long-running cluster); its time is printed as a fresh cluster's.
  wstart=$(date +%s.%N)
  RobustGrid__ClusterId=$cluster RobustGrid__ServiceId=$cluster dotnet "$cli" sweep --gateway "$gw" --data-dir "$data" --seeds "${WARM_SEEDS:-100001..100100}" --id warm-$n >"$work/warm-$n.log" 2>&1
  wend=$(date +%s.%N)
  echo "$n silo process(es), fresh: CLI wall $(python3 -c "print(f'{$wend - $wstart:.2f}')") s; sweep: $(grep -o '[0-9]* runs completed in [0-9.]* s' "$work/warm-$n.log" || true)"
  start=$(date +%s.%N)
  RobustGrid__ClusterId=$cluster RobustGrid__ServiceId=$cluster dotnet "$cli" sweep --gateway "$gw" --data-dir "$data" --seeds "$seeds" --id bench-$n ${CONCURRENCY:+--concurrency $CONCURRENCY} >"$work/cli-$n.log" 2>&1
  end=$(date +%s.%N)
  runs=$(grep -o '[0-9]* runs completed in [0-9.]* s' "$work/cli-$n.log" || true)
  echo "$n silo process(es), $slots run slot(s) each: CLI wall $(python3 -c "print(f'{$end - $start:.2f}')") s; sweep: $runs"
done
