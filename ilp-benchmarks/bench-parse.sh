#!/usr/bin/env bash
# Parse time of a 10,000-file .torrent (goal: under 10 ms): TorrentInfo.parse, ilp-bencode alone,
# and bt-bencoding's BEParser as the baseline. Builds the benchmarks jar first.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ilp-benchmarks -am package -DskipTests -Dspotless.check.skip=true
java -jar ilp-benchmarks/target/benchmarks.jar ParseTorrentBench "$@"
