#!/usr/bin/env bash
# Runs the whole-process benchmarks (tests/ImageRoll.Benchmarks) on this machine: builds in Release once, then each
# suite named on the command line (default: all registered suites). Figures are noisy on a shared 2-core machine:
# read them as ratios within one run. Usage: build/bench.sh [SUITE [ARGS...]]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Tasks.sln -c Release -nologo -v q >/dev/null
# registry-push needs the local registry (idempotent; build/services.sh stop ends it).
case " ${*:-${IMAGEROLL_BENCH_SUITES:-rollouts registry-push}} " in *" registry-push "*) build/services.sh start registry >&2 ;; esac
bench=tests/ImageRoll.Benchmarks/bin/Release/net10.0/ImageRoll.Benchmarks.dll
if [ "$#" -gt 0 ]; then
  exec dotnet "$bench" "$@"
fi
for suite in ${IMAGEROLL_BENCH_SUITES:-rollouts registry-push}; do
  echo "== $suite"
  dotnet "$bench" "$suite"
done
