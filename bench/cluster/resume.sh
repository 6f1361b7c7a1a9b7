#!/usr/bin/env bash
# A coordinator that dies late: a sweep on 3 silo processes (Redis clustering, AOF on), its coordinator's silo killed
# (kill -9) once 90% of the runs are done; prints when that was, how many runs were committed then, and how long the
# resumed coordinator took to finish the sweep (from the kill to the sweep completed), against the same sweep unkilled.
# usage: bash bench/cluster/resume.sh [seeds]     (default 1..25000: 100,000 runs of the study's models, embedded digits)
#        EPOCHS=3 bash bench/cluster/resume.sh    (epochs per run, default 3)
# Needs redis-server and a Release build (dotnet build -c Release RobustGrid.sln).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seeds="${1:-1..25000}"
silo="$root/src/Silo/bin/Release/net10.0/robustgrid-silo.dll"
cli="$root/src/Client/bin/Release/net10.0/robustgrid.dll"
work="$(mktemp -d /tmp/robustgrid-resume-bench.XXXXXX)"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --appendonly yes --save "" >"$work/redis.log" 2>&1 &
pids+=($!)
sleep 1
cluster="resume-bench-$RANDOM"
declare -A silo_pid silo_args
gateways=()
start_silo() { # port gateway-port
  dotnet "$silo" --RobustGrid:Clustering=Redis --RobustGrid:Redis=127.0.0.1:$redis_port --RobustGrid:ClusterId=$cluster --RobustGrid:ServiceId=$cluster \
    --RobustGrid:SiloPort=$1 --RobustGrid:GatewayPort=$2 --RobustGrid:ResultsDirectory="$work/results" \
    --Logging:LogLevel:Default=Warning >>"$work/silo-$1.log" 2>&1 &
  silo_pid[$1]=$!
  pids+=($!)
}
for i in 1 2 3; do
  sp=$(free_port); gp=$(free_port)
  start_silo "$sp" "$gp"
  silo_args[$sp]=$gp
  gateways+=("127.0.0.1:$gp")
done
gw=$(IFS=,; echo "${gateways[*]}")
export RobustGrid__ClusterId=$cluster RobustGrid__ServiceId=$cluster
for _ in $(seq 1 60); do
  set +e; dotnet "$cli" status warmup --gateway "$gw" >/dev/null 2>&1; rc=$?; set -e
  [ "$rc" = 1 ] && break
  sleep 1
done
sleep 3

run() { # id seeds kill?
  local id=$1 range=$2 kill=$3 start killed_at="" total done_runs line coordinator port
  start=$(now)
  dotnet "$cli" sweep --gateway "$gw" --seeds "$range" --epochs "${EPOCHS:-3}" --id "$id" >"$work/$id.log" 2>&1 &
  local cli_pid=$!
  if [ "$kill" = yes ]; then
    while kill -0 "$cli_pid" 2>/dev/null; do
      line=$(dotnet "$cli" status "$id" --gateway "$gw" 2>/dev/null | grep -o '[0-9]*/[0-9]* done.*coordinator on silo [^ ]*' || true)
      if [ -n "$line" ]; then
        done_runs=${line%%/*}; total=$(echo "$line" | sed 's|^[0-9]*/\([0-9]*\) done.*|\1|')
        if [ "$total" -gt 0 ] && [ $((done_runs * 10)) -ge $((total * 9)) ]; then
          coordinator=$(echo "$line" | sed 's|.*coordinator on silo S\?\([0-9.]*\):\([0-9]*\):.*|\2|')
          committed=$(python3 -c "import json;print(json.load(open('$work/results/$id/manifest.json'))['committed_runs'])" 2>/dev/null || echo 0)
          kill -9 "${silo_pid[$coordinator]}"
          killed_at=$(now)
          echo "killed the coordinator's silo (port $coordinator) at $done_runs/$total runs done, $committed committed, $(python3 -c "print(f'{$killed_at - $start:.1f}')") s in"
          start_silo "$coordinator" "${silo_args[$coordinator]}"
          break
        fi
      fi
      sleep 1
    done
  fi
  wait "$cli_pid"
  local end; end=$(now)
  echo "$id: $(grep -o '[0-9]* runs completed in [0-9.]* s' "$work/$id.log" || tail -2 "$work/$id.log"); CLI wall $(python3 -c "print(f'{$end - $start:.1f}')") s${killed_at:+; from the kill to the end $(python3 -c "print(f'{$end - $killed_at:.1f}')") s}"
}
# The killed sweep has as many runs on other seeds: the same seeds would be reused from the first sweep's results.
other=$(python3 -c "a,b=map(int,'$seeds'.split('..')); print(f'{b+1}..{2*b-a+1}')")
run unkilled "$seeds" no
run killed "$other" yes
