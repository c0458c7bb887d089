#!/usr/bin/env bash
# ImageRoll's main job on this machine: a .NET app built by the SDK, released to a simulated OpenShift cluster whose
# pods run as real containers, first from `dotnet publish`, then from the installed `imageroll` tool.
#
#   build/demo.sh              installs what is missing, builds in Release, runs the demo, stops what it started
#   build/demo.sh --no-build   reuses the Release build already in the checkout (the test suite runs it this way)
#
# Steps (each printed as it starts; a failure stops the demo with "demo: FAILED at step N (...): ..." and exit 1):
#    1. start the real registry and the Docker daemon (build/services.sh installs what is missing; a daemon that is
#       already running is reused and left running)
#    2. build Tasks.sln in Release
#    3. pack ImageRoll.Tool and ImageRoll.Tasks with a version of this run (build/pack.sh; NuGet's cache never
#       serves older bits under a new version)
#    4. start the simulated cluster with --kubelet docker (pods run as containers, ports published on 127.0.0.1)
#    5. make the .NET base image (build/base-images.sh) and a copy of samples/HelloWeb (version 1.0.0) that
#       references the packed ImageRoll.Tasks through a NuGet.config of its own (samples/ is never changed)
#    6. kubectl apply -f samples/manifests/ (ImageStream example; Deployment, StatefulSet, DaemonSet and
#       DeploymentConfig following example:latest)
#    7. dotnet publish -p:ImageRollEnabled=true (wait mode): the SDK pushes 1.0.0, ImageRoll tags example:latest,
#       the cluster's triggers roll the four workloads out, ImageRoll follows them; the app answers 1.0.0
#    8. dotnet tool install ImageRoll.Tool --tool-path ... (the package of step 3)
#    9. change the app's version to 2.0.0 and set the image triggers to manual (as `oc set triggers --manual`):
#       from here the pipeline, not the cluster, decides when the workloads change
#   10. imageroll release --project ... --stream example:latest --workload ... (x4) --trigger patch --ignore-paused:
#       the tool builds and pushes 2.0.0, tags it, makes the triggers' change itself and follows the rollouts
#   11. curl every pod through its published port: the new version answers
#   12. kubectl get the workloads and the pods
# Everything it started (the simulator and its containers; the registry and the Docker daemon unless they were
# already running) is stopped on exit, and the packages of this run are removed from nuget/packages.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "demo: unknown argument '$arg' (use --no-build or --help)" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d /tmp/imageroll-demo.XXXXXX)
started=$SECONDS
step=0
what="starting"
sim_pid=""
stop_registry=0
stop_docker=0
version="0.1.0-demo.$(date -u +%Y%m%d%H%M%S).$$"
feed="$top/nuget/packages"
namespace=default

say() { echo "demo: $*" >&2; }
begin() { step=$((step + 1)); what="$1"; echo >&2; echo "==> [$step] $*   (at $((SECONDS - started)) s)" >&2; }
fail() { echo "demo: FAILED at step $step ($what): $*" >&2; exit 1; }
show() { printf '$' >&2; printf ' %q' "$@" >&2; echo >&2; } # the command as one could paste it

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ $rc -ne 0 ] && [ -f "$work/simulator.log" ]; then
    say "last lines of the simulator's log:"; tail -n 20 "$work/simulator.log" >&2 || true
  fi
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    # SIGTERM: the simulator removes its containers before it exits.
    kill -TERM "$sim_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$sim_pid" 2>/dev/null; then
      kill -9 "$sim_pid" 2>/dev/null || true
      say "the simulated cluster did not stop within 30 s: killed (pid $sim_pid); its containers are removed by the next one"
    else
      say "stopped the simulated cluster and its containers (pid $sim_pid)"
    fi
  fi
  if [ "$stop_registry" = 1 ]; then build/services.sh stop registry >/dev/null 2>&1 || true; say "stopped the registry"; fi
  if [ "$stop_docker" = 1 ]; then build/services.sh stop docker >/dev/null 2>&1 || true; say "stopped the Docker daemon"; fi
  rm -f "$feed"/*."$version".nupkg
  rm -rf "$work"
  if [ $rc -eq 0 ]; then
    echo >&2
    say "OK in $((SECONDS - started)) s: dotnet publish released 1.0.0 and the imageroll tool released 2.0.0 to the four workloads, and the app answered with each"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------------
begin "start the real registry and the Docker daemon (build/services.sh)"
if [ -f .services/registry.pid ] && kill -0 "$(cat .services/registry.pid)" 2>/dev/null; then
  say "reusing the registry this checkout already runs"
else
  stop_registry=1
fi
if curl -fsS --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null 2>&1; then
  say "reusing the Docker daemon that is running (it is left running)"
else
  stop_docker=1
fi
build/services.sh start registry docker || fail "the services did not start (see above)"
registry=$(grep '^REGISTRY=' .services/env | cut -d= -f2-)
[ -n "$registry" ] || fail ".services/env has no REGISTRY"
say "registry: http://$registry"
for tool in kubectl dotnet docker skopeo curl sed; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not installed"
done

# ---------------------------------------------------------------------------------------------------------------
begin "build Tasks.sln in Release"
if [ "$build" = 1 ]; then
  # No build servers left behind (-nodeReuse:false, no shared compiler): the demo stops what it starts.
  dotnet build Tasks.sln -c Release -nologo -clp:ErrorsOnly -nodeReuse:false -p:UseSharedCompilation=false >&2 \
    || fail "the build failed (errors above)"
else
  say "skipped (--no-build)"
fi
simulator="$top/tests/ImageRoll.ClusterSimulator/bin/Release/net10.0/ImageRoll.ClusterSimulator.dll"
[ -f "$simulator" ] || fail "$simulator is missing: run without --no-build"

# ---------------------------------------------------------------------------------------------------------------
begin "pack ImageRoll.Tool and ImageRoll.Tasks $version (build/pack.sh)"
show build/pack.sh --version "$version" --no-build
build/pack.sh --version "$version" --no-build 2>&1 | sed 's/^/  /' >&2 || fail "build/pack.sh failed"
for id in ImageRoll.Tool ImageRoll.Tasks; do
  [ -f "$feed/$id.$version.nupkg" ] || fail "build/pack.sh made no $feed/$id.$version.nupkg"
done

# ---------------------------------------------------------------------------------------------------------------
begin "start the simulated OpenShift cluster with --kubelet docker"
kubeconfig="$work/kubeconfig"
dotnet "$simulator" --port 0 --kubeconfig-out "$kubeconfig" --kubelet docker > "$work/simulator.log" 2>&1 &
sim_pid=$!
deadline=$((SECONDS + 60))
until [ -s "$kubeconfig" ]; do
  kill -0 "$sim_pid" 2>/dev/null || fail "the simulator exited before writing its kubeconfig"
  [ $SECONDS -lt $deadline ] || fail "no kubeconfig from the simulator after 60 s"
  sleep 0.2
done
say "simulated cluster at $(grep -m1 'server:' "$kubeconfig" | awk '{print $2}') (pid $sim_pid); pods run as Docker containers"
export KUBECONFIG="$kubeconfig"
kubectl_() { kubectl --cache-dir "$work/kube-cache" "$@"; }

# ---------------------------------------------------------------------------------------------------------------
begin "make the .NET base image and the app (a copy of samples/HelloWeb, version 1.0.0)"
base=$(build/base-images.sh "$registry" | grep '^BASE_DOTNET=' | cut -d= -f2-) || fail "build/base-images.sh failed"
[ -n "$base" ] || fail "build/base-images.sh printed no BASE_DOTNET"
say "base image: $base"
app="$work/HelloWeb"
mkdir -p "$app"
cp samples/HelloWeb/Program.cs "$app/"
# The sample's project plus its version and the packed ImageRoll.Tasks (a development dependency: referenced, it does
# nothing until ImageRollEnabled=true).
sed "s|</Project>|  <PropertyGroup>\n    <Version>1.0.0</Version>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include=\"ImageRoll.Tasks\" Version=\"$version\" />\n  </ItemGroup>\n</Project>|" \
  samples/HelloWeb/HelloWeb.csproj > "$app/HelloWeb.csproj"
cat > "$app/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="imageroll-local" value="$feed" />
  </packageSources>
</configuration>
EOF
say "$app: HelloWeb.csproj (Version 1.0.0, PackageReference ImageRoll.Tasks $version), NuGet.config (source: $feed)"
# Restores and builds of the app: their own NuGet folder, no build servers left behind.
export NUGET_PACKAGES="$work/nuget" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 \
  DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false
export DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry"

# ---------------------------------------------------------------------------------------------------------------
begin "kubectl apply -f samples/manifests/"
kubectl_ apply -f samples/manifests/ >&2 || fail "kubectl apply failed"
workloads=(deployment/example statefulset/example-db daemonset/example-agent deploymentconfig/example-dc)
apps=(example example-db example-agent example-dc)
for w in imagestream/example "${workloads[@]}"; do
  kubectl_ get "$w" -o name >/dev/null || fail "$w was not created"
done

# answers VERSION: every pod of the four workloads answers / with VERSION on its published port (waits up to 60 s
# for the rollouts' last pods to be replaced and ready; prints what each answered).
answers() {
  local want=$1 deadline=$((SECONDS + 60)) lines bad
  while :; do
    lines=""; bad=""
    for a in "${apps[@]}"; do
      local pods
      pods=$(kubectl_ get pods -l "app=$a" -o 'jsonpath={range .items[*]}{.metadata.name} {.metadata.annotations.simulator\.imageroll\.dev/port-8080}{"\n"}{end}') \
        || fail "kubectl get pods -l app=$a failed"
      [ -n "$pods" ] || bad="$bad $a(no pods)"
      while read -r pod addr; do
        [ -n "$pod" ] || continue
        local body=""
        [ -n "$addr" ] && body=$(curl -fsS --max-time 5 "http://$addr/" 2>/dev/null || true)
        lines="$lines"$'\n'"  $pod  curl http://$addr/  ->  ${body:-<no answer>}"
        case "$body" in *"($want)"*) ;; *) bad="$bad $pod" ;; esac
      done <<< "$pods"
    done
    if [ -z "$bad" ]; then echo "${lines#$'\n'}" >&2; return 0; fi
    if [ $SECONDS -ge $deadline ]; then echo "${lines#$'\n'}" >&2; fail "not every pod answers version $want after 60 s:$bad"; fi
    sleep 1
  done
}

# ---------------------------------------------------------------------------------------------------------------
begin "dotnet publish -p:ImageRollEnabled=true: the SDK pushes 1.0.0, the triggers roll it out (wait mode)"
publish=(dotnet publish "$app/HelloWeb.csproj" -c Release -nologo -tl:off -nodeReuse:false
  -p:ImageRollEnabled=true -p:ContainerRegistry="$registry" -p:ContainerRepository=demo/helloweb
  -p:ContainerImageTag=1.0.0 -p:ContainerBaseImage="$base"
  -p:ImageRollImageStream=example:latest -p:ImageRollTrigger=wait -p:ImageRollNamespace="$namespace"
  -p:ImageRollKubeconfig="$kubeconfig" -p:ImageRollTimeout=4m)
show "${publish[@]}"
timeout 600 "${publish[@]}" > "$work/publish.log" 2>&1 || { sed 's/^/  /' "$work/publish.log" >&2; fail "dotnet publish failed (output above)"; }
sed 's/^/  /' "$work/publish.log" >&2
grep -q "ImageRoll: released" "$work/publish.log" || fail "dotnet publish did not report 'ImageRoll: released'"
say "the app answers through each pod's published port (annotation simulator.imageroll.dev/port-8080):"
answers 1.0.0

# ---------------------------------------------------------------------------------------------------------------
begin "dotnet tool install --tool-path ImageRoll.Tool $version"
tools="$work/tools"
show dotnet tool install --tool-path "$tools" ImageRoll.Tool --add-source "$feed" --version "$version"
timeout 300 dotnet tool install --tool-path "$tools" ImageRoll.Tool --add-source "$feed" --version "$version" >&2 \
  || fail "dotnet tool install failed"
imageroll="$tools/imageroll"
[ -x "$imageroll" ] || fail "$imageroll was not installed"

# ---------------------------------------------------------------------------------------------------------------
begin "change the app's version to 2.0.0; set the image triggers to manual (as oc set triggers --manual does)"
sed -i 's|<Version>1.0.0</Version>|<Version>2.0.0</Version>|' "$app/HelloWeb.csproj"
grep -q '<Version>2.0.0</Version>' "$app/HelloWeb.csproj" || fail "could not change the version in $app/HelloWeb.csproj"
say "$app/HelloWeb.csproj: <Version>2.0.0</Version>"
# Annotation triggers get "paused": true, the DeploymentConfig's ImageChange trigger automatic: false: the cluster
# no longer acts on example:latest, so what changes the workloads below is ImageRoll's patch alone.
paused='[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web\")].image","paused":true}]'
for w in deployment/example statefulset/example-db daemonset/example-agent; do
  kubectl_ annotate --overwrite "$w" "image.openshift.io/triggers=$paused" >&2 || fail "kubectl annotate $w failed"
done
kubectl_ patch deploymentconfig/example-dc --type=json \
  -p '[{"op":"test","path":"/spec/triggers/1/type","value":"ImageChange"},{"op":"replace","path":"/spec/triggers/1/imageChangeParams/automatic","value":false}]' >&2 \
  || fail "kubectl patch deploymentconfig/example-dc failed"

# ---------------------------------------------------------------------------------------------------------------
begin "imageroll release: the tool builds and pushes 2.0.0, tags it and patches the four workloads (patch mode)"
release=("$imageroll" release --image "$registry/demo/helloweb:2.0.0" --project "$app/HelloWeb.csproj" --base-image "$base"
  --stream example:latest --trigger patch --ignore-paused -n "$namespace" --kubeconfig "$kubeconfig"
  --insecure-registry "$registry" --timeout 4m --report "$work/release.json")
for w in "${workloads[@]}"; do release+=(--workload "$w"); done
show "${release[@]}"
rc=0
timeout 600 "${release[@]}" > "$work/release.out" 2> "$work/release.err" || rc=$?
sed 's/^/  /' "$work/release.err" >&2
sed 's/^/  stdout: /' "$work/release.out" >&2
[ $rc -eq 0 ] || fail "imageroll release exited $rc (its output above)"
for w in "${workloads[@]}"; do
  grep -q "^$w succeeded: " "$work/release.out" || fail "imageroll release did not report '$w succeeded'"
done
patched=$(grep -o '"trigger": *"patched"' "$work/release.json" | wc -l)
[ "$patched" -eq 4 ] || fail "the report says $patched of the 4 workloads were patched by ImageRoll ($work/release.json)"
say "the report (--report) says: 4 workloads patched by ImageRoll, 4 rollouts succeeded"

# ---------------------------------------------------------------------------------------------------------------
begin "curl the app: every pod answers with the new version"
answers 2.0.0

# ---------------------------------------------------------------------------------------------------------------
begin "kubectl get the workloads and the pods"
kubectl_ get imagestream,deployment,statefulset,daemonset,deploymentconfig >&2 || fail "kubectl get failed"
echo >&2
kubectl_ get pods -o wide >&2 || fail "kubectl get pods failed"
echo >&2
kubectl_ get pods -o 'custom-columns=POD:.metadata.name,IMAGE:.spec.containers[0].image,PUBLISHED:.metadata.annotations.simulator\.imageroll\.dev/port-8080' >&2 \
  || fail "kubectl get pods failed"
