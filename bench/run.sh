#!/usr/bin/env bash
# Runs a benchmark and prints its BENCH lines.
#
#   bench/run.sh whole-path [seconds]   the whole path (issue 18): packaged iris-api and iris-sender
#                                       processes, HTTP triggers, webhook vendor; about 6 minutes
#   bench/run.sh [sender] [jdbc-url]    the sender alone against a MariaDB/MySQL server (default:
#                                       the tests' embedded MariaDB, or IRIS_TEST_DB_URL)
set -euo pipefail
cd "$(dirname "$0")/.."
what=sender
if [[ $# -gt 0 && ( "$1" == whole-path || "$1" == sender ) ]]; then
    what=$1
    shift
fi
if [[ "$what" == whole-path ]]; then
    # Packages the jars (the benchmark runs what ships), then runs only the benchmark.
    mvn -B -q -pl iris-faults -am verify -Denforcer.skip -DskipITs -Dtest=WholePathBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
        -Diris.bench=true -Diris.bench.seconds="${1:-20}" ${IRIS_BENCH_OPTS:-} 2>&1 \
        | grep 'BENCH' || { echo "benchmark failed; see iris-faults/target/surefire-reports and iris-faults/target/fault-suite/bench" >&2; exit 1; }
    exit 0
fi
if [[ $# -gt 0 ]]; then
    export IRIS_TEST_DB_URL="$1"
fi
mvn -B -q -pl iris-sender -am test -Dtest='SenderBenchmark' -Diris.bench=true -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
    | grep 'BENCH' || { echo "benchmark failed; see iris-sender/target/surefire-reports" >&2; exit 1; }
