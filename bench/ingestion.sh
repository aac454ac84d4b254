#!/usr/bin/env bash
# Ingestion benchmark: about 1 GB of generated extracts (1,000,000 clients x 13 months by default), then extract
# and load on the embedded lake with a 256 MB heap; prints MB/s per stage and the peak heap.
# Usage: bench/ingestion.sh [CLIENTS]   (the S3 server runs in its own JVM, as another process would use it)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLIENTS="${1:-1000000}"
export LAKE_HOME="${LAKE_BENCH_HOME:-$(mktemp -d /tmp/lake-bench.XXXXXX)}"
export LAKE_DEMO_DATA=false
echo "lake home: $LAKE_HOME"

"$ROOT/lake" --version >/dev/null   # builds if needed
"$ROOT/lake" serve > "$LAKE_HOME/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; [ -n "${LAKE_BENCH_HOME:-}" ] || rm -rf "$LAKE_HOME"' EXIT
for _ in $(seq 1 100); do grep -q Serving "$LAKE_HOME/serve.log" 2>/dev/null && break; sleep 0.2; done

start=$(date +%s%N)
"$ROOT/lake" demo-data --clients "$CLIENTS" --months 13 | tail -n 1
echo "generation took $(( ($(date +%s%N) - start) / 1000000 )) ms"

JAVA="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
"$JAVA" -Xmx256m -cp "$ROOT/pipeline-core/target/classes:$(cat "$ROOT/pipeline-core/target/runtime-classpath.txt")" \
  com.podcartoes.lake.bench.IngestionBenchmark
