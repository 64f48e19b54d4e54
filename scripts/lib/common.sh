# Shared helpers for scripts/*. Source it; do not run it.
set -euo pipefail

LADDER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export LADDER_ROOT

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# wait_for DESCRIPTION TIMEOUT_SECONDS COMMAND...: polls COMMAND until it succeeds.
wait_for() {
  local what="$1" timeout="$2"; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.3
  done
  log "$what is up"
}

# pid_alive PIDFILE: true when the file names a running process.
pid_alive() {
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# stop_pid NAME PIDFILE: TERM, wait up to 20 s, then KILL; removes the pid file.
stop_pid() {
  local name="$1" pidfile="$2"
  if pid_alive "$pidfile"; then
    local pid; pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop in 20 s, killing"
      kill -9 "$pid" 2>/dev/null || true
    fi
    log "$name stopped"
  fi
  rm -f "$pidfile"
}

# ensure_redis_installed: installs Debian's redis-server where it is missing.
ensure_redis_installed() {
  if command -v redis-server >/dev/null 2>&1; then
    return 0
  fi
  log "redis-server not found: installing the Debian package"
  local sudo=""
  [[ "$(id -u)" == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
  # The package may start a system instance on 6379; we run our own, so stop that one.
  $sudo systemctl stop redis-server >/dev/null 2>&1 || $sudo service redis-server stop >/dev/null 2>&1 || true
}

# free_port: prints a TCP port nobody listens on.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
