#!/usr/bin/env bash
# Torrent creation throughput on a 1 GiB page-cached file: ilp-create-torrent against
# cores x single-thread SHA-1 (openssl speed -evp sha1, 16 KiB blocks) and mktorrent -t <cores>.
# Goal: at least 90% of cores x openssl, and faster than mktorrent.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v mktorrent >/dev/null || { apt-get update -qq && apt-get install -y -qq mktorrent >/dev/null; }
./mvnw -B -q -pl ilp-benchmarks -am package -DskipTests -Dspotless.check.skip=true

file="${BENCH_FILE:-/tmp/ilp-bench-1g.bin}"
cores="$(nproc)"
piece=$((1 << 20))
[ -f "$file" ] || head -c $((1 << 30)) /dev/urandom > "$file"
cat "$file" > /dev/null  # page cache

sha1=$(openssl speed -evp sha1 -bytes 16384 -seconds 3 2>/dev/null | awk '/^sha1/ {print $NF}' | tr -d k)
echo "openssl sha1 single thread, 16 KiB blocks: ${sha1} kB/s"
echo "cores: $cores -> ceiling $(awk -v s="$sha1" -v c="$cores" 'BEGIN {printf "%.0f", s*c/1000}') MB/s"

best=""
for run in 1 2 3; do
  rm -f /tmp/ilp-bench.torrent
  start=$(date +%s.%N)
  mktorrent -q -l 20 -t "$cores" -a http://127.0.0.1:1/announce -o /tmp/ilp-bench.torrent "$file" >/dev/null 2>&1 ||
    mktorrent -l 20 -t "$cores" -a http://127.0.0.1:1/announce -o /tmp/ilp-bench.torrent "$file" >/dev/null
  end=$(date +%s.%N)
  mb=$(awk -v s="$start" -v e="$end" -v b=$((1 << 30)) 'BEGIN {printf "%.0f", b/(e-s)/1e6}')
  echo "mktorrent -t $cores run $run: $mb MB/s"
done

java -cp ilp-benchmarks/target/benchmarks.jar org.ilptorrent.benchmarks.CreateTorrentBench "$file" "$piece" 3
