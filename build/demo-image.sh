#!/usr/bin/env bash
# Builds a tiny OCI image layout without Docker: busybox (static) serving HTTP on 8080, plus /etc/imageroll-build
# holding TEXT so that every build with another TEXT has another digest.
#   build/demo-image.sh DIR TEXT
set -euo pipefail
out=${1:?usage: build/demo-image.sh DIR TEXT}
text=${2:-demo}
busybox=$(command -v busybox || true)
[ -n "$busybox" ] || { echo "demo-image: busybox is not installed (apt-get install busybox-static)" >&2; exit 1; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/rootfs/bin" "$tmp/rootfs/etc" "$tmp/rootfs/www" "$out/blobs/sha256"
cp "$busybox" "$tmp/rootfs/bin/busybox"
ln -s busybox "$tmp/rootfs/bin/sh"
printf '%s\n' "$text" > "$tmp/rootfs/etc/imageroll-build"
printf '<h1>ImageRoll demo %s</h1>\n' "$text" > "$tmp/rootfs/www/index.html"
echo 'root:x:0:0:root:/:/bin/sh' > "$tmp/rootfs/etc/passwd"

# Reproducible tar (fixed owner and times) so TEXT alone decides the digest.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2024-01-01 00:00:00Z' -C "$tmp/rootfs" -cf "$tmp/layer.tar" .
diff_id=$(sha256sum "$tmp/layer.tar" | cut -d' ' -f1)
gzip -n -6 -c "$tmp/layer.tar" > "$tmp/layer.tar.gz"
layer=$(sha256sum "$tmp/layer.tar.gz" | cut -d' ' -f1)
layer_size=$(stat -c %s "$tmp/layer.tar.gz")
mv "$tmp/layer.tar.gz" "$out/blobs/sha256/$layer"

config='{"architecture":"amd64","os":"linux","config":{"Entrypoint":["/bin/busybox"],"Cmd":["httpd","-f","-p","8080","-h","/www"],"ExposedPorts":{"8080/tcp":{}},"Labels":{"org.opencontainers.image.title":"imageroll-demo"}},"rootfs":{"type":"layers","diff_ids":["sha256:'"$diff_id"'"]},"history":[{"created_by":"build/demo-image.sh"}]}'
printf '%s' "$config" > "$tmp/config.json"
config_digest=$(sha256sum "$tmp/config.json" | cut -d' ' -f1)
config_size=$(stat -c %s "$tmp/config.json")
mv "$tmp/config.json" "$out/blobs/sha256/$config_digest"

manifest='{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:'"$config_digest"'","size":'"$config_size"'},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:'"$layer"'","size":'"$layer_size"'}]}'
printf '%s' "$manifest" > "$tmp/manifest.json"
manifest_digest=$(sha256sum "$tmp/manifest.json" | cut -d' ' -f1)
manifest_size=$(stat -c %s "$tmp/manifest.json")
mv "$tmp/manifest.json" "$out/blobs/sha256/$manifest_digest"

printf '{"imageLayoutVersion":"1.0.0"}' > "$out/oci-layout"
printf '%s' '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:'"$manifest_digest"'","size":'"$manifest_size"',"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}' > "$out/index.json"
echo "sha256:$manifest_digest"
