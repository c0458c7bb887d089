#!/usr/bin/env bash
# Real services for ImageRoll's tests and demo, bound to 127.0.0.1 on free ports.
#
#   build/services.sh start [registry] [docker]   start what is named (default: registry docker)
#   build/services.sh stop [registry] [docker]     stop exactly the processes this checkout started (by pid);
#                                                  default both (the Docker daemon only if this checkout started it)
#   build/services.sh env                          print .services/env
#
# Writes .services/env (KEY=VALUE lines the tests read):
#   REGISTRY              plain-HTTP docker-registry, HOST:PORT
#   REGISTRY_AUTH         docker-registry with htpasswd basic auth and TLS, HOST:PORT
#   REGISTRY_AUTH_USER / REGISTRY_AUTH_PASSWORD   its credentials (test-only, generated per start)
#   REGISTRY_CA           PEM of the CA that signed REGISTRY_AUTH's certificate
#   DOCKER_HOST_UNIX      unix:///var/run/docker.sock
#   DOCKER_HOST_TCP       tcp://127.0.0.1:PORT (TLS, client certificates required)
#   DOCKER_CERT_PATH_TCP  folder with ca.pem, cert.pem, key.pem for DOCKER_HOST_TCP
#
# Idempotent: a running service is reused. Under CI=true any failure to start is fatal (never skipped tests).
# The Docker daemon is one per machine: if one is already running (started by another checkout), it is reused and
# never stopped from here; its TCP endpoint is read from /run/imageroll-docker/env.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state="$top/.services"
envfile="$state/env"
docker_state=/run/imageroll-docker
mkdir -p "$state"

log() { echo "services: $*" >&2; }
die() { echo "services: error: $*" >&2; exit 1; }

# ---------------------------------------------------------------- packages
need_pkgs=()
need() { # need BINARY PACKAGE
  command -v "$1" >/dev/null 2>&1 || need_pkgs+=("$2")
}
install_missing() {
  [ ${#need_pkgs[@]} -eq 0 ] && return 0
  log "installing ${need_pkgs[*]}"
  if [ "$(id -u)" != 0 ]; then die "missing ${need_pkgs[*]} and not root: install them with apt-get"; fi
  mkdir -p /tmp/aptcache/partial
  local apt=(apt-get -o Dir::Cache::archives=/tmp/aptcache -o DPkg::Lock::Timeout=300)
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  need_pkgs=()
}

# ---------------------------------------------------------------- helpers
free_port() {
  python3 - <<'PY' 2>/dev/null || { local p; for _ in $(seq 1 50); do p=$((20000 + RANDOM % 20000)); (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return 0; }; done; return 1; }
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.1
  done
  log "$what is up"
}

set_env() { # set_env KEY VALUE  (replaces the key in .services/env)
  touch "$envfile"
  grep -v "^$1=" "$envfile" > "$envfile.tmp" || true
  echo "$1=$2" >> "$envfile.tmp"
  mv "$envfile.tmp" "$envfile"
}

get_env() { { grep "^$1=" "$envfile" 2>/dev/null || true; } | head -n1 | cut -d= -f2-; }

# ---------------------------------------------------------------- certificates
make_ca() { # make_ca DIR  -> DIR/ca.pem DIR/ca-key.pem
  [ -f "$1/ca.pem" ] && return 0
  mkdir -p "$1"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=ImageRoll test CA" \
    -keyout "$1/ca-key.pem" -out "$1/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" >/dev/null 2>&1
}
make_cert() { # make_cert CADIR OUTPREFIX CN EXT
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$3" -keyout "$2-key.pem" -out "$2.csr" >/dev/null 2>&1
  printf '%s\n' "$4" > "$2.ext"
  openssl x509 -req -in "$2.csr" -CA "$1/ca.pem" -CAkey "$1/ca-key.pem" -CAcreateserial -days 30 \
    -extfile "$2.ext" -out "$2.pem" >/dev/null 2>&1
  rm -f "$2.csr" "$2.ext"
}

# ---------------------------------------------------------------- registry
start_registry() {
  need docker-registry docker-registry; need htpasswd apache2-utils; need openssl openssl; need curl curl
  need skopeo skopeo; need busybox busybox-static
  install_missing

  if alive "$state/registry.pid" && alive "$state/registry-auth.pid"; then
    log "registries already running ($(get_env REGISTRY), $(get_env REGISTRY_AUTH))"
    return 0
  fi
  stop_pidfile registry; stop_pidfile registry-auth

  local data; data=$(mktemp -d /tmp/imageroll-registry.XXXXXX)
  echo "$data" > "$state/registry.data"
  local port; port=$(free_port)
  cat > "$state/registry.yml" <<EOF
version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $data/plain
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
  /usr/bin/docker-registry serve "$state/registry.yml" > "$state/registry.log" 2>&1 &
  echo $! > "$state/registry.pid"

  local certs="$state/certs"
  make_ca "$certs"
  [ -f "$certs/registry.pem" ] || make_cert "$certs" "$certs/registry" 127.0.0.1 \
    "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
  local user=imageroll password
  password=$(get_env REGISTRY_AUTH_PASSWORD)
  [ -n "$password" ] || password=$(openssl rand -hex 12)
  htpasswd -Bbn "$user" "$password" > "$state/htpasswd" 2>/dev/null
  local aport; aport=$(free_port)
  cat > "$state/registry-auth.yml" <<EOF
version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $data/auth
  delete:
    enabled: true
auth:
  htpasswd:
    realm: imageroll-test
    path: $state/htpasswd
http:
  addr: 127.0.0.1:$aport
  tls:
    certificate: $certs/registry.pem
    key: $certs/registry-key.pem
EOF
  /usr/bin/docker-registry serve "$state/registry-auth.yml" > "$state/registry-auth.log" 2>&1 &
  echo $! > "$state/registry-auth.pid"

  if ! wait_for 20 "registry 127.0.0.1:$port" curl -fsS "http://127.0.0.1:$port/v2/"; then
    cat "$state/registry.log" >&2; die "the plain registry did not start (log above)"
  fi
  if ! wait_for 20 "registry 127.0.0.1:$aport (auth, TLS)" \
      sh -c "curl -sS --cacert '$certs/ca.pem' -o /dev/null -w '%{http_code}' https://127.0.0.1:$aport/v2/ | grep -q 401"; then
    cat "$state/registry-auth.log" >&2; die "the auth+TLS registry did not start (log above)"
  fi
  set_env REGISTRY "127.0.0.1:$port"
  set_env REGISTRY_AUTH "127.0.0.1:$aport"
  set_env REGISTRY_AUTH_USER "$user"
  set_env REGISTRY_AUTH_PASSWORD "$password"
  set_env REGISTRY_CA "$certs/ca.pem"
}

# ---------------------------------------------------------------- docker
docker_ping() { curl -fsS --unix-socket /var/run/docker.sock http://localhost/_ping; }

start_docker() {
  need dockerd docker.io; need curl curl; need openssl openssl
  install_missing
  mkdir -p "$docker_state"

  if docker_ping >/dev/null 2>&1; then
    if [ -f "$docker_state/env" ]; then
      log "reusing the running Docker daemon"
    else
      log "reusing a Docker daemon this project did not start (no TCP endpoint known)"
    fi
  else
    local certs="$docker_state/certs" port
    make_ca "$certs"
    make_cert "$certs" "$certs/server" 127.0.0.1 "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
    make_cert "$certs" "$certs/client" imageroll-client "extendedKeyUsage=clientAuth"
    mkdir -p "$certs/client-dir"
    cp "$certs/ca.pem" "$certs/client-dir/ca.pem"
    cp "$certs/client.pem" "$certs/client-dir/cert.pem"
    cp "$certs/client-key.pem" "$certs/client-dir/key.pem"
    port=$(free_port)
    # One daemon on the unix socket AND TCP+TLS: never a second daemon (the machine's one daemon is shared, and a
    # second one started with --bridge=none deletes docker0 under the first).
    dockerd -H unix:///var/run/docker.sock -H "tcp://127.0.0.1:$port" \
      --tlsverify --tlscacert "$certs/ca.pem" --tlscert "$certs/server.pem" --tlskey "$certs/server-key.pem" \
      > "$docker_state/dockerd.log" 2>&1 &
    echo $! > "$docker_state/dockerd.pid"
    echo "$top" > "$docker_state/owner"
    if ! wait_for 60 "dockerd" docker_ping; then
      tail -n 40 "$docker_state/dockerd.log" >&2; die "dockerd did not start (log above)"
    fi
    { echo "DOCKER_HOST_TCP=tcp://127.0.0.1:$port"; echo "DOCKER_CERT_PATH_TCP=$certs/client-dir"; } > "$docker_state/env"
  fi
  set_env DOCKER_HOST_UNIX unix:///var/run/docker.sock
  if [ -f "$docker_state/env" ]; then
    while IFS='=' read -r k v; do set_env "$k" "$v"; done < "$docker_state/env"
  fi
}

# ---------------------------------------------------------------- stop
stop_pidfile() { # stop_pidfile NAME (in .services)
  local f="$state/$1.pid"
  if alive "$f"; then
    local pid; pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped $1 (pid $pid)"
  fi
  rm -f "$f"
}

stop_registry() {
  stop_pidfile registry
  stop_pidfile registry-auth
  if [ -f "$state/registry.data" ]; then rm -rf "$(cat "$state/registry.data")"; rm -f "$state/registry.data"; fi
  if [ -f "$envfile" ]; then
    grep -v '^REGISTRY' "$envfile" > "$envfile.tmp" || true
    mv "$envfile.tmp" "$envfile"
  fi
}

stop_docker() {
  if [ -f "$docker_state/owner" ] && [ "$(cat "$docker_state/owner")" = "$top" ] && alive "$docker_state/dockerd.pid"; then
    local pid; pid=$(cat "$docker_state/dockerd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    log "stopped dockerd (pid $pid)"
    rm -f "$docker_state/dockerd.pid" "$docker_state/owner" "$docker_state/env"
  fi
  if [ -f "$envfile" ]; then
    grep -v '^DOCKER_' "$envfile" > "$envfile.tmp" || true
    mv "$envfile.tmp" "$envfile"
  fi
}

cmd=${1:-start}; shift || true
case "$cmd" in
  start)
    [ $# -eq 0 ] && set -- registry docker
    for what in "$@"; do
      case "$what" in
        registry) start_registry ;;
        docker) start_docker ;;
        *) die "unknown service '$what' (registry, docker)" ;;
      esac
    done
    ;;
  stop)
    [ $# -eq 0 ] && set -- registry docker
    for what in "$@"; do
      case "$what" in
        registry) stop_registry ;;
        docker) stop_docker ;;
        *) die "unknown service '$what' (registry, docker)" ;;
      esac
    done
    [ -s "$envfile" ] || rm -f "$envfile"
    ;;
  env) cat "$envfile" ;;
  *) die "usage: build/services.sh start [registry] [docker] | stop [registry] [docker] | env" ;;
esac
