#!/usr/bin/env bash
# Release the app from your own machine with the tool CI uses: the .NET SDK builds and pushes the image, ImageRoll
# tags the digest into the image stream, the image trigger rolls the workloads out, ImageRoll follows them and
# reports. It uses what you are already logged in with and nothing else: the current kubeconfig context (`oc login`,
# or KUBECONFIG) and your registry login (`docker login` / `podman login`, or IMAGEROLL_REGISTRY_USERNAME and
# IMAGEROLL_REGISTRY_PASSWORD in the environment).
#
#   REGISTRY=registry.example.com samples/local-release.sh [VERSION]
#
#   VERSION     the image tag (default: `git describe --tags --always --dirty`)
#   REGISTRY    the registry the cluster pulls from (required)
#   REPOSITORY  the repository in it (default: samples/helloweb)
#   PROJECT     the project to build (default: samples/HelloWeb next to this script)
#   STREAM      the image stream tag the workloads follow (default: example:latest, as samples/manifests)
#   NAMESPACE   the namespace (default: the kubeconfig context's)
#   YES=1       release without asking (after the plan)
#
# First a dry run: the plan and every check (image, stream, triggers, permissions), nothing changed. Then, once you
# say yes, the release itself. The JSON result lands in release-VERSION.json. Needs the tool:
#   dotnet tool install --global ImageRoll.Tool.Native   (.NET 10 SDK; ImageRoll.Tool with .NET 8 or 9)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
registry=${REGISTRY:?set REGISTRY to the registry the cluster pulls from, e.g. REGISTRY=registry.example.com}
repository=${REPOSITORY:-samples/helloweb}
project=${PROJECT:-$here/HelloWeb}
stream=${STREAM:-example:latest}
version=${1:-$(git -C "$project" describe --tags --always --dirty 2>/dev/null || date -u +%Y%m%d%H%M%S)}
image="$registry/$repository:$version"
ns=()
if [ -n "${NAMESPACE:-}" ]; then ns=(-n "$NAMESPACE"); fi

if ! command -v imageroll >/dev/null 2>&1; then
  echo "local-release: the imageroll tool is not installed: dotnet tool install --global ImageRoll.Tool.Native (.NET 10 SDK) or ImageRoll.Tool (.NET 8, 9)" >&2
  exit 2
fi

echo "local-release: the plan for $image (nothing is changed)" >&2
imageroll release --image "$image" --project "$project" --stream "$stream" --trigger wait "${ns[@]}" --dry-run

if [ "${YES:-}" != 1 ]; then
  read -r -p "Release $image to the workloads above? [y/N] " answer
  case "$answer" in
    y|Y|yes) ;;
    *) echo "local-release: nothing released" >&2; exit 0 ;;
  esac
fi

# Exit code: 0 released, 2 bad input (nothing changed), 3 registry/cluster failed, 4 rollout failed, 5 timed out.
imageroll release --image "$image" --project "$project" --stream "$stream" --trigger wait "${ns[@]}" \
  --rollback-on-failure --timeout 15m --report "release-$version.json"
