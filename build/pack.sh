#!/usr/bin/env bash
# Packs the two packages into nuget/packages: ImageRoll.Tool (the `imageroll` dotnet tool) and ImageRoll.Tasks
# (the MSBuild tasks used from `dotnet publish`).
#   build/pack.sh                      version from Directory.Build.props
#   build/pack.sh --version 0.1.0-t1   another version (tests pack a unique one so NuGet's cache never serves old bits)
#   build/pack.sh --no-build           pack what the Release build already produced
#   build/pack.sh --out DIR            write the .nupkg files to DIR instead of nuget/packages
#   build/pack.sh --only tool|tasks    pack one of the two
#   build/pack.sh --native             also ImageRoll.Tool.Native (.NET 10 SDK: RID-specific tool packages): the pointer
#                                      ImageRoll.Tool.Native, ImageRoll.Tool.Native.linux-x64 (the native AOT binary) and
#                                      ImageRoll.Tool.Native.any (the portable net10.0 build, for every other platform);
#                                      compiled apart from the Release build (artifacts/native), needs clang and zlib1g-dev
#                                      (build/native.sh --deps installs them); --only native packs only these
# Then: dotnet tool install --tool-path DIR ImageRoll.Tool --add-source nuget/packages [--version V]
#   (or ImageRoll.Tool.Native with the .NET 10 SDK: the same commands; native start-up on linux-x64)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

out="$top/nuget/packages"
projects=(src/ImageRoll.Cli/ImageRoll.Cli.csproj src/ImageRoll.Tasks/ImageRoll.Tasks.csproj)
args=(-c Release -nologo)
version_args=()
native=false
while [ $# -gt 0 ]; do
  case "$1" in
    --version) [ $# -ge 2 ] || { echo "pack: --version needs a value" >&2; exit 2; }; args+=("-p:Version=$2"); version_args=("-p:Version=$2"); shift 2 ;;
    --native) native=true; shift ;;
    --no-build) args+=(--no-build); shift ;;
    --out) [ $# -ge 2 ] || { echo "pack: --out needs a folder" >&2; exit 2; }; out=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --only)
      case "${2:-}" in
        tool) projects=(src/ImageRoll.Cli/ImageRoll.Cli.csproj) ;;
        tasks) projects=(src/ImageRoll.Tasks/ImageRoll.Tasks.csproj) ;;
        native) projects=(); native=true ;;
        *) echo "pack: --only takes tool, tasks or native, not '${2:-}'" >&2; exit 2 ;;
      esac
      shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "pack: unknown argument '$1' (use --version V, --no-build, --out DIR, --only tool|tasks|native, --native or --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$out"
for project in "${projects[@]}"; do
  dotnet pack "$project" "${args[@]}" -o "$out" -clp:ErrorsOnly
done
if $native; then
  build/native.sh --deps
  native_args=(src/ImageRoll.Cli/ImageRoll.Cli.csproj -c Release -nologo -p:ImageRollNative=true "${version_args[@]}" -o "$out" -clp:ErrorsOnly)
  dotnet pack "${native_args[@]}"                # ImageRoll.Tool.Native: names the RID packages
  dotnet pack "${native_args[@]}" -r linux-x64   # ImageRoll.Tool.Native.linux-x64: the native AOT binary
  dotnet pack "${native_args[@]}" -r any         # ImageRoll.Tool.Native.any: the portable fallback (JIT)
fi
ls -1 "$out"/*.nupkg >&2
