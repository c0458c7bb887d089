#!/usr/bin/env bash
# Runs the whole-process benchmarks (tests/ImageRoll.Benchmarks) on this machine: builds in Release once, then each
# suite named on the command line (default: all registered suites). Figures are noisy on a shared 2-core machine:
# read them as ratios within one run. Usage: build/bench.sh [SUITE [ARGS...]]
#   rollouts        report delay and API requests vs kubectl rollout status (docs/rollouts.md)
#   registry-push   push speed and memory vs skopeo (docs/registry.md)
#   kubeclients     ImageRoll's Kubernetes client vs KubernetesClient 21.0.8 (docs/architecture.md, Dependencies)
#   kubectl         kubectl rollout status --watch=false vs kubectl get against the simulator (docs/simulator.md)
#   release-overhead  `dotnet publish -t:PublishContainer` alone vs with -p:ImageRollEnabled=true (docs/msbuild.md)
#   startup         imageroll --version / status vs kubectl: portable tool and native AOT binary (docs/architecture.md,
#                   Start-up); `build/bench.sh startup [RUNS] [--before OLD/imageroll.dll]` adds an earlier build
set -euo pipefail
cd "$(dirname "$0")/.."
default_suites="rollouts registry-push kubeclients kubectl release-overhead startup"
suites="${*:-${IMAGEROLL_BENCH_SUITES:-$default_suites}}"

# What each suite needs besides the Release build (each step idempotent).
prepare() { # prepare SUITE
  case "$1" in
    registry-push) build/services.sh start registry >&2 ;; # build/services.sh stop ends it
    kubeclients|startup)   # whole-process CPU, wall and peak memory come from GNU time
      if [ "$1" = startup ]; then native=$(build/native.sh --install); fi # the native tool as users install it
      if [ "$1" = kubeclients ]; then
        # The probes are not in Tasks.sln: built through the benchmarks' reference they get Debug, not Release.
        for probe in OwnClientProbe KubernetesClientProbe; do
          dotnet build "tests/ImageRoll.Benchmarks/Probes/$probe/$probe.csproj" -c Release -nologo -v q >/dev/null
        done
      fi
      if [ ! -x /usr/bin/time ]; then
        mkdir -p /tmp/aptcache/partial
        DEBIAN_FRONTEND=noninteractive apt-get -o Dir::Cache::archives=/tmp/aptcache install -y -qq time >/dev/null
      fi ;;
  esac
}

# ---------------------------------------------------------------- release-overhead (the MSBuild face)
# What ImageRollEnabled=true adds to a publish: a copy of samples/HelloWeb referencing the packed ImageRoll.Tasks is
# published to the real registry with PublishContainer, alone (A) and with the release (B: patch a one-replica
# Deployment of the simulated cluster, whose kubelet stand-in reports ready at once), A and B in turn, RUNS pairs after
# one warm-up each (incremental builds: the compile is not in the figures). Whole-process wall seconds; medians of A,
# of B, of B-A and of B/A pair by pair, for wall and for CPU seconds (user+system, GNU time: less sensitive than
# wall time to a busy machine). RUNS: IMAGEROLL_BENCH_RUNS (default 5).
release_overhead() {
  local runs=${IMAGEROLL_BENCH_RUNS:-5} tmp version registry base sim=""
  tmp=$(mktemp -d /tmp/imageroll-bench-msbuild.XXXXXX)
  trap 'if [ -n "$sim" ]; then kill "$sim" 2>/dev/null; wait "$sim" 2>/dev/null; fi; rm -rf "$tmp"; rm -f nuget/packages/ImageRoll.Tasks."$version".nupkg' RETURN
  registry=$(sed -n 's/^REGISTRY=//p' .services/env)
  base=$(build/base-images.sh "$registry" | sed -n 's/^BASE_DOTNET=//p')
  version="0.1.0-bench.$(date +%s).$$"
  build/pack.sh --version "$version" --no-build --only tasks >/dev/null 2>&1
  mkdir -p "$tmp/app" "$tmp/nuget"
  cp samples/HelloWeb/*.cs "$tmp/app/"
  sed "s#</Project>#  <ItemGroup>\n    <PackageReference Include=\"ImageRoll.Tasks\" Version=\"$version\" />\n    <ImageRollWorkload Include=\"\$(BenchWorkloads)\" />\n  </ItemGroup>\n</Project>#" \
    samples/HelloWeb/HelloWeb.csproj > "$tmp/app/HelloWeb.csproj"
  printf '<configuration><packageSources><clear /><add key="local" value="%s" /></packageSources></configuration>\n' "$PWD/nuget/packages" > "$tmp/app/NuGet.config"
  export NUGET_PACKAGES="$tmp/nuget" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
  export DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry"
  dotnet tests/ImageRoll.ClusterSimulator/bin/Release/net10.0/ImageRoll.ClusterSimulator.dll --port 0 \
    --kubeconfig-out "$tmp/kubeconfig" --readiness-delay 0s >"$tmp/simulator.log" 2>&1 &
  sim=$!
  for _ in $(seq 100); do [ -s "$tmp/kubeconfig" ] && break; sleep 0.1; done
  [ -s "$tmp/kubeconfig" ] || { echo "release-overhead: the simulator did not start" >&2; cat "$tmp/simulator.log" >&2; return 1; }
  kubectl apply --kubeconfig "$tmp/kubeconfig" --cache-dir "$tmp/kubectl" -f - >/dev/null <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: bench}
spec:
  replicas: 1
  selector: {matchLabels: {app: bench}}
  template:
    metadata: {labels: {app: bench}}
    spec: {containers: [{name: web, image: "$base"}]}
YAML
  (cd "$tmp/app" && dotnet restore -nologo -v q >/dev/null)
  local common=(publish "$tmp/app/HelloWeb.csproj" -c Release -t:PublishContainer -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false
    "-p:ContainerRegistry=$registry" -p:ContainerRepository=bench/helloweb "-p:ContainerBaseImage=$base")
  local release=(-p:ImageRollEnabled=true "-p:ImageRollKubeconfig=$tmp/kubeconfig" -p:BenchWorkloads=deployment/bench
    "-p:ImageRollInsecureRegistries=$registry" -p:ImageRollTimeout=2m)
  run() { # run A|B N: prints "WALL_MS CPU_S" of one whole dotnet publish (CPU: user+system of it and its children)
    local start end extra=()
    [ "$1" = B ] && extra=("${release[@]}")
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$tmp/$1-$2.time" dotnet "${common[@]}" "-p:ContainerImageTag=$1-$2" "${extra[@]}" >"$tmp/$1-$2.log" 2>&1 \
      || { echo "release-overhead: publish $1 $2 failed:" >&2; cat "$tmp/$1-$2.log" >&2; return 1; }
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000000 )) $(awk '{print $1 + $2}' "$tmp/$1-$2.time")"
  }
  run A warm >/dev/null; run B warm >/dev/null
  local a=() b=() i
  for i in $(seq "$runs"); do a+=("$(run A "$i")"); b+=("$(run B "$i")"); done
  python3 - "${a[@]}" -- "${b[@]}" <<'PY'
import statistics, sys
args = sys.argv[1:]; cut = args.index("--")
def parse(xs): return [(int(w) / 1000, float(c)) for w, c in (x.split() for x in xs)]
a, b = parse(args[:cut]), parse(args[cut + 1:])
med = statistics.median
for k, name in ((0, "wall"), (1, "cpu ")):
    A = [x[k] for x in a]; B = [x[k] for x in b]
    print(f"{name} dotnet publish -t:PublishContainer           A  median {med(A):6.2f} s   (min {min(A):.2f}, max {max(A):.2f})")
    print(f"{name}   ... with -p:ImageRollEnabled=true (patch)  B  median {med(B):6.2f} s   (min {min(B):.2f}, max {max(B):.2f})")
    print(f"{name} release overhead B-A (pairwise median)      {med([y - x for x, y in zip(A, B)]):+6.2f} s   (goal: wall < 0.5 s)")
    print(f"{name} ratio B/A (pairwise median)                 {med([y / x for x, y in zip(A, B)]):6.2f}   ({len(A)} pairs)")
PY
}

dotnet build Tasks.sln -c Release -nologo -v q >/dev/null
if [ "${1:-}" = release-overhead ]; then
  build/services.sh start registry docker >&2
  prepare kubeclients # GNU time
  release_overhead
  exit
fi
bench=tests/ImageRoll.Benchmarks/bin/Release/net10.0/ImageRoll.Benchmarks.dll
native=""
if [ "$#" -gt 0 ]; then
  prepare "$1"
  if [ "$1" = startup ]; then exec dotnet "$bench" "$@" --native "$native"; fi
  exec dotnet "$bench" "$@"
fi
for suite in $suites; do
  echo "== $suite"
  if [ "$suite" = release-overhead ]; then
    build/services.sh start registry docker >&2
    prepare kubeclients # GNU time
    release_overhead
    continue
  fi
  prepare "$suite"
  if [ "$suite" = startup ]; then dotnet "$bench" startup --native "$native"; continue; fi
  dotnet "$bench" "$suite"
done
