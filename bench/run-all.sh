#!/usr/bin/env bash
# End-to-end benchmark: 'lake run all' (ingestion, then Trusted layer and book with the local backend) on the
# default demo data (10,000 clients x 13 months), from an empty lake to the book. Prints the wall time and the time
# of each stage. The first job JVM of a lake home records the class-data archive, as on a user's first run; pass
# --warm to run once before measuring. Usage: bench/run-all.sh [--warm]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LAKE_HOME="$(mktemp -d /tmp/lake-runall.XXXXXX)"
trap 'rm -rf "$LAKE_HOME"' EXIT
"$ROOT/lake" ls > /dev/null 2>&1 # builds if needed, then the first start generates the demo data
if [ "${1:-}" = "--warm" ]; then
  "$ROOT/lake" run all > /dev/null
  rm -rf "$LAKE_HOME/s3/pod-lake" "$LAKE_HOME/staging" "$LAKE_HOME/catalog"  # an empty lake again; the archive stays
fi
start=$(date +%s%N)
"$ROOT/lake" run all > "$LAKE_HOME/run-all.log" 2>&1 || { cat "$LAKE_HOME/run-all.log"; exit 1; }
wall=$(( ($(date +%s%N) - start) / 1000000 ))
grep -E "SUCCEEDED|FAILED" "$LAKE_HOME/run-all.log" | sed -E 's/: .*//'
awk -v ms="$wall" 'BEGIN { printf "lake run all: %.1f s wall time (demo data 10,000 clients x 13 months, empty lake to book)\n", ms / 1000 }'
