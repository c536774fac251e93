#!/usr/bin/env bash
# aria2_seed.sh <torrent> <data-dir> <port> [host] [tracker-url]: aria2c checks the data in
# <data-dir> and seeds it on <host> (127.0.0.1) until killed (at most ARIA2_TIMEOUT s, 600).
# aria2 accepts incoming peers; it only dials peers a tracker gives it, so pass tracker-url (e.g. a
# static_tracker.py) when it must connect out. DHT, LPD and PEX stay off: loopback only.
# ARIA2_SEED_UNVERIFIED=true skips the hash check (benchmarks: the data is known good).
set -euo pipefail
torrent="$1" dir="$2" port="$3" host="${4:-127.0.0.1}" tracker="${5:-}"
unverified="${ARIA2_SEED_UNVERIFIED:-false}"
check=true; [ "$unverified" = true ] && check=false
args=()
[ -n "$tracker" ] && args+=("--bt-tracker=$tracker")
exec timeout -s TERM "${ARIA2_TIMEOUT:-600}" aria2c \
  --enable-dht=false --enable-dht6=false --bt-enable-lpd=false --enable-peer-exchange=false \
  --disable-ipv6=true --interface="$host" --listen-port="$port" \
  --dir="$dir" --check-integrity="$check" --bt-seed-unverified="$unverified" --seed-ratio=0.0 \
  --bt-hash-check-seed=true --file-allocation=none --summary-interval=1 --console-log-level=warn \
  --bt-max-peers=0 --bt-request-peer-speed-limit=1000M --max-upload-limit=0 \
  --auto-save-interval=0 --no-conf=true "${args[@]}" "$torrent"
