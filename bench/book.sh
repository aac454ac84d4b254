#!/usr/bin/env bash
# Book benchmark: 100,000 clients x 13 months through ingestion and the Trusted layer (bench/trusted.sh), then the
# book for one month and a 12-month backfill with Spark local[2] and a 3 GB heap, and the plain-SQL formulation
# on the same data for comparison. The job JVM is started as the local runner starts it (jobs jar, fixed heap,
# parallel GC, class-data archive, compilers tuned to the job's length); a first run without any archive is
# reported as the cold one. Prints job times (from the job's start to its publish, Spark's own start-up excluded),
# JVM wall times and peak heap. Usage: bench/book.sh [CLIENTS]; LAKE_BENCH_HOME=DIR LAKE_BENCH_KEEP=1 keeps the
# lake home (for more runs on the same data).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LAKE_BENCH_HOME="${LAKE_BENCH_HOME:-$(mktemp -d /tmp/lake-bench.XXXXXX)}"
[ -n "${LAKE_BENCH_KEEP:-}" ] || trap 'rm -rf "$LAKE_BENCH_HOME"' EXIT
"$ROOT/bench/trusted.sh" "${1:-100000}" | tail -n 3

JAVA="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
OPTS="$(cat "$ROOT/spark-jobs/target/classes/com/podcartoes/lake/layout/spark-jvm-options.txt")"
JAR="$(ls "$ROOT"/spark-jobs/target/spark-jobs-*.jar | grep -vE -- '-(tests|sources|javadoc)\.jar$' | head -n 1)"
CP="$JAR:$(cat "$ROOT/spark-jobs/target/spark-classpath.txt")"
LAKE="file://$LAKE_BENCH_HOME/s3/pod-lake"
# The catalog bench/trusted.sh committed the Trusted tables to (the local profile's: SQLite under the lake home).
CATALOG=(--catalog jdbc --catalog-uri "jdbc:sqlite:$LAKE_BENCH_HOME/catalog/iceberg.db")
ARCHIVE="$LAKE_BENCH_HOME/spark-jobs.jsa"
# The compilers' options the local runner gives a job of each length (one month: short; a backfill: long).
jit() { grep "^$1=" "$ROOT/spark-jobs/target/classes/com/podcartoes/lake/layout/local-jit-options.properties" | cut -d= -f2-; }
run() {
  local name="$1" archive="$2" length="$3"; shift 3
  local start; start=$(date +%s%N)
  # shellcheck disable=SC2086
  "$JAVA" -Xmx3g -Xms3g -XX:+UseParallelGC "$archive" -Xlog:cds=off $OPTS $(jit "$length") \
    -Dspark.master='local[2]' -cp "$CP" "$@" \
    > "$LAKE_BENCH_HOME/run.log" 2>&1 || { tail -n 30 "$LAKE_BENCH_HOME/run.log"; exit 1; }
  echo "$name: JVM wall time $(( ($(date +%s%N) - start) / 1000000 )) ms"
  grep -E '^book|^peak|^plain' "$LAKE_BENCH_HOME/run.log" | sed 's/^/  /'
}
run "one month (202402), cold: no class-data archive" "-Xshare:auto" short \
  com.podcartoes.lake.jobs.book.BookMain --lake "$LAKE" "${CATALOG[@]}" --ref 202402 --run-id bench-cold
echo "(recording the class-data archive, as the local runner does on its first job)"
run "one month (202402), recording the archive" "-XX:ArchiveClassesAtExit=$ARCHIVE" short \
  com.podcartoes.lake.jobs.book.BookMain --lake "$LAKE" "${CATALOG[@]}" --ref 202402 --run-id bench-record > /dev/null
run "one month (202402)" "-XX:SharedArchiveFile=$ARCHIVE" short \
  com.podcartoes.lake.jobs.book.BookMain --lake "$LAKE" "${CATALOG[@]}" --ref 202402 --run-id bench-month
run "12-month backfill (202303..202402)" "-XX:SharedArchiveFile=$ARCHIVE" long \
  com.podcartoes.lake.jobs.book.BookMain --lake "$LAKE" "${CATALOG[@]}" --from 202303 --to 202402 --run-id bench-backfill
run "plain SQL formulation (202402)" "-XX:SharedArchiveFile=$ARCHIVE" long \
  com.podcartoes.lake.jobs.book.PlainSqlBook --lake "$LAKE" "${CATALOG[@]}" --ref 202402

# The yardstick: DuckDB (JDBC 1.4.2.0 from Maven) computing the same month's book straight from the extracts, a
# whole process, against the book stage as a user runs it (the CLI, the local runner's job JVM), a whole process.
(cd "$ROOT" && mvn -B -q -ntp dependency:copy -Dartifact=org.duckdb:duckdb_jdbc:1.4.2.0 \
  -DoutputDirectory="$LAKE_BENCH_HOME" > /dev/null)
start=$(date +%s%N)
"$JAVA" -cp "$LAKE_BENCH_HOME/duckdb_jdbc-1.4.2.0.jar:$JAR" "$ROOT/bench/DuckDbBook.java" \
  "$LAKE_BENCH_HOME/s3/pod-source/ingestion" 202402 "$LAKE_BENCH_HOME/duckdb-book.parquet"
duck=$(( ($(date +%s%N) - start) / 1000000 ))
# The lake home's first job records its class-data archive (once per lake home): the second run is the usual one.
for attempt in first second; do
  start=$(date +%s%N)
  LAKE_HOME="$LAKE_BENCH_HOME" LAKE_DEMO_DATA=false "$ROOT/lake" run processing --stage book --ref 202402 \
    | grep -E "^book +SUCCEEDED" | sed "s/^/  $attempt run: /"
  stage=$(( ($(date +%s%N) - start) / 1000000 ))
done
awk -v s="$stage" -v d="$duck" 'BEGIN { printf "book stage (lake run processing --stage book, second run): %.1f s;" \
  " DuckDB: %.1f s; ratio %.2f (target <= 1.5)\n", s / 1000, d / 1000, s / d }'
