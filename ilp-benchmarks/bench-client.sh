#!/usr/bin/env bash
# Client throughput: one 1 GiB file (random bytes in /tmp, page-cached, 1 MiB pieces, made by
# mktorrent) sent over loopback from one seeder process to one leecher process, seeder on
# 127.0.0.2 and leecher on 127.0.0.3. Pairs: libtorrent -> libtorrent and aria2 -> aria2 (the
# baselines, interop/bt/), then ours (`ilp-torrent seed` / `ilp-torrent download`) when the CLI has
# those commands: ours -> ours (leecher JVM at -Xmx128m), libtorrent -> ours, ours -> libtorrent.
# Time = wall time of the leecher process, from its start to its exit with the file complete and
# verified (process start-up included; the seeder is already seeding); MiB/s = size / time.
# Each leecher's output is compared with the source (cmp) outside the timed window.
#
# Settings: BENCH_RUNS (runs per pair, 1), BENCH_PAIRS (space-separated subset of
# "lt-lt aria2-aria2 ours-ours lt-ours ours-lt"), BENCH_FILE (/tmp/ilp-bench-1g.bin),
# BENCH_TIMEOUT (s per transfer, 300), BENCH_WORK (folder for data and output, /dev/shm when it
# has 3 GiB free, else /tmp). A BENCH_FILE that exists is used as it is (any size).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
bt="$root/interop/bt"
py=/usr/bin/python3
runs="${BENCH_RUNS:-1}"
limit="${BENCH_TIMEOUT:-300}"
file="${BENCH_FILE:-/tmp/ilp-bench-1g.bin}"
pairs="${BENCH_PAIRS:-lt-lt aria2-aria2 ours-ours lt-ours ours-lt}"
seed_host=127.0.0.2
leech_host=127.0.0.3

for tool in aria2c mktorrent; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run interop/install.sh" >&2; exit 1; }
done
$py -c 'import libtorrent' 2>/dev/null || { echo "missing python3-libtorrent: run interop/install.sh" >&2; exit 1; }

# Seeders' data and leechers' output on tmpfs when there is one: 1 GiB written per run would
# otherwise be flushed to disk during the next pairs and slow whichever runs then.
base="${BENCH_WORK:-/dev/shm}"
[ -d "$base" ] && [ "$(df -k --output=avail "$base" | tail -1)" -gt $((3 << 20)) ] || base=/tmp
work="$(mktemp -d "$base/ilp-bench-client.XXXXXX")"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -f "$file" ] || head -c $((1 << 30)) /dev/urandom > "$file"
mib=$(awk -v b="$(stat -c %s "$file")" 'BEGIN {print b / 1048576}')
cat "$file" > /dev/null  # page cache
name="$(basename "$file")"
mkdir -p "$work/data"
ln "$file" "$work/data/$name" 2>/dev/null || cp "$file" "$work/data/$name"
tracker_port=17490
torrent="$work/bench.torrent"
mktorrent -l 20 -a "http://127.0.0.1:$tracker_port/announce" -o "$torrent" "$work/data/$name" > /dev/null

ours=false
if [[ " $pairs " == *" ours"* || " $pairs " == *"-ours "* ]]; then
  ./mvnw -B -q -pl ilp-torrent-cli -am package -DskipTests -Dspotless.check.skip=true
  jar="$root/ilp-torrent-cli/target/ilp-torrent.jar"
  if java -jar "$jar" download --help > /dev/null 2>&1; then ours=true; else
    echo "ilp-torrent has no download command yet: skipping the pairs with ours" >&2
  fi
fi

await_port() { # host port
  for _ in $(seq 300); do (echo > "/dev/tcp/$1/$2") 2>/dev/null && return; sleep 0.1; done
  echo "$1:$2 did not open" >&2; return 1
}
await_line() { # file pattern
  for _ in $(seq 600); do grep -q "$2" "$1" 2>/dev/null && return; sleep 0.1; done
  echo "no '$2' in $1:" >&2; tail -5 "$1" >&2; return 1
}

# Seeders: start in the background on $seed_host:$1, return once seeding; pid in $seeder.
seed_lt() {
  $py "$bt/lt_seed.py" "$torrent" "$work/data" "$1" --host "$seed_host" --seed-mode --timeout "$limit" \
    --interval 5 > "$work/seed.log" 2>&1 &
  seeder=$!; pids+=("$seeder"); await_line "$work/seed.log" '^seeding'
}
seed_aria2() {
  ARIA2_SEED_UNVERIFIED=true ARIA2_TIMEOUT="$limit" "$bt/aria2_seed.sh" "$torrent" "$work/data" "$1" \
    "$seed_host" "http://127.0.0.1:$tracker_port/announce" > "$work/seed.log" 2>&1 &
  seeder=$!; pids+=("$seeder"); await_port "$seed_host" "$1"
}
seed_ours() {
  java -Xmx512m -jar "$jar" seed "$torrent" --out "$work/data" --host "$seed_host" --port "$1" \
    > "$work/seed.log" 2>&1 &
  seeder=$!; pids+=("$seeder"); await_line "$work/seed.log" '^magnet:'
  await_port "$seed_host" "$1"
}
# Leechers: run in the foreground into $work/out, exit 0 when complete.
leech_lt() {
  $py "$bt/lt_leech.py" "$torrent" "$work/out" "$2" "$seed_host:$1" --host "$leech_host" \
    --timeout "$limit" --interval 5 > "$work/leech.log" 2>&1
}
leech_aria2() {
  ARIA2_TIMEOUT="$limit" "$bt/aria2_leech.sh" "$torrent" "$work/out" "$2" \
    "http://127.0.0.1:$tracker_port/announce" "$leech_host" > "$work/leech.log" 2>&1
}
leech_ours() {
  timeout "$limit" java -Xmx128m -jar "$jar" download "$torrent" --out "$work/out" --host "$leech_host" \
    --port "$2" --peer "$seed_host:$1" > "$work/leech.log" 2>&1
}

$py "$bt/static_tracker.py" "$tracker_port" --timeout 3600 > "$work/tracker.log" 2>&1 &
pids+=("$!")
await_line "$work/tracker.log" '^tracker'

results="$work/results"
: > "$results"
port=17500
for pair in $pairs; do
  from="${pair%-*}" to="${pair#*-}"
  if [[ "$from" == ours || "$to" == ours ]] && [ "$ours" != true ]; then continue; fi
  for run in $(seq "$runs"); do
    port=$((port + 2))
    rm -rf "$work/out"; mkdir -p "$work/out"
    "seed_$from" "$port"
    start=$(date +%s.%N)
    if ! "leech_$to" "$port" $((port + 1)); then
      echo "$pair run $run: the leecher failed" >&2; tail -5 "$work/leech.log" >&2; exit 1
    fi
    end=$(date +%s.%N)
    kill "$seeder" 2>/dev/null || true; wait "$seeder" 2>/dev/null || true
    cmp "$file" "$work/out/$name" || { echo "$pair run $run: output differs" >&2; exit 1; }
    line=$(awk -v p="$pair" -v r="$run" -v s="$start" -v e="$end" -v m="$mib" \
      'BEGIN {printf "%-12s run %d: %6.2f s %7.1f MiB/s", p, r, e - s, m / (e - s)}')
    echo "$line" | tee -a "$results"
  done
done
rm -rf "$work/out"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
