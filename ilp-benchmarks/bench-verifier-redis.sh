#!/usr/bin/env bash
# Credit+spend operations per second with the verifier state in Redis: one and two
# `ilp-torrent verifier --redis` instances on one redis-server, against npm @coil/receipt-verifier
# 1.0.3 on the same redis-server (another database), same load generator, in the same run. Redis
# runs with appendonly yes and appendfsync always (the durability the verifier's README asks for)
# for all. Server CPU = the verifier processes plus redis-server. Each configuration gets the
# warm-up rounds of bench-verifier.sh first. Goal: one instance at least 5x coil per server
# CPU-second; two instances at least 1.7x one. Each window also prints how busy the whole machine
# was (load generators included): when the one-instance window already keeps every core busy, a
# second instance on the same machine can only share them, which the two / one line then shows.
set -euo pipefail
cd "$(dirname "$0")/.."
# Partners, build, settings (BENCH_*), work folder, seed and cleanup: see verifier-bench-lib.sh.
source ilp-benchmarks/verifier-bench-lib.sh

redis-server --port 7380 --bind 127.0.0.1 --dir "$work" --save "" --appendonly yes --appendfsync always \
  --daemonize no > /dev/null 2>&1 &
pids+=($!)
await 7380
verifier() { # port
  ./ilp-torrent verifier --port "$1" --redis redis://127.0.0.1:7380/0 --seed-file "$work/seed" \
    --open-registration > /dev/null 2>&1 &
  pids+=($!)
  await "$1"
}

# One instance.
verifier 7311
warm one "7311 7380" http://127.0.0.1:7311 register 7397
measure one "7311 7380" http://127.0.0.1:7311 register 7399 "$seconds" "$concurrency"

# Two instances on the same Redis database, half the connections each, measured together.
verifier 7314
warm second "7314 7380" http://127.0.0.1:7314 register 7396
half=$((concurrency / 2))
before=$(cpu 7311 7314 7380)
machine_before=$(machine)
bench two-a http://127.0.0.1:7311 register 7395 "$seconds" "$half" > "$work/a" &
a=$!
bench two-b http://127.0.0.1:7314 register 7394 "$seconds" "$half" > "$work/b" &
b=$!
wait $a $b
machine_after=$(machine)
after=$(cpu 7311 7314 7380)
cat "$work/a" "$work/b"
ops=$(( $(grep -o '([0-9]* ok' "$work/a" | tr -dc 0-9) + $(grep -o '([0-9]* ok' "$work/b" | tr -dc 0-9) ))
awk -v o="$ops" -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" -v s="$seconds" 'BEGIN {
    split(b, x, " "); split(a, y, " "); t = (y[1] - x[1] + y[2] - x[2]) / hz
    printf "two: %.0f ops/s, %.2f server CPU-seconds, %.0f ops per server CPU-second\n", o / s, t, o / t
  }'
echo "two: machine busy $(busy "$machine_before" "$machine_after") (load generators included)"
awk -v o="$ops" -v s="$seconds" -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" \
  -v one_s="${per_s[one]}" -v one_cpu="${per_cpu[one]}" 'BEGIN {
    split(b, x, " "); split(a, y, " "); t = (y[1] - x[1] + y[2] - x[2]) / hz
    printf "two / one: %.2fx ops/s in total, %.2fx ops per server CPU-second (goal: 1.7x in total)\n",
      o / s / one_s, o / t / one_cpu
  }'
echo "  Bound: two instances can only be 1.7x one when one instance left cores idle; the machine-busy"
echo "  lines show how much of the $(nproc) cores the one-instance window already used, load generator,"
echo "  redis-server and verifier together. Near 100% the second instance only shares the same cores."

# npm @coil/receipt-verifier on the same redis-server (database 2).
(cd interop/npm/receipt-verifier &&
  VERIFIER_PORT=7312 SPSP_PROXY_PORT=7313 SPSP_ENDPOINT=http://127.0.0.1:7398/ REDIS_URI=redis://127.0.0.1:7380/2 \
  RECEIPT_SEED="$seed" exec node start.js > /dev/null 2>&1) &
pids+=($!)
await 7312
warm coil+redis "7312 7380" http://127.0.0.1:7312 http://127.0.0.1:7313/ 7398
measure coil+redis "7312 7380" http://127.0.0.1:7312 http://127.0.0.1:7313/ 7398 "$seconds" "$concurrency"
awk -v a="${per_cpu[one]}" -v b="${per_cpu[coil+redis]}" \
  'BEGIN {printf "one instance / coil+redis per server CPU-second: %.2fx (load average %s)\n", a / b, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'"}'
