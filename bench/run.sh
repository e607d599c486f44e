#!/usr/bin/env bash
# Runs the sender benchmark against a MariaDB/MySQL server and prints the BENCH lines.
# Usage: bench/run.sh [jdbc-url-of-server]   (default: the local server, root without password)
# Without a URL argument and without IRIS_TEST_DB_URL it uses the embedded MariaDB of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -gt 0 ]]; then
    export IRIS_TEST_DB_URL="$1"
fi
mvn -B -q -pl iris-sender -am test -Dtest='SenderBenchmark' -Diris.bench=true -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
    | grep 'BENCH' || { echo "benchmark failed; see iris-sender/target/surefire-reports" >&2; exit 1; }
