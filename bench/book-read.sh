#!/usr/bin/env bash
# One client's book row, read without Spark (BookReader, as the console and 'lake book export --client' read it):
# ten reads of random clients in one JVM, the first one cold, on a lake bench/book.sh left
# (LAKE_BENCH_HOME=DIR LAKE_BENCH_KEEP=1 bench/book.sh), then one whole 'lake book export --client' process.
# Usage: LAKE_HOME=DIR bench/book-read.sh [READS] [CLIENTS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${LAKE_HOME:?set LAKE_HOME to a lake bench/book.sh left}"
export LAKE_HOME LAKE_DEMO_DATA=false
"$ROOT/lake" --version >/dev/null   # builds if needed
JAVA="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
reads="$("$JAVA" -cp "$ROOT/pipeline-core/target/classes:$(cat "$ROOT/pipeline-core/target/runtime-classpath.txt")" \
  com.podcartoes.lake.bench.BookReadBenchmark "${1:-10}" "${2:-100000}" 2>/dev/null)"
echo "$reads"
ref="$(echo "$reads" | sed -n 's/.* of \([0-9]*\),.*/\1/p' | head -n 1)"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
start=$(date +%s%N)
"$ROOT/lake" book export --ref "$ref" --client 54321 --out "$out" | sed 's/^/lake book export: /'
echo "lake book export --client, whole process: $(( ($(date +%s%N) - start) / 1000000 )) ms"
