#!/usr/bin/env bash
# The native AOT `imageroll` (linux-x64), built apart from the Release build (artifacts/native), installing what the
# native toolchain needs first (Debian packages clang and zlib1g-dev: the ILCompiler links with them).
#   build/native.sh            publish into artifacts/native/publish (incremental); prints the binary's path on stdout
#   build/native.sh --install  pack the tool package ImageRoll.Tool.Native as users get it (build/pack.sh --only
#                              native: the pointer, the linux-x64 AOT package and the portable `any` fallback) into
#                              artifacts/native/packages, install it with `dotnet tool install --tool-path
#                              artifacts/native/tool` from there, and print the installed command's path on stdout
#                              (build/test.sh runs the native CLI tests with it, IMAGEROLL_NATIVE_BIN; the bench's
#                              startup suite measures it)
#   build/native.sh --deps     only install the toolchain packages
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

deps() {
  if command -v clang >/dev/null && [ -e /usr/include/zlib.h ]; then return; fi
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -qq clang zlib1g-dev >/dev/null 2>&1 \
    || { $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq clang zlib1g-dev >/dev/null; }
}

deps
case "${1:-}" in
  --deps) exit 0 ;;
  --install)
    packages="$top/artifacts/native/packages" tool="$top/artifacts/native/tool" cache="$top/artifacts/native/nuget"
    # A fresh private NuGet cache: an earlier package of the same version (in the user's cache, or in this one from an
    # earlier run) is never what gets installed.
    rm -rf "$packages" "$tool" "$cache"
    build/pack.sh --only native --out "$packages" >&2
    version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n1)
    NUGET_PACKAGES="$cache" dotnet tool install ImageRoll.Tool.Native --version "$version" \
      --tool-path "$tool" --add-source "$packages" >&2
    echo "$tool/imageroll"
    exit 0 ;;
  "") ;;
  *) echo "native.sh: unknown argument '$1' (use --install, --deps or nothing)" >&2; exit 2 ;;
esac
out="$top/artifacts/native/publish"
dotnet publish src/ImageRoll.Cli/ImageRoll.Cli.csproj -c Release -r linux-x64 -p:ImageRollNative=true -o "$out" -nologo -clp:ErrorsOnly >&2
echo "$out/imageroll"
