#!/usr/bin/env bash
# Makes the application icon's PNG sizes from lake.svg (the one source); the console loads them from this folder's
# copy on its classpath. Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" lake.svg -o "lake-$size.png"
done
