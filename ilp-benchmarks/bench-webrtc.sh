#!/usr/bin/env bash
# WebRTC throughput: one 64 MiB file (random bytes) sent over a WebRTC data channel inside a
# private network namespace (a veth pair on 198.18.0.0/24: libwebrtc ignores loopback, and the
# machine's real interfaces stay out of it), seeder on 198.18.0.1 and leecher on 198.18.0.2,
# through one WebSocket tracker (`ilp-torrent tracker`). Pairs, in the same run:
#   ours-ours: `ilp-torrent seed` -> `ilp-torrent download` (WebRTC only: the magnet's x.pe is
#              removed and a WebSocket tracker names no TCP peer)
#   node-node: node WebTorrent 3 -> node WebTorrent 3 (interop/npm/webtorrent/peer.mjs, WebRTC
#              through @roamhq/wrtc)
# Time = the leecher's own figure from adding the torrent to the verified file (signalling and
# ICE included; process and JVM start-up not). CPU = user+system seconds per MiB: the seeder's
# during the transfer (already running), and the leecher's whole process (start-up included).
# Each output is compared with the source (cmp). Needs root (ip netns) and interop/install.sh.
# The pairs alternate (run 1 of each, then run 2 of each, ...), so a change in the machine's load
# falls on all of them; the medians per pair and ours/node ratios close the output.
#
# Settings: BENCH_RUNS (runs per pair, 3), BENCH_PAIRS ("ours-ours node-node"), BENCH_MIB (64),
# BENCH_TIMEOUT (s per transfer, 300), BENCH_JAR (an ilp-torrent.jar to use instead of building
# one), BENCH_BASE_JAR (another ilp-torrent.jar, say built from an earlier commit: adds the pair
# base-base, its seeder to its leecher, for before/after figures in the same run).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
runs="${BENCH_RUNS:-3}"
pairs="${BENCH_PAIRS:-ours-ours node-node}"
base_jar="${BENCH_BASE_JAR:-}"
if [ -n "$base_jar" ]; then
  [ -f "$base_jar" ] || { echo "BENCH_BASE_JAR: no such file $base_jar" >&2; exit 1; }
  case " $pairs " in *" base-base "*) ;; *) pairs="base-base $pairs" ;; esac
fi
mib="${BENCH_MIB:-64}"
limit="${BENCH_TIMEOUT:-300}"
peer_js="$root/interop/npm/webtorrent/peer.mjs"
[ -d "$root/interop/npm/webtorrent/node_modules/webtorrent" ] || { echo "missing node WebTorrent: run interop/install.sh" >&2; exit 1; }

ns="ilpbench$$"
ip netns add "$ns" || { echo "cannot make a network namespace (needs root and iproute2)" >&2; exit 1; }
work="$(mktemp -d /tmp/ilp-bench-webrtc.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ip netns delete "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ip -n "$ns" link set lo up
ip -n "$ns" link add v0 type veth peer name v1
ip -n "$ns" addr add 198.18.0.1/24 dev v0
ip -n "$ns" addr add 198.18.0.2/24 dev v1
ip -n "$ns" link set v0 up
ip -n "$ns" link set v1 up

if [ -n "${BENCH_JAR:-}" ]; then
  jar="$BENCH_JAR"
else
  ./mvnw -B -q -pl ilp-torrent-cli -am package -DskipTests -Dspotless.check.skip=true >&2
  jar="$root/ilp-torrent-cli/target/ilp-torrent.jar"
fi

mkdir -p "$work/data"
file="$work/data/webrtc-bench.bin"
head -c $((mib << 20)) /dev/urandom > "$file"

await() { # await <log> <regex>: the first match, within 60 s
  for _ in $(seq 600); do
    if grep -qE "$2" "$1"; then grep -oE "$2" "$1" | head -1; return 0; fi
    sleep 0.1
  done
  echo "timed out waiting for /$2/ in $1:" >&2; tail -20 "$1" >&2; return 1
}
cpu() { # user+system seconds of a process so far
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}

ip netns exec "$ns" java -jar "$jar" tracker --host 198.18.0.1 --port 18000 \
  > "$work/tracker.log" 2>&1 &
pids+=($!)
await "$work/tracker.log" 'announce ws://[^ ]+' > /dev/null
tracker=ws://198.18.0.1:18000

echo "# bench-webrtc: $mib MiB over WebRTC in a network namespace; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %5s %9s %8s %14s %14s\n' pair run seconds MiB/s seed-cpu-s/MiB leech-cpu-s/MiB
results="$work/results"
for run in $(seq "$runs"); do
  for pair in $pairs; do
    out="$work/out-$pair-$run"
    mkdir -p "$out"
    log="$work/$pair-$run"
    pair_jar="$jar"
    [ "$pair" = base-base ] && pair_jar="$base_jar"
    case "$pair" in
      ours-ours | base-base)
        # ip netns exec execs java: $! is the JVM's pid
        ip netns exec "$ns" java -jar "$pair_jar" seed "$file" --host 198.18.0.1 --announce "$tracker" \
          > "$log.seed" 2>&1 &
        seeder=$!
        magnet="$(await "$log.seed" '^magnet:[^ ]+' | sed 's/&x\.pe=[^&]*//g')"
        ;;
      node-node)
        ip netns exec "$ns" node "$peer_js" seed "$file" "$tracker" > "$log.seed" 2>&1 &
        seeder=$!
        magnet="$(await "$log.seed" '^magnet magnet:[^ ]+' | cut -d' ' -f2)"
        ;;
      *) echo "unknown pair $pair" >&2; exit 1 ;;
    esac
    pids+=("$seeder")
    sleep 1 # the seeder's first announce
    before="$(cpu "$seeder")"
    case "$pair" in
      ours-ours | base-base)
        /usr/bin/time -f '%U %S' -o "$log.time" timeout "$limit" \
          ip netns exec "$ns" java -jar "$pair_jar" download "$magnet" --host 198.18.0.2 --out "$out" \
          > "$log.leech" 2>&1
        seconds="$(grep -oE 'fetched [0-9]+ bytes in [0-9.]+ s' "$log.leech" | awk '{print $5}')"
        ;;
      node-node)
        /usr/bin/time -f '%U %S' -o "$log.time" timeout "$limit" \
          ip netns exec "$ns" node "$peer_js" leech "$magnet" "$out" > "$log.leech" 2>&1
        seconds="$(awk '/^done /{print $3 / 1000}' "$log.leech")"
        ;;
    esac
    after="$(cpu "$seeder")"
    kill "$seeder" 2>/dev/null || true
    wait "$seeder" 2>/dev/null || true
    cmp -s "$file" "$out/$(basename "$file")" || { echo "$pair: output differs from the source" >&2; exit 1; }
    awk -v p="$pair" -v r="$run" -v s="$seconds" -v m="$mib" -v b="$before" -v a="$after" \
      -v l="$(awk '{print $1 + $2}' "$log.time")" \
      'BEGIN {printf "%-10s %5d %9.2f %8.1f %14.4f %14.4f\n", p, r, s, m / s, (a - b) / m, l / m}' \
      | tee -a "$results"
    rm -rf "$out"
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# medians of $runs runs"
printf '%-10s %9s %8s %14s %14s\n' pair seconds MiB/s seed-cpu-s/MiB leech-cpu-s/MiB
median() { # median <pair> <column> of the results
  awk -v p="$1" -v c="$2" '$1 == p {print $c}' "$results" | sort -g |
    awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
for pair in $pairs; do
  printf '%-10s %9.2f %8.1f %14.4f %14.4f\n' "$pair" "$(median "$pair" 3)" "$(median "$pair" 4)" \
    "$(median "$pair" 5)" "$(median "$pair" 6)"
done
for pair in $pairs; do
  [ "$pair" = node-node ] && continue
  case " $pairs " in *" node-node "*) ;; *) break ;; esac
  awk -v p="$pair" -v r="$(median "$pair" 4)" -v n="$(median node-node 4)" \
    -v s="$(median "$pair" 5)" -v ns="$(median node-node 5)" \
    -v l="$(median "$pair" 6)" -v nl="$(median node-node 6)" \
    'BEGIN {printf "# %s / node-node: %.2fx the MiB/s, %.2fx the seeder CPU per MiB, %.2fx the leecher CPU per MiB\n", p, r / n, s / ns, l / nl}'
done
