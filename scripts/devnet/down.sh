#!/usr/bin/env bash
# Stops the local NeoFS network recorded in $DEVNET_RUN_DIR and removes its data dir.
#
# Usage: down.sh                   (npm run devnet:down) stop it, whoever started it
#        down.sh --release <id>    a test run is done with it: drop its lease, and stop the
#                                  network only if a test run started it and no live lease is left
# Env:   DEVNET_KEEP_DATA=1 keeps the data dir (logs) after stopping.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/common.sh"

release=
case ${1:-} in
  --release) release=${2:?down.sh --release <lease id>} ;;
  "") ;;
  *) echo "usage: down.sh [--release <lease id>]" >&2; exit 2 ;;
esac

take_lock
if [[ ! -f $POINTER_ENV ]]; then
  log "no devnet recorded in $DEVNET_RUN_DIR; nothing to stop"
  exit 0
fi
D=$(sed -n 's/^DEVNET_DIR=//p' "$POINTER_ENV")

if [[ -n $release ]]; then
  rm -f "$LEASES/$release"
  started_by=$(jq -r '.startedBy // "manual"' "$POINTER_JSON" 2>/dev/null || echo manual)
  n=$(live_leases)
  if [[ $started_by != lease ]]; then
    log "leaving the devnet running (started by devnet:up, not by a test run)"
    exit 0
  fi
  if ((n > 0)); then
    log "leaving the devnet running ($n other test run(s) still use it)"
    exit 0
  fi
fi

log "stopping the devnet in $D"
rc=0
stop_all_in "$D" || rc=1
rm -f "$POINTER_ENV" "$POINTER_JSON" "$LEASES"/*
if ((rc)); then
  log "some processes could not be stopped; data kept in $D"
  exit 1
fi
if [[ -n ${DEVNET_KEEP_DATA:-} ]]; then
  log "stopped; data kept in $D"
else
  # Only remove what up.sh created (a mktemp dir named authmate-devnet.*).
  [[ $(basename "$D") == authmate-devnet.* ]] && rm -rf "$D"
  log "stopped; data removed"
fi
