#!/usr/bin/env bash
# Bytes written to Redis per run, at 2,000 and 20,000 runs (seeds 1..500 and 1..5000 of the default 4-model spec on
# the embedded digits), fault-free on 3 silo processes: Redis's own INFO stats total_net_input_bytes (every command
# the silos sent: grain state, the coordinator's saves, membership, reminders), its delta over the sweep divided by the
# runs. Flat from 2,000 to 20,000 means the writes grow with the runs, not their square. Also prints each sweep's wall time
# (the fault-free figure the soak test's time under faults compares with).
# usage: bash bench/chaos/persistence.sh ["500 5000"]     Needs redis-server, redis-cli and a Release build.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
sizes="${1:-500 5000}"
silo="$root/src/Silo/bin/Release/net10.0/robustgrid-silo.dll"
cli="$root/src/Client/bin/Release/net10.0/robustgrid.dll"
work="$(mktemp -d /tmp/robustgrid-persistence-bench.XXXXXX)"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
input_bytes() { redis-cli -p "$1" INFO stats | tr -d '\r' | sed -n 's/^total_net_input_bytes://p'; }

for seeds in $sizes; do
  # A Redis and a cluster of their own per size: nothing stored by the other size is found or counted.
  redis_port=$(free_port)
  mkdir -p "$work/redis-$seeds"
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work/redis-$seeds" --appendonly yes --save "" >"$work/redis-$seeds.log" 2>&1 &
  pids+=($!)
  cluster="persistence-$seeds-$RANDOM"
  gateways=()
  for i in 1 2 3; do
    sp=$(free_port); gp=$(free_port)
    dotnet "$silo" --RobustGrid:Clustering=Redis --RobustGrid:Redis=127.0.0.1:$redis_port --RobustGrid:ClusterId=$cluster \
      --RobustGrid:SiloPort=$sp --RobustGrid:GatewayPort=$gp --RobustGrid:ResultsDirectory="$work/results" \
      --Logging:LogLevel:Default=Warning >"$work/silo-$seeds-$i.log" 2>&1 &
    pids+=($!)
    gateways+=("127.0.0.1:$gp")
  done
  gw=$(IFS=,; echo "${gateways[*]}")
  for _ in $(seq 1 60); do
    set +e; dotnet "$cli" status warmup --gateway "$gw" --cluster-id "$cluster" >/dev/null 2>&1; rc=$?; set -e
    [ "$rc" = 1 ] && break
    sleep 1
  done
  sleep 3
  before=$(input_bytes "$redis_port")
  start=$(date +%s.%N)
  dotnet "$cli" sweep --gateway "$gw" --cluster-id "$cluster" --seeds "1..$seeds" --id "persistence-$seeds" >"$work/cli-$seeds.log" 2>&1
  end=$(date +%s.%N)
  after=$(input_bytes "$redis_port")
  runs=$((seeds * 4))
  python3 -c "print(f'{$runs} runs: {$after - $before:,} bytes into Redis = {($after - $before) / $runs:,.0f} per run; sweep wall {$end - $start:.1f} s ($(grep -o '[0-9]* runs completed' "$work/cli-$seeds.log" || echo 'NOT COMPLETED'))')"
done
