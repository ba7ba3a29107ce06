#!/usr/bin/env bash
# Starts one daemon of the running local network again, as up.sh started it (same binary,
# config, pid file; its log is appended to), and waits until it serves: for fault tests (a node
# or gateway that crashed or was restarted) and by hand. A daemon still running is stopped first
# (SIGTERM, as down.sh does); a dead one is only started. down.sh stops the new one as any other.
#
# Usage: restart.sh <sn|gw0|gw1>
# Env:   see common.sh (DEVNET_CACHE, DEVNET_BASE_PORT, DEVNET_RUN_DIR)
# Waits: sn until READY and ONLINE in the network map (an epoch is forced if it is not in the
#        map) and answering the NeoFS API; a gateway until HTTP 200 on /.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/common.sh"

name=${1:-}
case $name in
  sn | gw0 | gw1) ;;
  *) echo "usage: restart.sh <sn|gw0|gw1>" >&2; exit 2 ;;
esac

t0=$SECONDS
take_lock # not while up.sh checks the network's health or down.sh stops it
[[ -f $POINTER_ENV ]] || fail "no devnet recorded in $DEVNET_RUN_DIR; start one with: npm run devnet:up"
D=$(sed -n 's/^DEVNET_DIR=//p' "$POINTER_ENV")
[[ -f $D/$name/config.yml ]] || fail "$D/$name/config.yml not found: is $D a network up.sh started?"

ok=
on_exit() {
  [[ -n $ok ]] && return 0
  set +e
  log "restarting $name FAILED after $((SECONDS - t0))s; tail of its log:"
  tail -n "${DEVNET_LOG_TAIL:-40}" "$D/logs/$name.log" >&2
}
trap on_exit EXIT

old=$(cat "$D/run/$name.pid" 2>/dev/null || true)
if is_our_pid "$old"; then
  log "stopping $name (pid $old)"
  stop_pid "$name" "$old" || fail "could not stop $name (pid $old)"
fi

# Its ports are freed when it dies; a port someone else took would make the start fail unclearly.
case $name in
  sn) ports=("$SN_PORT" "$SN_TLS_PORT" "$SN_CTL_PORT") ;;
  gw*) ports=("${GW_PORTS[${name#gw}]}") ;;
esac
for p in "${ports[@]}"; do port_busy "$p" && fail "port $p on $HOST is still in use; cannot start $name"; done

echo "----- restarted by restart.sh at $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$D/logs/$name.log"
case $name in
  sn)
    start_sn
    wait_until "storage node ONLINE in the netmap" 240 sn sn_online
    # The control port answering is not the API: wait for a real NeoFS API call too.
    sn_api() { "$NODE_BIN/neofs-cli" -c "$D/sn/cli.yml" netmap epoch -r "$HOST:$SN_PORT" -t 5s >/dev/null 2>&1 9>&-; }
    wait_until "storage node answering the NeoFS API on $HOST:$SN_PORT" 60 sn sn_api
    ;;
  gw*)
    start_gw "${name#gw}"
    wait_until "S3 gateway ${name#gw} HTTP 200" 120 "$name" gw_ready "${name#gw}"
    ;;
esac
ok=1
log "$name restarted (pid $(cat "$D/run/$name.pid")) and serving after $((SECONDS - t0))s"
