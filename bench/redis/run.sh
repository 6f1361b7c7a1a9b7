#!/usr/bin/env bash
# What a cluster sweep leaves in Redis: used_memory (INFO memory) and the append-only file's size, before and after a
# sweep on 2 silo processes clustered through a real redis-server (AOF on, as deployed), per run.
# usage: bash bench/redis/run.sh [seeds]    (default 1..1000: 4,000 runs of the study's models on the embedded digits)
#        EPOCHS=5 bash bench/redis/run.sh 1..5000        (20,000 runs, short ones)
# Needs redis-server, redis-cli and a Release build (dotnet build -c Release RobustGrid.sln).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seeds="${1:-1..1000}"
silo="$root/src/Silo/bin/Release/net10.0/robustgrid-silo.dll"
cli="$root/src/Client/bin/Release/net10.0/robustgrid.dll"
work="$(mktemp -d /tmp/robustgrid-redis-bench.XXXXXX)"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
info() { redis-cli -p "$redis_port" INFO memory | tr -d '\r' | sed -n 's/^used_memory://p'; }
aof() { du -sb "$work/appendonlydir" 2>/dev/null | cut -f1 || echo 0; }

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --appendonly yes --save "" >"$work/redis.log" 2>&1 &
pids+=($!)
sleep 1
cluster="redis-bench-$RANDOM"
gateways=()
for i in 1 2; do
  sp=$(free_port); gp=$(free_port)
  dotnet "$silo" --RobustGrid:Clustering=Redis --RobustGrid:Redis=127.0.0.1:$redis_port --RobustGrid:ClusterId=$cluster --RobustGrid:ServiceId=$cluster \
    --RobustGrid:SiloPort=$sp --RobustGrid:GatewayPort=$gp --RobustGrid:ResultsDirectory="$work/results" \
    --Logging:LogLevel:Default=Warning >"$work/silo-$i.log" 2>&1 &
  pids+=($!)
  gateways+=("127.0.0.1:$gp")
done
gw=$(IFS=,; echo "${gateways[*]}")
for _ in $(seq 1 60); do
  set +e; RobustGrid__ClusterId=$cluster RobustGrid__ServiceId=$cluster dotnet "$cli" status warmup --gateway "$gw" >/dev/null 2>&1; rc=$?; set -e
  [ "$rc" = 1 ] && break
  sleep 1
done
sleep 3
before=$(info); aof_before=$(aof)
RobustGrid__ClusterId=$cluster RobustGrid__ServiceId=$cluster dotnet "$cli" sweep --gateway "$gw" --seeds "$seeds" --epochs "${EPOCHS:-5}" --id redis-bench >"$work/cli.log" 2>&1
sleep 2
after=$(info); aof_after=$(aof)
runs=$(grep -o '^[0-9]* runs completed' "$work/cli.log" | grep -o '^[0-9]*' || true)
[ -n "$runs" ] || { cat "$work/cli.log"; exit 1; }
python3 - "$runs" "$before" "$after" "$aof_before" "$aof_after" <<'PY'
import sys
runs, b, a, ab, aa = (int(x) for x in sys.argv[1:])
print(f"{runs:,} runs: Redis used_memory {b:,} -> {a:,} bytes ({(a - b) / runs:,.0f} B per run); AOF {ab:,} -> {aa:,} bytes ({(aa - ab) / runs:,.0f} B per run)")
PY
