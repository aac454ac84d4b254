#!/usr/bin/env bash
# Book benchmark: 100,000 clients x 13 months through ingestion and the Trusted layer (bench/trusted.sh), then the
# book for one month and a 12-month backfill with Spark local[2] and a 3 GB heap, and the plain-SQL formulation
# on the same data for comparison. Prints job times and peak heap. Usage: bench/book.sh [CLIENTS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LAKE_BENCH_HOME="${LAKE_BENCH_HOME:-$(mktemp -d /tmp/lake-bench.XXXXXX)}"
trap 'rm -rf "$LAKE_BENCH_HOME"' EXIT
"$ROOT/bench/trusted.sh" "${1:-100000}" | tail -n 3

JAVA="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
OPTS="$(cat "$ROOT/spark-jobs/target/classes/com/podcartoes/lake/layout/spark-jvm-options.txt")"
CP="$ROOT/spark-jobs/target/classes:$(cat "$ROOT/spark-jobs/target/spark-classpath.txt")"
LAKE="file://$LAKE_BENCH_HOME/s3/pod-lake"
run() {
  local name="$1"; shift
  # shellcheck disable=SC2086
  "$JAVA" -Xmx3g $OPTS -Dspark.master='local[2]' -cp "$CP" "$@" > "$LAKE_BENCH_HOME/$name.log" 2>&1 \
    || { tail -n 30 "$LAKE_BENCH_HOME/$name.log"; exit 1; }
  echo "$name:"; grep -E '^book|^peak|^plain' "$LAKE_BENCH_HOME/$name.log" | sed 's/^/  /'
}
run "one month (202402)" com.podcartoes.lake.jobs.book.BookMain --lake "$LAKE" --ref 202402 --run-id bench-month
run "12-month backfill (202303..202402)" com.podcartoes.lake.jobs.book.BookMain --lake "$LAKE" \
  --from 202303 --to 202402 --run-id bench-backfill
run "plain SQL formulation (202402)" com.podcartoes.lake.jobs.book.PlainSqlBook --lake "$LAKE" --ref 202402
