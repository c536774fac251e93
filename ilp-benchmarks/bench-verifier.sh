#!/usr/bin/env bash
# Credit+spend operations per second on loopback: ilp-torrent verifier with its durable journal
# against npm @coil/receipt-verifier 1.0.3 backed by a real redis-server, same load generator,
# same seed, in the same run. Goal: at least 5x the npm verifier per server CPU-second.
# Each server first gets the same unmeasured warm-up: rounds of BENCH_WARMUP seconds (10 by
# default), each on fresh connections (closing a round's connections takes paths the round never
# did, and the JIT recompiles what it had specialised without them), at least two and until two
# rounds in a row give ops per server CPU-second within 10% of each other (at most
# BENCH_WARMUP_ROUNDS, 8 by default): on a busy machine the compilers get little CPU and need more
# rounds. Redis runs with its AOF on and Redis's default fsync policy (appendfsync everysec), as
# the goal's "Redis (AOF)" says.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
[ -d interop/npm/receipt-verifier/node_modules ] || (cd interop/npm/receipt-verifier && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
# BENCH_NO_BUILD=1 skips the build (jars already packaged from these sources).
[ -n "${BENCH_NO_BUILD:-}" ] || ./mvnw -B -q -pl ilp-benchmarks,ilp-torrent-cli -am package -DskipTests -Dspotless.check.skip=true

seconds="${BENCH_SECONDS:-10}"
concurrency="${BENCH_CONCURRENCY:-64}"
warmup="${BENCH_WARMUP:-10}"
warmup_rounds="${BENCH_WARMUP_ROUNDS:-8}"
work="$(mktemp -d)"
seed="$(head -c 32 /dev/urandom | base64)"
echo "$seed" > "$work/seed"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
bench() { java -cp ilp-benchmarks/target/benchmarks.jar org.ilptorrent.benchmarks.VerifierBench "$@"; }
# Clock ticks "utime stime" used so far by the processes listening on the given ports.
cpu() {
  local user=0 sys=0
  for port in "$@"; do
    for pid in $(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
      read -r u s < <(awk '{print $14, $15}' "/proc/$pid/stat")
      user=$((user + u)); sys=$((sys + s))
    done
  done
  echo "$user $sys"
}
# measure LABEL "PORTS" BENCH-ARGS...: prints the bench line, then the servers' CPU in the window
# and ops per server CPU-second; keeps that figure in per_cpu[LABEL].
declare -A per_cpu
measure() {
  local label="$1"; shift
  local ports="$1"; shift
  local before after out
  before=$(cpu $ports)
  out=$(bench "$label" "$@")
  after=$(cpu $ports)
  echo "$out"
  local ops; ops=$(echo "$out" | grep -o '([0-9]* ok' | tr -dc 0-9)
  local line
  line=$(awk -v o="$ops" -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" -v l="$label" '
    BEGIN {
      split(b, x, " "); split(a, y, " ")
      u = (y[1] - x[1]) / hz; s = (y[2] - x[2]) / hz
      printf "%s: %.2f server CPU-seconds (user %.2f, system %.2f), %.0f ops per server CPU-second\n",
        l, u + s, u, s, o / (u + s)
    }')
  echo "$line"
  per_cpu[$label]=$(echo "$line" | grep -o '[0-9]* ops per' | tr -dc 0-9)
}
# warm LABEL "PORTS" BENCH-ARGS-BEFORE-SECONDS...: the warm-up rounds described at the top.
warm() {
  local label="$1" ports="$2"; shift 2
  local previous=0 round current
  for round in $(seq "$warmup_rounds"); do
    current=$(measure "$label-warmup" "$ports" "$@" "$warmup" "$concurrency" |
      grep -o '[0-9]* ops per server' | tr -dc 0-9)
    echo "$label warm-up round $round: ${current:-0} ops per server CPU-second"
    if [ "$round" -ge 2 ] && awk -v a="${current:-0}" -v b="$previous" \
      'BEGIN {exit !(b > 0 && a > 0.9 * b && a < 1.1 * b)}'; then
      return
    fi
    previous="${current:-0}"
  done
}
await() { for _ in $(seq 100); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.1; done; echo "port $1 did not open" >&2; exit 1; }

# Ours, journal on (fsync before each answer, shared between concurrent requests).
./ilp-torrent verifier --port 7311 --data "$work/data" --seed-file "$work/seed" --open-registration > /dev/null 2>&1 &
pids+=($!)
await 7311
# One wallet for all warm-up rounds: registering it again is not a new registration.
warm ours "7311" http://127.0.0.1:7311 register 7397
measure ours "7311" http://127.0.0.1:7311 register 7399 "$seconds" "$concurrency"

# npm @coil/receipt-verifier with redis, append-only file on, fsync every second (Redis's default).
redis-server --port 7379 --dir "$work" --save "" --appendonly yes --appendfsync everysec \
  --daemonize no > /dev/null 2>&1 &
pids+=($!)
await 7379
(cd interop/npm/receipt-verifier &&
  VERIFIER_PORT=7312 SPSP_PROXY_PORT=7313 SPSP_ENDPOINT=http://127.0.0.1:7398/ REDIS_URI=redis://127.0.0.1:7379/ \
  RECEIPT_SEED="$seed" exec node start.js > /dev/null 2>&1) &  # exec: $! is node, so cleanup stops it
pids+=($!)
await 7312
# The npm verifier proxies SPSP to one fixed endpoint, so all its runs use wallet port 7398.
warm coil+redis "7312 7379" http://127.0.0.1:7312 http://127.0.0.1:7313/ 7398
measure coil+redis "7312 7379" http://127.0.0.1:7312 http://127.0.0.1:7313/ 7398 "$seconds" "$concurrency"
awk -v a="${per_cpu[ours]}" -v b="${per_cpu[coil+redis]}" \
  'BEGIN {printf "ours / coil+redis per server CPU-second: %.2fx (load average %s)\n", a / b, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'"}'
