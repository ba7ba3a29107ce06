# Shared settings and helpers for up.sh / down.sh (sourced, not run).
# Everything is configurable through the environment:
#   DEVNET_CACHE      binaries, Go caches and the run pointer  (default ~/.cache/authmate-devnet)
#   DEVNET_BASE_PORT  all ports derive from it, on 127.0.0.1 only (default 9000, see below)
#   DEVNET_RUN_DIR    where the pointer files of the running network live (default
#                     $DEVNET_CACHE/run, or $DEVNET_CACHE/run-<base> for another base port, so
#                     networks on different bases never share a pointer)
#   DEVNET_MAGIC      network magic of the embedded FS chain (default 15405)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"

: "${DEVNET_CACHE:=$HOME/.cache/authmate-devnet}"
: "${DEVNET_BASE_PORT:=9000}"
[[ $DEVNET_BASE_PORT =~ ^[0-9]+$ ]] && ((DEVNET_BASE_PORT >= 1024 && DEVNET_BASE_PORT <= 65400)) \
  || { echo "devnet: DEVNET_BASE_PORT must be a number in 1024..65400" >&2; exit 1; }
if [[ $DEVNET_BASE_PORT == 9000 ]]; then : "${DEVNET_RUN_DIR:=$DEVNET_CACHE/run}"; else : "${DEVNET_RUN_DIR:=$DEVNET_CACHE/run-$DEVNET_BASE_PORT}"; fi
: "${DEVNET_MAGIC:=15405}"
export DEVNET_CACHE

HOST=127.0.0.1
GW_PORTS=($((DEVNET_BASE_PORT + 0)) $((DEVNET_BASE_PORT + 1)))  # two S3 gateways
IR_CTL_PORT=$((DEVNET_BASE_PORT + 12))  # inner ring control gRPC (healthcheck)
RPC_PORT=$((DEVNET_BASE_PORT + 30))     # FS chain JSON-RPC + WebSocket /ws
P2P_PORT=$((DEVNET_BASE_PORT + 33))     # FS chain Neo P2P (consensus)
SN_PORT=$((DEVNET_BASE_PORT + 80))      # storage node NeoFS API gRPC (announced in the netmap)
SN_CTL_PORT=$((DEVNET_BASE_PORT + 81))  # storage node control gRPC
SN_TLS_PORT=$((DEVNET_BASE_PORT + 82))  # storage node NeoFS API gRPC over TLS (devnet CA, grpcs://)
ALL_PORTS=("${GW_PORTS[@]}" "$IR_CTL_PORT" "$RPC_PORT" "$P2P_PORT" "$SN_PORT" "$SN_CTL_PORT" "$SN_TLS_PORT")

NODE_BIN=$DEVNET_CACHE/bin/neofs-node@$NEOFS_NODE_VERSION
S3GW_BIN=$DEVNET_CACHE/bin/neofs-s3-gw@$NEOFS_S3_GW_VERSION
NEOGO_BIN=$DEVNET_CACHE/bin/neo-go@$NEO_GO_VERSION

POINTER_ENV=$DEVNET_RUN_DIR/devnet.env
POINTER_JSON=$DEVNET_RUN_DIR/devnet.json
LEASES=$DEVNET_RUN_DIR/leases

log() { echo "devnet: $*" >&2; }

# Serialise up/down between concurrent callers (several test runs share one network).
# The lock fd must not leak into the daemons, or they would hold the lock forever.
take_lock() {
  mkdir -p "$DEVNET_RUN_DIR" "$LEASES"
  exec 9>"$DEVNET_RUN_DIR/lock"
  if ! flock -n 9; then
    log "waiting for another devnet up/down to finish ($DEVNET_RUN_DIR/lock)"
    flock -w 900 9 || { log "timed out waiting for $DEVNET_RUN_DIR/lock"; exit 1; }
  fi
}

# True when PID is alive and runs one of our pinned binaries (guards against PID reuse).
is_our_pid() {
  local pid=$1 exe
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  [[ $exe == "$DEVNET_CACHE"/bin/* ]]
}

# Stops one recorded daemon: TERM, wait up to 15 s, then KILL. Never touches a PID that is not ours.
stop_pid() {
  local name=$1 pid=$2 i
  is_our_pid "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 75; i++)); do is_our_pid "$pid" || return 0; sleep 0.2; done
  log "$name (pid $pid) ignored SIGTERM for 15s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 25; i++)); do is_our_pid "$pid" || return 0; sleep 0.2; done
  log "$name (pid $pid) still alive after SIGKILL"
  return 1
}

# Stops every daemon recorded in data dir $1, newest first (gateways, storage node, inner ring).
stop_all_in() {
  local d=$1 f rc=0
  [[ -d $d ]] || return 0
  for f in "$d"/run/gw*.pid "$d"/run/sn.pid "$d"/run/ir.pid; do
    [[ -f $f ]] || continue
    stop_pid "$(basename "$f" .pid)" "$(cat "$f")" || rc=1
    rm -f "$f"
  done
  # Anything still running from our binaries with this data dir in its arguments is a leak.
  local pid left=()
  for pid in $(pgrep -f -- "$d/" 2>/dev/null || true); do
    is_our_pid "$pid" && left+=("$pid")
  done
  if ((${#left[@]})); then
    log "left-over processes of $d: ${left[*]}; stopping them"
    for pid in "${left[@]}"; do stop_pid leftover "$pid" || rc=1; done
  fi
  return $rc
}

port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# Prints the tail of every log in data dir $1 on stderr.
print_logs() {
  local f
  for f in "$1"/logs/*.log; do
    [[ -f $f ]] || continue
    echo "----- tail of $f" >&2
    tail -n "${DEVNET_LOG_TAIL:-40}" "$f" >&2
  done
}

# Compressed public key (hex) of the first standard (single-key CheckSig) account of a NEP-6
# wallet: its verification script is 0C 21 <33-byte key> 41 56E7B327, base64 "DCE...".
wallet_pubkey() {
  jq -r '[.accounts[]|select(.contract.script|startswith("DCE"))][0].contract.script' "$1" \
    | base64 -d | od -An -v -tx1 | tr -d ' \n' | cut -c5-70
}
wallet_address() {
  jq -r '[.accounts[]|select(.contract.script|startswith("DCE"))][0].address' "$1"
}

# Live leases (test runs using the network); dead holders are pruned.
live_leases() {
  local f pid n=0
  for f in "$LEASES"/*; do
    [[ -f $f ]] || continue
    pid=$(cat "$f" 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then n=$((n + 1)); else rm -f "$f"; fi
  done
  echo "$n"
}

# ---- daemons of the network in data dir $D (up.sh starts them, restart.sh starts one again) ----
RPC=http://$HOST:$RPC_PORT

# start <name> <cmd>...: daemon in its own session, stdin closed, lock fd not inherited. The log
# is appended to, so a restarted daemon's log keeps what it said before.
start() {
  local n=$1; shift
  setsid "$@" </dev/null >>"$D/logs/$n.log" 2>&1 9>&- &
  echo $! >"$D/run/$n.pid"
}
start_sn() { start sn "$NODE_BIN/neofs-node" --config "$D/sn/config.yml"; }
start_gw() { start "gw$1" "$S3GW_BIN/neofs-s3-gw" --config "$D/gw$1/config.yml"; } # <0|1>
alive() { is_our_pid "$(cat "$D/run/$1.pid")"; }
fail() { log "$*"; exit 1; }
wait_until() { # <what> <timeout s> <daemon to watch> <command...>
  local what=$1 limit=$2 daemon=$3 start=$SECONDS next=$((SECONDS + 10)); shift 3
  until "$@"; do
    alive "$daemon" || fail "$daemon exited while waiting for: $what"
    ((SECONDS - start < limit)) || fail "timed out after ${limit}s waiting for: $what"
    ((SECONDS < next)) || { log "  still waiting for $what ($((SECONDS - start))s)"; next=$((SECONDS + 10)); }
    sleep 1
  done
}
adm() { "$NODE_BIN/neofs-adm" -c "$D/adm.yml" "$@" </dev/null 9>&-; }

# True once the storage node is READY and ONLINE in the current network map. A READY node that
# is not in the map yet (it registers at start) gets there at the next epoch: force one.
sn_online() {
  local out
  out=$("$NODE_BIN/neofs-cli" -c "$D/sn/cli.yml" control healthcheck --endpoint "$HOST:$SN_CTL_PORT" -t 5s 2>&1 9>&- || true)
  [[ $out == *"Network status: ONLINE"* && $out == *"Health status: READY"* ]] && return 0
  # A forced tick may race the IR's own timer and FAULT: ignore, the loop retries.
  [[ $out == *"Health status: READY"* ]] && adm fschain force-new-epoch -r "$RPC" --alphabet-wallets "$D/alphabet" >>"$D/logs/adm.log" 2>&1 || true
  return 1
}
gw_ready() { [[ $(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://$HOST:${GW_PORTS[$1]}/" || true) == 200 ]]; } # <0|1>
