#!/usr/bin/env bash
# Time to pay 1,000,000 units in 1,000-unit packets with receipts on: Java sender to Java wallet,
# then the JS sender (ilp-protocol-stream) to the JS receiver when that pair completes here.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ilp-benchmarks -am package -DskipTests -Dspotless.check.skip=true
java -cp ilp-benchmarks/target/benchmarks.jar org.ilptorrent.benchmarks.StreamPaymentsBench 3
