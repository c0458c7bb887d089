#!/usr/bin/env bash
# Packs the two packages into nuget/packages: ImageRoll.Tool (the `imageroll` dotnet tool) and ImageRoll.Tasks
# (the MSBuild tasks used from `dotnet publish`).
#   build/pack.sh                      version from Directory.Build.props
#   build/pack.sh --version 0.1.0-t1   another version (tests pack a unique one so NuGet's cache never serves old bits)
#   build/pack.sh --no-build           pack what the Release build already produced
# Then: dotnet tool install --tool-path DIR ImageRoll.Tool --add-source nuget/packages [--version V]
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

args=(-c Release -nologo -o "$top/nuget/packages")
while [ $# -gt 0 ]; do
  case "$1" in
    --version) args+=("-p:Version=$2"); shift 2 ;;
    --no-build) args+=(--no-build); shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "pack: unknown argument '$1' (use --version V, --no-build or --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$top/nuget/packages"
for project in src/ImageRoll.Cli/ImageRoll.Cli.csproj src/ImageRoll.Tasks/ImageRoll.Tasks.csproj; do
  dotnet pack "$project" "${args[@]}" -clp:ErrorsOnly
done
ls -1 "$top/nuget/packages"/*.nupkg >&2
