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
# Partners, build, settings (BENCH_*), work folder, seed and cleanup: see verifier-bench-lib.sh.
source ilp-benchmarks/verifier-bench-lib.sh

# Ours, journal on (fsync before each answer, shared between concurrent requests), once per
# --io-transport in BENCH_TRANSPORTS ("auto" by default; e.g. "io_uring epoll"), each in its own JVM.
read -r -a transports <<< "${BENCH_TRANSPORTS:-auto}"
labels=()
for t in "${transports[@]}"; do
  label=ours
  [ "${#transports[@]}" -eq 1 ] || label="ours-$t"
  labels+=("$label")
  ./ilp-torrent verifier --port 7311 --data "$work/data-$t" --seed-file "$work/seed" --open-registration \
    --io-transport "$t" > /dev/null 2>&1 &
  ours_pid=$!
  pids+=("$ours_pid")
  await 7311
  # One wallet for all warm-up rounds: registering it again is not a new registration.
  warm "$label" "7311" http://127.0.0.1:7311 register 7397
  measure "$label" "7311" http://127.0.0.1:7311 register 7399 "$seconds" "$concurrency"
  kill "$ours_pid"
  wait "$ours_pid" 2>/dev/null || true
done

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
for label in "${labels[@]}"; do
  awk -v l="$label" -v a="${per_cpu[$label]}" -v b="${per_cpu[coil+redis]}" \
    'BEGIN {printf "%s / coil+redis per server CPU-second: %.2fx (load average %s)\n", l, a / b, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'"}'
done
