# shellcheck shell=bash
# What bench-verifier.sh and bench-verifier-redis.sh share (sourced from the repository root, not
# run). Sourcing it prepares the run: installs redis-server and the npm verifier if missing, builds
# the jars (unless BENCH_NO_BUILD is set), reads the BENCH_* settings into seconds, concurrency,
# warmup, warmup_rounds and warmup_min_rounds (BENCH_WARMUP_MIN_ROUNDS, default 2), makes the
# work folder with a receipt seed, and on exit stops every pid in pids and removes the folder.
# Then it defines the load generator, per-server CPU, a measured window and the warm-up rounds.
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
[ -d interop/npm/receipt-verifier/node_modules ] || (cd interop/npm/receipt-verifier && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
# BENCH_NO_BUILD=1 skips the build (jars already packaged from these sources).
[ -n "${BENCH_NO_BUILD:-}" ] || ./mvnw -B -q -pl ilp-benchmarks,ilp-torrent-cli -am package -DskipTests -Dspotless.check.skip=true

seconds="${BENCH_SECONDS:-10}"
concurrency="${BENCH_CONCURRENCY:-64}"
warmup="${BENCH_WARMUP:-10}"
warmup_rounds="${BENCH_WARMUP_ROUNDS:-8}"
# At least this many warm-up rounds (on a loaded machine two early rounds can agree by chance).
warmup_min_rounds="${BENCH_WARMUP_MIN_ROUNDS:-2}"
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
# Jiffies "busy total" of the whole machine so far (/proc/stat): busy is everything but idle and
# iowait, so the share of all cores a window used is (busy after - before) / (total after - before).
machine() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit}' /proc/stat; }
# busy BEFORE AFTER: prints "NN% of N cores" for the window between two machine readings.
busy() {
  awk -v b="$1" -v a="$2" -v n="$(nproc)" 'BEGIN {
    split(b, x, " "); split(a, y, " ")
    printf "%.0f%% of %d cores", 100 * (y[1] - x[1]) / (y[2] - x[2]), n
  }'
}
# measure LABEL "PORTS" BENCH-ARGS...: prints the bench line, then the servers' CPU in the window,
# ops per server CPU-second and how busy the whole machine was; keeps ops per server CPU-second in
# per_cpu[LABEL] and ops/s in per_s[LABEL].
declare -A per_cpu per_s
measure() {
  local label="$1"; shift
  local ports="$1"; shift
  local before after out machine_before machine_after
  before=$(cpu $ports)
  machine_before=$(machine)
  out=$(bench "$label" "$@")
  machine_after=$(machine)
  after=$(cpu $ports)
  echo "$out"
  echo "$label: machine busy $(busy "$machine_before" "$machine_after") (load generator included)"
  per_s[$label]=$(echo "$out" | grep -o '[0-9]* ops/s' | tr -dc 0-9)
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
    if [ "$round" -ge "$warmup_min_rounds" ] && [ "$round" -ge 2 ] && awk -v a="${current:-0}" -v b="$previous" \
      'BEGIN {exit !(b > 0 && a > 0.9 * b && a < 1.1 * b)}'; then
      return
    fi
    previous="${current:-0}"
  done
}
await() { for _ in $(seq 600); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.1; done; echo "port $1 did not open" >&2; exit 1; }

