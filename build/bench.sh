#!/usr/bin/env bash
# Runs the whole-process benchmarks (tests/ImageRoll.Benchmarks) on this machine: builds in Release once, then each
# suite named on the command line (default: all registered suites). Figures are noisy on a shared 2-core machine:
# read them as ratios within one run. Usage: build/bench.sh [SUITE [ARGS...]]
#   rollouts        report delay and API requests vs kubectl rollout status (docs/rollouts.md)
#   registry-push   push speed and memory vs skopeo (docs/registry.md)
#   kubeclients     ImageRoll's Kubernetes client vs KubernetesClient 21.0.8 (docs/architecture.md, Dependencies)
#   kubectl         kubectl rollout status --watch=false vs kubectl get against the simulator (docs/simulator.md)
set -euo pipefail
cd "$(dirname "$0")/.."
default_suites="rollouts registry-push kubeclients kubectl"
suites="${*:-${IMAGEROLL_BENCH_SUITES:-$default_suites}}"

# What each suite needs besides the Release build (each step idempotent).
prepare() { # prepare SUITE
  case "$1" in
    registry-push) build/services.sh start registry >&2 ;; # build/services.sh stop ends it
    kubeclients)   # whole-process CPU, wall and peak memory come from GNU time
      if [ ! -x /usr/bin/time ]; then
        mkdir -p /tmp/aptcache/partial
        DEBIAN_FRONTEND=noninteractive apt-get -o Dir::Cache::archives=/tmp/aptcache install -y -qq time >/dev/null
      fi ;;
  esac
}

dotnet build Tasks.sln -c Release -nologo -v q >/dev/null
bench=tests/ImageRoll.Benchmarks/bin/Release/net10.0/ImageRoll.Benchmarks.dll
if [ "$#" -gt 0 ]; then
  prepare "$1"
  exec dotnet "$bench" "$@"
fi
for suite in $suites; do
  prepare "$suite"
  echo "== $suite"
  dotnet "$bench" "$suite"
done
