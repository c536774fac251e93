#!/usr/bin/env bash
# WebSocket announces per second, and per CPU-second of the tracker process, at 1,000 peers over
# 100 torrents and at 10,000 peers over 1,000 torrents: `ilp-torrent tracker` (-Xmx512m) against
# npm bittorrent-tracker 11 (interop/npm/bittorrent-tracker/server.mjs) in the same run, with the
# same load generator (TrackerLoad: one thread, one announce in flight per connection). Then the
# heap our tracker uses with 10,000 peers connected (after a full GC, jcmd GC.heap_info).
# Goal: 5x npm's announces per CPU-second. Everything on 127.0.0.1; under 5 minutes.
#
# Settings: BENCH_WARMUP (s, 20: with 5 s the JVM's C2 compiler was still busy in the window on a
# loaded machine, and its CPU counted against ours; npm gets the same warm-up), BENCH_SECONDS
# (measured window, s, 10),
# BENCH_JAVA_OPTS (extra JVM options for our tracker, e.g. a JFR recording).
set -euo pipefail
cd "$(dirname "$0")/.."
warmup="${BENCH_WARMUP:-20}"
seconds="${BENCH_SECONDS:-10}"
ticks="$(getconf CLK_TCK)"
# 10,000 client sockets in the generator, 10,000 in the server, each process its own limit.
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge 12000 ] || { echo "need ulimit -n >= 12000 (hard limit: $(ulimit -Hn))" >&2; exit 1; }

npm_dir=interop/npm/bittorrent-tracker
[ -d "$npm_dir/node_modules" ] || (cd "$npm_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
./mvnw -B -q -pl ilp-benchmarks,ilp-torrent-cli -am package -DskipTests -Dspotless.check.skip=true

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
load() { java -XX:+UseSerialGC -cp ilp-benchmarks/target/benchmarks.jar org.ilptorrent.benchmarks.TrackerLoad "$@"; }
await() { for _ in $(seq 150); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.1; done; echo "port $1 did not open" >&2; exit 1; }
field() { grep -o "$1=[0-9.]*" | cut -d= -f2; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
heap_used_mib() {
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | awk '{printf "%.1f", $2 / 1024}'
}

results="$work/results"
: > "$results"
# bench <server label> <pid> <port>: both configurations; for ours, the heap while 10,000 hold.
bench() {
  local server="$1" pid="$2" port="$3"
  local out
  out=$(load "$server" "ws://127.0.0.1:$port" 1000 100 "$warmup" "$seconds" "$pid" "$ticks")
  echo "$out"
  echo "$server 1000 $(echo "$out" | field announces_per_s) $(echo "$out" | field server_cpu_s) $(echo "$out" | field announces_per_cpu_s)" >> "$results"

  load "$server" "ws://127.0.0.1:$port" 10000 1000 "$warmup" "$seconds" "$pid" "$ticks" 60 > "$work/load.out" &
  local loader=$!
  pids+=("$loader")
  for _ in $(seq 1200); do grep -q '^holding' "$work/load.out" && break; sleep 0.1; done
  grep -q '^holding' "$work/load.out" || { echo "the 10,000-peer run did not finish" >&2; cat "$work/load.out" >&2; exit 1; }
  out=$(grep -v '^holding' "$work/load.out")
  echo "$out"
  echo "$server 10000 $(echo "$out" | field announces_per_s) $(echo "$out" | field server_cpu_s) $(echo "$out" | field announces_per_cpu_s)" >> "$results"
  echo "$server RSS with 10,000 peers connected: $(rss_mib "$pid") MiB" | tee -a "$work/memory"
  if [ "$server" = ours ]; then
    echo "ours heap used after GC with 10,000 peers connected: $(heap_used_mib "$pid") MiB (idle, before any load: $idle_heap MiB; -Xmx512m)" | tee -a "$work/memory"
  fi
  kill "$loader" 2>/dev/null || true
  wait "$loader" 2>/dev/null || true
}

# Ours: what ./ilp-torrent runs once built (the jar was just packaged; calling the launcher could
# start another build, since it compares every module's sources with the jar's date).
# shellcheck disable=SC2086
java -Xmx512m ${BENCH_JAVA_OPTS:-} -jar ilp-torrent-cli/target/ilp-torrent.jar tracker --port 7411 > "$work/ours.log" 2>&1 &
ours=$!
pids+=("$ours")
await 7411
idle_heap=$(heap_used_mib "$ours")
bench ours "$ours" 7411
kill "$ours"
wait "$ours" 2>/dev/null || true

# npm bittorrent-tracker 11 (HTTP and WebSocket on one port; UDP off).
node "$npm_dir/server.mjs" --port 7412 --no-udp > "$work/npm.log" 2>&1 &
npm=$!
pids+=("$npm")
await 7412
bench npm "$npm" 7412
kill "$npm"
wait "$npm" 2>/dev/null || true

echo
echo "| peers / torrents | ours announces/s | ours server CPU-s | ours announces per CPU-s | npm announces/s | npm server CPU-s | npm announces per CPU-s | ours / npm (per CPU-s) |"
echo "|---|---|---|---|---|---|---|---|"
for peers in 1000 10000; do
  read -r _ _ oa oc op < <(grep "^ours $peers " "$results")
  read -r _ _ na nc np < <(grep "^npm $peers " "$results")
  awk -v p="$peers" -v oa="$oa" -v oc="$oc" -v op="$op" -v na="$na" -v nc="$nc" -v np="$np" \
    'BEGIN {printf "| %d / %d | %d | %.2f | %d | %d | %.2f | %d | %.2fx |\n", p, p / 10, oa, oc, op, na, nc, np, op / np}'
done
echo "(measured window: ${seconds} s after ${warmup} s of warm-up; CPU = utime + stime of the server process)"
cat "$work/memory"
