#!/usr/bin/env bash
# The main job, end to end on this machine: a real release of a freshly built image to the simulated cluster.
#
#   build/demo.sh              installs what is missing, builds in Release, runs the release, stops what it started
#   build/demo.sh --no-build   reuses the Release build already in the checkout (CI runs this after build/test.sh's build)
#
# Steps (each printed as it starts; any failure stops the demo with "demo: FAILED at step N: ..." and exit code 1):
#   1. start the real registry (build/services.sh installs docker-registry, skopeo, busybox-static ... when missing)
#   2. build Tasks.sln in Release
#   3. start the simulated OpenShift cluster (tests/ImageRoll.ClusterSimulator) and wait for its kubeconfig
#   4. kubectl apply -f samples/manifests/ (ImageStream "example", Deployment "example" triggered by example:latest)
#   5. build an OCI image layout (busybox httpd plus a file unique to this run, so every run is a new digest)
#   6. imageroll push LAYOUT --image REGISTRY/demo/example:RUN      -> REGISTRY/demo/example@sha256:...
#   7. imageroll tag REGISTRY/demo/example@sha256:... example:latest
#   8. imageroll rollout deployment/example --from example:latest --trigger wait  (follows it to the end)
#   9. check with the real kubectl: rollout status succeeds and the pod template runs the pushed digest
# Everything it started (the simulator; the registry unless it was already running) is stopped on exit.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "demo: unknown argument '$arg' (use --no-build or --help)" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d /tmp/imageroll-demo.XXXXXX)
step=0
what="starting"
sim_pid=""
stop_registry=0

say() { echo "demo: $*" >&2; }
begin() { step=$((step + 1)); what="$*"; echo; echo "==> [$step] $*" >&2; }
fail() { echo "demo: FAILED at step $step ($what): $*" >&2; exit 1; }

cleanup() {
  local rc=$?
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill "$sim_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$sim_pid" 2>/dev/null || true
    say "stopped the simulated cluster (pid $sim_pid)"
  fi
  if [ "$stop_registry" = 1 ]; then
    build/services.sh stop >/dev/null 2>&1 || true
    say "stopped the registry"
  fi
  if [ $rc -ne 0 ] && [ -f "$work/simulator.log" ]; then
    say "last lines of the simulator's log:"; tail -n 20 "$work/simulator.log" >&2 || true
  fi
  rm -rf "$work"
  if [ $rc -eq 0 ]; then echo; echo "demo: OK: the image was pushed, tagged, triggered and rolled out" >&2; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------------
begin "start the real registry (build/services.sh start registry)"
if [ -f .services/registry.pid ] && kill -0 "$(cat .services/registry.pid)" 2>/dev/null; then
  say "reusing the registry this checkout already runs"
else
  stop_registry=1
fi
build/services.sh start registry || fail "the registry did not start (see above)"
registry=$(grep '^REGISTRY=' .services/env | cut -d= -f2-)
[ -n "$registry" ] || fail ".services/env has no REGISTRY"
say "registry: http://$registry"
for tool in kubectl dotnet busybox tar gzip sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not installed"
done

# ---------------------------------------------------------------------------------------------------------------
begin "build Tasks.sln in Release"
if [ "$build" = 1 ]; then
  dotnet build Tasks.sln -c Release -nologo -clp:ErrorsOnly >&2 || fail "the build failed (errors above)"
else
  say "skipped (--no-build)"
fi
cli="$top/src/ImageRoll.Cli/bin/Release/net8.0/imageroll.dll"
[ -f "$cli" ] || fail "$cli is missing: run without --no-build"
imageroll() { dotnet "$cli" "$@"; }

# ---------------------------------------------------------------------------------------------------------------
begin "start the simulated cluster"
kubeconfig="$work/kubeconfig"
dotnet run --project tests/ImageRoll.ClusterSimulator -c Release --no-build -- \
  --port 0 --kubeconfig-out "$kubeconfig" > "$work/simulator.log" 2>&1 &
sim_pid=$!
deadline=$((SECONDS + 60))
until [ -s "$kubeconfig" ]; do
  kill -0 "$sim_pid" 2>/dev/null || fail "the simulator exited before writing its kubeconfig"
  [ $SECONDS -lt $deadline ] || fail "no kubeconfig from the simulator after 60 s"
  sleep 0.2
done
server=$(grep -m1 'server:' "$kubeconfig" | awk '{print $2}')
say "simulated cluster at $server (pid $sim_pid)"
export KUBECONFIG="$kubeconfig"
kubectl_() { kubectl --cache-dir "$work/kube-cache" "$@"; }

# ---------------------------------------------------------------------------------------------------------------
begin "kubectl apply -f samples/manifests/"
[ -d samples/manifests ] || fail "samples/manifests/ is missing"
kubectl_ apply -f samples/manifests/ >&2 || fail "kubectl apply failed"
kubectl_ get imagestream example -o name >/dev/null || fail "the ImageStream 'example' was not created"
kubectl_ get deployment example -o name >/dev/null || fail "the Deployment 'example' was not created"

# ---------------------------------------------------------------------------------------------------------------
begin "build an OCI image layout (busybox httpd)"
layout="$work/image"
run_id="run-$(date -u +%Y%m%d%H%M%S)-$$"
build/demo-image.sh "$layout" "$run_id" >&2 || fail "could not build the image layout"
say "OCI layout at $layout (unique content: $run_id)"

# ---------------------------------------------------------------------------------------------------------------
begin "imageroll push $layout --image $registry/demo/example:$run_id"
pushed=$(imageroll push "$layout" --image "$registry/demo/example:$run_id" --insecure-registry "$registry") \
  || fail "imageroll push failed"
digest_ref=$(printf '%s\n' "$pushed" | tail -n1)
case "$digest_ref" in
  "$registry/demo/example@sha256:"*) say "pushed $digest_ref" ;;
  *) fail "imageroll push did not print a digest reference as its last line (got: $pushed)" ;;
esac

# ---------------------------------------------------------------------------------------------------------------
begin "imageroll tag $digest_ref example:latest"
imageroll tag "$digest_ref" example:latest -n default --kubeconfig "$kubeconfig" --insecure-registry "$registry" >&2 \
  || fail "imageroll tag failed"

# ---------------------------------------------------------------------------------------------------------------
begin "imageroll rollout deployment/example --from example:latest --trigger wait"
imageroll rollout deployment/example --from example:latest --trigger wait -n default --kubeconfig "$kubeconfig" \
  --timeout 3m >&2 || fail "imageroll rollout did not report success (exit code $?)"

# ---------------------------------------------------------------------------------------------------------------
begin "check with the real kubectl"
status=$(kubectl_ rollout status deployment/example --timeout=60s) || fail "kubectl rollout status failed: $status"
echo "$status" >&2
case "$status" in *"successfully rolled out"*) ;; *) fail "kubectl did not say 'successfully rolled out'";; esac
image=$(kubectl_ get deployment example -o 'jsonpath={.spec.template.spec.containers[?(@.name=="web")].image}')
digest=${digest_ref#*@}
case "$image" in *"$digest") say "deployment/example runs $image" ;; *) fail "container web runs '$image', not $digest" ;; esac
kubectl_ get pods -l app=example -o wide >&2 || true
