#!/usr/bin/env bash
# Base images made locally (no internet), pushed to a registry the caller names.
#
#   build/base-images.sh REGISTRY          e.g. 127.0.0.1:5000 (plain HTTP; loopback registries are insecure by default)
#
# Prints KEY=VALUE lines on stdout (logs go to stderr):
#   BASE_BUSYBOX=REGISTRY/imageroll-base/busybox:1            a busybox-static rootfs (sh, coreutils) for Dockerfile tests
#   BASE_DOTNET=REGISTRY/imageroll-base/dotnet-aspnet:VERSION  this machine's own .NET runtime + ASP.NET Core shared
#                                                              framework, the ldd closure of their native libraries,
#                                                              /etc/ssl/certs, a passwd entry, busybox for a shell
#
# The .NET base is built once and cached under $IMAGEROLL_CACHE (default ~/.cache/imageroll) as an OCI layout (rootfs
# tar compressed once); later runs only copy the cached blobs into the registry with skopeo (well under a second).
# The busybox image is small and is made with `docker import` + `docker push` through the one shared daemon.
set -euo pipefail

reg=${1:?usage: build/base-images.sh REGISTRY}
cache=${IMAGEROLL_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/imageroll}
dotnet_root=${DOTNET_ROOT:-/usr/share/dotnet}
log() { echo "base-images: $*" >&2; }
mkdir -p "$cache"

# One builder at a time per cache (tests of several checkouts may run together).
exec 8>"$cache/.lock"
flock 8

docker=docker
command -v docker >/dev/null 2>&1 || docker=/usr/bin/docker

tmp=$(mktemp -d /tmp/imageroll-base.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

add_busybox() { # add_busybox ROOT: /bin/busybox and its applets as symlinks, /tmp, passwd
  local root=$1
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/root" "$root/app"
  chmod 1777 "$root/tmp"
  cp "$(command -v busybox)" "$root/bin/busybox"
  local applet
  for applet in $("$root/bin/busybox" --list); do
    [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1654:1654:app:/app:/bin/sh\n' > "$root/etc/passwd"
  printf 'root:x:0:\napp:x:1654:\n' > "$root/etc/group"
}

# ------------------------------------------------------------------ busybox
busybox_ref="$reg/imageroll-base/busybox:1"
root="$tmp/busybox"
add_busybox "$root"
tar -C "$root" --numeric-owner --owner=0 --group=0 -cf "$tmp/busybox.tar" .
log "importing busybox rootfs"
$docker import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' "$tmp/busybox.tar" "$busybox_ref" >/dev/null
$docker push -q "$busybox_ref" >&2
$docker rmi "$busybox_ref" >/dev/null 2>&1 || true
echo "BASE_BUSYBOX=$busybox_ref"

# ------------------------------------------------------------------ .NET runtime
fx=$(ls "$dotnet_root/shared/Microsoft.NETCore.App" | sort -V | tail -n1)
aspnet=$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -n1)
hostfxr=$(ls "$dotnet_root/host/fxr" | sort -V | tail -n1)
dotnet_ref="$reg/imageroll-base/dotnet-aspnet:$fx"
layout="$cache/dotnet-aspnet-$fx-oci"

if [ ! -f "$layout/index.json" ]; then
  log "building the .NET $fx base rootfs (once; cached in $layout)"
  root="$tmp/dotnet"
  add_busybox "$root"
  mkdir -p "$root/usr/share/dotnet/shared" "$root/usr/share/dotnet/host/fxr" "$root/usr/bin"
  cp -a "$dotnet_root/dotnet" "$root/usr/share/dotnet/dotnet"
  cp -a "$dotnet_root/host/fxr/$hostfxr" "$root/usr/share/dotnet/host/fxr/"
  mkdir -p "$root/usr/share/dotnet/shared/Microsoft.NETCore.App" "$root/usr/share/dotnet/shared/Microsoft.AspNetCore.App"
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$fx" "$root/usr/share/dotnet/shared/Microsoft.NETCore.App/"
  cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet" "$root/usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
  ln -s /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
  # Native closure: what ldd reports for the host and the runtime's .so files, plus what the runtime dlopen()s
  # by name and ldd cannot see (OpenSSL 3 for System.Security.Cryptography.Native.OpenSsl). ICU is left out:
  # the image sets DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1.
  libs=$( { for f in "$dotnet_root/dotnet" "$dotnet_root/host/fxr/$hostfxr"/*.so \
                    "$dotnet_root/shared/Microsoft.NETCore.App/$fx"/*.so; do ldd "$f" 2>/dev/null || true; done; } \
          | awk '/=> \//{print $3} /^[[:space:]]*\/.*ld-linux/{print $1}' | sort -u)
  for so in libssl.so.3 libcrypto.so.3 libz.so.1; do
    p=$(ldconfig -p | awk -v n="$so" '$1==n && /x86-64/{print $NF; exit}')
    [ -n "$p" ] && libs="$libs"$'\n'"$p"
  done
  for lib in $libs; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  # Debian's /lib and /lib64 are symlinks into /usr; the loader path /lib64/ld-linux-x86-64.so.2 must resolve.
  if [ -d "$root/lib/x86_64-linux-gnu" ]; then
    mkdir -p "$root/usr/lib/x86_64-linux-gnu"
    cp -a "$root/lib/x86_64-linux-gnu/." "$root/usr/lib/x86_64-linux-gnu/"
    rm -rf "$root/lib/x86_64-linux-gnu"
    ln -s ../usr/lib/x86_64-linux-gnu "$root/lib/x86_64-linux-gnu"
  fi
  mkdir -p "$root/etc/ssl"
  cp -rL /etc/ssl/certs "$root/etc/ssl/certs"
  tar -C "$root" --numeric-owner --owner=0 --group=0 -cf "$tmp/dotnet.tar" .
  local_ref="imageroll-base/dotnet-aspnet:$fx"
  $docker import \
    --change 'ENV PATH=/usr/share/dotnet:/usr/bin:/bin' \
    --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
    --change 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1' \
    --change 'ENV ASPNETCORE_HTTP_PORTS=8080' \
    --change 'WORKDIR /app' \
    "$tmp/dotnet.tar" "$dotnet_ref" >/dev/null
  log "pushing $dotnet_ref (compresses the layer once)"
  $docker push -q "$dotnet_ref" >&2
  rm -rf "$layout.tmp"
  skopeo copy -q --src-tls-verify=false "docker://$dotnet_ref" "oci:$layout.tmp:$fx" >&2
  mv "$layout.tmp" "$layout"
  $docker rmi "$dotnet_ref" >/dev/null 2>&1 || true
else
  log "copying the cached .NET $fx base into $reg"
  skopeo copy -q --dest-tls-verify=false "oci:$layout:$fx" "docker://$dotnet_ref" >&2
fi
echo "BASE_DOTNET=$dotnet_ref"
