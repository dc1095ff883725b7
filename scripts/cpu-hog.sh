#!/usr/bin/env bash
# Keeps one CPU core busy (a shell busy loop at 100 %) until it is stopped, to check that the
# suite passes on a loaded machine — CI's `.ci/run` must pass with another core busy:
#
#   scripts/cpu-hog.sh & HOG=$!; .ci/run; kill $HOG
#
# With a number of seconds it stops by itself: `scripts/cpu-hog.sh 1800 &`.
# Run it once per core to load more than one (on a 2-core machine, once leaves one core for CI).
set -euo pipefail
seconds="${1:-0}"
if [ "$seconds" -gt 0 ]; then
  exec timeout "$seconds" sh -c 'while :; do :; done'
fi
exec sh -c 'while :; do :; done'
