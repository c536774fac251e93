#!/usr/bin/env bash
# Credit+spend operations per second with the verifier state in Redis: one and two
# `ilp-torrent verifier --redis` instances on one redis-server, against npm @coil/receipt-verifier
# 1.0.3 on the same redis-server (another database), same load generator, in the same run.
# Redis runs with appendonly yes and appendfsync always (the durability the README asks for) for
# all three. Server CPU = the verifier processes plus redis-server. Goal: one instance at least 5x
# coil per server CPU-second; two instances at least 1.7x one.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
[ -d interop/npm/receipt-verifier/node_modules ] || (cd interop/npm/receipt-verifier && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
./mvnw -B -q -pl ilp-benchmarks,ilp-torrent-cli -am package -DskipTests -Dspotless.check.skip=true

seconds="${BENCH_SECONDS:-10}"
warmup="${BENCH_WARMUP:-10}"
concurrency="${BENCH_CONCURRENCY:-64}"
work="$(mktemp -d)"
seed="$(head -c 32 /dev/urandom | base64)"
echo "$seed" > "$work/seed"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
bench() { java -cp ilp-benchmarks/target/benchmarks.jar org.ilptorrent.benchmarks.VerifierBench "$@"; }
cpu() {
  local total=0
  for port in "$@"; do
    for pid in $(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
      total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
  done
  echo "$total"
}
await() { for _ in $(seq 600); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.1; done; echo "port $1 did not open" >&2; exit 1; }
ops_of() { grep -o '([0-9]* ok' | tr -dc 0-9; }
report() { # label ops cpu_ticks
  awk -v o="$2" -v t="$3" -v hz="$(getconf CLK_TCK)" -v s="$seconds" -v l="$1" \
    'BEGIN {printf "%s: %.0f ops/s, %.2f server CPU-seconds, %.0f ops per server CPU-second\n", l, o/s, t/hz, o/(t/hz)}'
}

redis-server --port 7380 --bind 127.0.0.1 --dir "$work" --save "" --appendonly yes --appendfsync always \
  --daemonize no > /dev/null 2>&1 &
pids+=($!)
await 7380
verifier() { # port db
  ./ilp-torrent verifier --port "$1" --redis "redis://127.0.0.1:7380/$2" --seed-file "$work/seed" \
    --open-registration > /dev/null 2>&1 &
  pids+=($!)
  await "$1"
}

# One instance.
verifier 7311 0
bench warm-up http://127.0.0.1:7311 register 7399 "$warmup" "$concurrency" > /dev/null
before=$(cpu 7311 7380)
one=$(bench one http://127.0.0.1:7311 register 7398 "$seconds" "$concurrency")
after=$(cpu 7311 7380)
echo "$one"
report "one instance + redis" "$(echo "$one" | ops_of)" $((after - before))

# Two instances on the same Redis (database 0, shared with the first), half the connections each.
verifier 7314 0
bench warm-up http://127.0.0.1:7314 register 7397 "$warmup" "$concurrency" > /dev/null
half=$((concurrency / 2))
before=$(cpu 7311 7314 7380)
bench two-a http://127.0.0.1:7311 register 7396 "$seconds" "$half" > "$work/a" &
a=$!
bench two-b http://127.0.0.1:7314 register 7395 "$seconds" "$half" > "$work/b" &
b=$!
wait $a $b
after=$(cpu 7311 7314 7380)
cat "$work/a" "$work/b"
report "two instances + redis" $(( $(ops_of < "$work/a") + $(ops_of < "$work/b") )) $((after - before))

# npm @coil/receipt-verifier on the same redis-server (database 2).
(cd interop/npm/receipt-verifier &&
  VERIFIER_PORT=7312 SPSP_PROXY_PORT=7313 SPSP_ENDPOINT=http://127.0.0.1:7394/ REDIS_URI=redis://127.0.0.1:7380/2 \
  RECEIPT_SEED="$seed" exec node start.js > /dev/null 2>&1) &
pids+=($!)
await 7312
bench warm-up http://127.0.0.1:7312 http://127.0.0.1:7313/ 7394 "$warmup" "$concurrency" > /dev/null
before=$(cpu 7312 7380)
coil=$(bench coil http://127.0.0.1:7312 http://127.0.0.1:7313/ 7394 "$seconds" "$concurrency")
after=$(cpu 7312 7380)
echo "$coil"
report "coil + redis" "$(echo "$coil" | ops_of)" $((after - before))
