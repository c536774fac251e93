#!/usr/bin/env bash
# aria2_leech.sh <torrent|magnet> <out-dir> <port> <tracker-url> [host]: aria2c downloads into
# <out-dir> on <host> (127.0.0.1), finding peers only through <tracker-url> (HTTP; aria2 refuses
# udp:// trackers while DHT is off), and exits 0 once the download is complete and verified
# (--seed-time=0). Bounded by ARIA2_TIMEOUT s (600): exit 124 then.
set -euo pipefail
source="$1" dir="$2" port="$3" tracker="$4" host="${5:-127.0.0.1}"
exec timeout -s TERM "${ARIA2_TIMEOUT:-600}" aria2c \
  --enable-dht=false --enable-dht6=false --bt-enable-lpd=false --enable-peer-exchange=false \
  --disable-ipv6=true --interface="$host" --listen-port="$port" \
  --dir="$dir" --bt-tracker="$tracker" --seed-time=0 --file-allocation=none \
  --summary-interval=1 --console-log-level=warn --bt-max-peers=0 --bt-request-peer-speed-limit=1000M \
  --bt-save-metadata=false --auto-save-interval=0 --no-conf=true "$source"
