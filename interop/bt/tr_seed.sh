#!/usr/bin/env bash
# tr_seed.sh <torrent> <data-dir> <port> [host]: transmission-cli 3.00 verifies the data in
# <data-dir> and seeds it on <host> (127.0.0.1) until killed (at most TR_TIMEOUT s, 600).
# DHT, LPD, PEX, uTP and port forwarding are off through a settings.json in a fresh config dir.
# On loopback transmission never dials peers, it only accepts them: the other side must connect.
# TR_ENCRYPTION=required makes it require Message Stream Encryption (-er: plaintext peers are
# refused, RC4 only); the default tolerates both (-et). With an empty <data-dir> it downloads from
# the peers that connect to it and prints "Seeding" once complete.
set -euo pipefail
torrent="$1" dir="$2" port="$3" host="${4:-127.0.0.1}"
case "${TR_ENCRYPTION:-tolerated}" in
  tolerated) encryption=0 flag=-et ;;
  required) encryption=2 flag=-er ;;
  *) echo "TR_ENCRYPTION must be tolerated or required" >&2; exit 2 ;;
esac
config="$(mktemp -d /tmp/tr-config.XXXXXX)"
cat > "$config/settings.json" <<JSON
{
  "dht-enabled": false, "lpd-enabled": false, "pex-enabled": false, "utp-enabled": false,
  "port-forwarding-enabled": false, "peer-port": $port, "peer-port-random-on-start": false,
  "bind-address-ipv4": "$host", "bind-address-ipv6": "::1", "rpc-enabled": false,
  "download-dir": "$dir", "incomplete-dir-enabled": false, "encryption": $encryption, "speed-limit-up-enabled": false, "speed-limit-down-enabled": false,
  "ratio-limit-enabled": false, "idle-seeding-limit-enabled": false, "message-level": 1
}
JSON
# Not exec: the trap must remove the config dir when transmission ends.
timeout -s TERM "${TR_TIMEOUT:-600}" transmission-cli -g "$config" -w "$dir" -p "$port" "$flag" -U -D -M "$torrent" &
child=$!
# set -e would end the handler at the first failing command: every step is "|| true".
cleanup() { kill "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; rm -rf "$config" || true; }
trap cleanup EXIT
trap 'exit 143' TERM INT
wait "$child"
