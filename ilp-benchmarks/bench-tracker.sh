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
# BENCH_JAVA_OPTS (extra JVM options for our tracker, e.g. a JFR recording), BENCH_TRANSPORTS
# (our tracker's --io-transport values, each measured in its own JVM, in this order, against the
# same npm run; "io_uring epoll" by default), BENCH_BASE_JAR (another ilp-torrent.jar, e.g. a build
# of an older commit, measured first with its default transport as "base"), BENCH_BUILD (0: use
# the jars already built).
set -euo pipefail
cd "$(dirname "$0")/.."
warmup="${BENCH_WARMUP:-20}"
read -r -a transports <<< "${BENCH_TRANSPORTS:-io_uring epoll}"
base_jar="${BENCH_BASE_JAR:-}"
seconds="${BENCH_SECONDS:-10}"
ticks="$(getconf CLK_TCK)"
# 10,000 client sockets in the generator, 10,000 in the server, each process its own limit.
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge 12000 ] || { echo "need ulimit -n >= 12000 (hard limit: $(ulimit -Hn))" >&2; exit 1; }

npm_dir=interop/npm/bittorrent-tracker
[ -d "$npm_dir/node_modules" ] || (cd "$npm_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
[ "${BENCH_BUILD:-1}" = 0 ] || ./mvnw -B -q -pl ilp-benchmarks,ilp-torrent-cli -am package -DskipTests -Dspotless.check.skip=true

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
load() { java -XX:+UseSerialGC -cp ilp-benchmarks/target/benchmarks.jar org.ilptorrent.benchmarks.TrackerLoad "$@"; }
# A port free now (other benches on this machine may hold fixed ones).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
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
  if [ "$server" != npm ]; then
    echo "$server heap used after GC with 10,000 peers connected: $(heap_used_mib "$pid") MiB (idle, before any load: $idle_heap MiB; -Xmx512m)" | tee -a "$work/memory"
  fi
  kill "$loader" 2>/dev/null || true
  wait "$loader" 2>/dev/null || true
}

# ours <label> <jar> [ilp-torrent tracker options]: one JVM of ours, both configurations.
ours() {
  local label="$1" jar="$2"
  shift 2
  # shellcheck disable=SC2086
  local port
  port=$(free_port)
  # The JVM options ./ilp-torrent passes (Netty's leak detector off), then the bench's own.
  java -Xmx512m -Dio.netty.leakDetection.level=disabled ${BENCH_JAVA_OPTS:-} -jar "$jar" tracker --port "$port" "$@" > "$work/$label.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  await "$port"
  idle_heap=$(heap_used_mib "$pid")
  echo "$label: $(find "/proc/$pid/fd" -lname '*io_uring*' 2>/dev/null | wc -l) io_uring rings, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  bench "$label" "$pid" "$port"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

# Ours: what ./ilp-torrent runs once built (the jar was just packaged; calling the launcher could
# start another build, since it compares every module's sources with the jar's date).
labels=()
if [ -n "$base_jar" ]; then
  ours base "$base_jar"
  labels+=(base)
fi
for t in "${transports[@]}"; do
  ours "ours-$t" ilp-torrent-cli/target/ilp-torrent.jar --io-transport "$t"
  labels+=("ours-$t")
done

# npm bittorrent-tracker 11 (HTTP and WebSocket on one port; UDP off).
npm_port=$(free_port)
node "$npm_dir/server.mjs" --port "$npm_port" --no-udp > "$work/npm.log" 2>&1 &
npm=$!
pids+=("$npm")
await "$npm_port"
bench npm "$npm" "$npm_port"
kill "$npm"
wait "$npm" 2>/dev/null || true

echo
echo "| tracker | peers / torrents | announces/s | server CPU-s | announces per CPU-s | npm announces/s | npm server CPU-s | npm announces per CPU-s | / npm (per CPU-s) |"
echo "|---|---|---|---|---|---|---|---|---|"
for label in "${labels[@]}"; do
  for peers in 1000 10000; do
    read -r _ _ oa oc op < <(grep "^$label $peers " "$results")
    read -r _ _ na nc np < <(grep "^npm $peers " "$results")
    awk -v l="$label" -v p="$peers" -v oa="$oa" -v oc="$oc" -v op="$op" -v na="$na" -v nc="$nc" -v np="$np" \
      'BEGIN {printf "| %s | %d / %d | %d | %.2f | %d | %d | %.2f | %d | %.2fx |\n", l, p, p / 10, oa, oc, op, na, nc, np, op / np}'
  done
done
echo "(measured window: ${seconds} s after ${warmup} s of warm-up; CPU = utime + stime of the server process; load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
cat "$work/memory"
