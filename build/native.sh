#!/usr/bin/env bash
# Publishes the native AOT `imageroll` (linux-x64) into artifacts/native/publish, installing what the native toolchain
# needs first (Debian packages clang and zlib1g-dev: the ILCompiler links with them). The bench's startup suite, the
# native tool package (build/pack.sh) and the native CLI tests use it. Prints the binary's path on stdout.
#   build/native.sh            publish (incremental: a second run with no change is quick)
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
[ "${1:-}" = --deps ] && exit 0
out="$top/artifacts/native/publish"
dotnet publish src/ImageRoll.Cli/ImageRoll.Cli.csproj -c Release -r linux-x64 -p:ImageRollNative=true -o "$out" -nologo -clp:ErrorsOnly >&2
echo "$out/imageroll"
