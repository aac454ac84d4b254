#!/usr/bin/env bash
# Trusted benchmark: 100,000 clients x 13 months (about 1.3 M invoices and 0.9 M payments) generated and ingested
# into a fresh local lake, then both Trusted jobs run with Spark local[2]; prints job time and rows/s per job.
# Usage: bench/trusted.sh [CLIENTS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLIENTS="${1:-100000}"
export LAKE_HOME="${LAKE_BENCH_HOME:-$(mktemp -d /tmp/lake-bench.XXXXXX)}"
export LAKE_DEMO_DATA=false
trap '[ -n "${LAKE_BENCH_HOME:-}" ] || rm -rf "$LAKE_HOME"' EXIT
echo "lake home: $LAKE_HOME"

"$ROOT/lake" demo-data --clients "$CLIENTS" --months 13 | tail -n 1
"$ROOT/lake" run ingestion | grep -E "^load"
[ -f "$ROOT/spark-jobs/target/spark-classpath.txt" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)

JAVA="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
OPTS="$(cat "$ROOT/spark-jobs/target/classes/com/podcartoes/lake/layout/spark-jvm-options.txt")"
CP="$ROOT/spark-jobs/target/classes:$(cat "$ROOT/spark-jobs/target/spark-classpath.txt")"
# The processing flow's step: both tables concurrently in one Spark application. Job time is what the job measures
# from its start to its last publish (Spark's own start-up excluded); the JVM wall time includes it.
mkdir -p "$LAKE_HOME/catalog"
# The compilers' options the local runner gives a long job (the Trusted layer).
JIT="$(grep '^long=' "$ROOT/spark-jobs/target/classes/com/podcartoes/lake/layout/local-jit-options.properties" | cut -d= -f2-)"
start=$(date +%s%N)
# shellcheck disable=SC2086
"$JAVA" -Xmx3g $OPTS $JIT -Dspark.master='local[2]' -cp "$CP" com.podcartoes.lake.jobs.trusted.TrustedLayerJob \
  --lake "file://$LAKE_HOME/s3/pod-lake" --catalog jdbc --catalog-uri "jdbc:sqlite:$LAKE_HOME/catalog/iceberg.db" \
  --run-id bench > "$LAKE_HOME/trusted.log" 2>&1 \
  || { cat "$LAKE_HOME/trusted.log"; exit 1; }
wall=$(( ($(date +%s%N) - start) / 1000000 ))
grep -E '^tb_00|^phases' "$LAKE_HOME/trusted.log"
grep -E '^tb_00' "$LAKE_HOME/trusted.log" | sed -E 's/^(tb_[0-9a-z_]+): .* ([0-9,]+) rows read.* in ([0-9.]+) s/\1 \2 \3/' | tr -d , | \
  awk '{ printf "%s: %.0f rows/s of job time\n", $1, $2 / $3; if ($3 > max) max = $3 }
       END { printf "both tables: %.1f s of job time (concurrent), JVM wall time %.1f s\n", max, '"$wall"' / 1000 }'
