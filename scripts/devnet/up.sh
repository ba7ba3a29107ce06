#!/usr/bin/env bash
# Starts a local NeoFS network on 127.0.0.1: one inner ring with its embedded FS chain
# (contracts auto-deployed), one storage node, two S3 gateways; or reuses the running one.
#
# Usage: up.sh            (npm run devnet:up)
# Env:   see common.sh (DEVNET_CACHE, DEVNET_BASE_PORT, ...), plus
#   DEVNET_LEASE=<id>     register a lease for a test run (pid in DEVNET_LEASE_PID, default the
#                         parent's); a network started with a lease is stopped by the last
#                         `down.sh --release <id>`; one started without (or with DEVNET_KEEP=1)
#                         is left to `down.sh`.
#   DEVNET_EPOCH_DURATION seconds between automatic epoch ticks (default 3600)
#   DEVNET_MAX_TIME_PER_BLOCK  longest gap between FS chain blocks when idle (default 2s). It bounds
#                         both the start time (contract auto-deploy waits for next blocks) and
#                         how far chain time (used to check session v2 iat/nbf/exp) lags real time.
# Output: stdout = path of the pointer JSON ($DEVNET_RUN_DIR/devnet.json); progress on stderr.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/common.sh"
: "${DEVNET_EPOCH_DURATION:=3600}"
: "${DEVNET_MAX_TIME_PER_BLOCK:=2s}"

t0=$SECONDS
take_lock

add_lease() {
  [[ -n ${DEVNET_LEASE:-} ]] || return 0
  [[ $DEVNET_LEASE =~ ^[A-Za-z0-9._-]+$ ]] || { log "bad DEVNET_LEASE '$DEVNET_LEASE'"; exit 1; }
  echo "${DEVNET_LEASE_PID:-$PPID}" >"$LEASES/$DEVNET_LEASE"
}

summary() { # <pointer json>: what tests and the demo need, on stderr
  jq -r '"devnet: peer \(.peer), FS chain \(.rpcEndpoint), data \(.dataDir)",
    (.gateways | to_entries[] | "devnet:   S3 gateway \(.key) (\(.value.version)): \(.value.endpoint)  gate public key: \(.value.publicKey)"),
    (.users | to_entries[] | "devnet:   user\(.key + 1) wallet: \(.value.path) (password \(.value.password))")' "$1" >&2
  log "  pointer: $POINTER_ENV (shell) / $POINTER_JSON (tests); stop with: npm run devnet:down"
}

# ---- 0. reuse a healthy running network -------------------------------------------------
healthy() { # <data dir>
  local d=$1 f out
  [[ -d $d ]] || return 1
  for f in "$d"/run/ir.pid "$d"/run/sn.pid "$d"/run/gw0.pid "$d"/run/gw1.pid; do
    [[ -f $f ]] && is_our_pid "$(cat "$f")" || return 1
  done
  out=$("$NODE_BIN/neofs-cli" -c "$d/sn/cli.yml" control healthcheck --endpoint "$HOST:$SN_CTL_PORT" -t 5s 2>&1 || true)
  [[ $out == *"Network status: ONLINE"* && $out == *"Health status: READY"* ]] || return 1
  gw_ready 0 && gw_ready 1
}

if [[ -f $POINTER_ENV ]]; then
  old=$(sed -n 's/^DEVNET_DIR=//p' "$POINTER_ENV")
  old_base=$(sed -n 's/^DEVNET_BASE_PORT=//p' "$POINTER_ENV")
  if [[ $old_base != "$DEVNET_BASE_PORT" ]]; then
    log "$DEVNET_RUN_DIR records a devnet on base port $old_base, not $DEVNET_BASE_PORT; use another DEVNET_RUN_DIR or stop that one first"
    exit 1
  fi
  # A loaded machine can make one probe time out: ask three times before restarting a network
  # that other test runs may be using.
  for attempt in 1 2 3; do
    if healthy "$old"; then
      add_lease
      # `devnet:up` by hand (or DEVNET_KEEP=1) adopts a network a test run started: keep it running.
      if [[ -z ${DEVNET_LEASE:-} || -n ${DEVNET_KEEP:-} ]] && [[ $(jq -r .startedBy "$POINTER_JSON") != manual ]]; then
        jq '.startedBy = "manual"' "$POINTER_JSON" >"$POINTER_JSON.tmp" && mv "$POINTER_JSON.tmp" "$POINTER_JSON"
        log "the running devnet will now be kept until npm run devnet:down"
      fi
      log "reusing the running devnet in $old (healthy; checked in $((SECONDS - t0))s)"
      summary "$POINTER_JSON"
      echo "$POINTER_JSON"
      exit 0
    fi
    ((attempt < 3)) && sleep 2
  done
  log "the recorded devnet ($old) is not healthy: stopping what is left of it and starting afresh"
  stop_all_in "$old" || { log "could not stop the old devnet; see above"; exit 1; }
  [[ -n $old && -d $old && -z ${DEVNET_KEEP_DATA:-} ]] && rm -rf "$old"
  rm -f "$POINTER_ENV" "$POINTER_JSON" "$LEASES"/*
fi

# ---- 1. binaries (cached; built on the first run only) ----------------------------------
bash "$here/install.sh" node s3gw
for b in "$NODE_BIN"/neofs-{ir,node,cli,adm} "$S3GW_BIN"/neofs-s3-{gw,authmate}; do
  [[ -x $b ]] || { log "missing binary $b"; exit 1; }
done
for t in jq curl base64 od flock pgrep openssl; do command -v "$t" >/dev/null || { log "missing tool: $t"; exit 1; }; done

# ---- 2. ports ---------------------------------------------------------------------------
busy=()
for p in "${ALL_PORTS[@]}"; do port_busy "$p" && busy+=("$p"); done
if ((${#busy[@]})); then
  log "port(s) already in use on $HOST: ${busy[*]} (ports derive from DEVNET_BASE_PORT=$DEVNET_BASE_PORT; pick another base)"
  exit 1
fi

# ---- 3. data dir, failure handling -------------------------------------------------------
D=$(mktemp -d "${TMPDIR:-/tmp}/authmate-devnet.XXXXXX")
mkdir -p "$D"/{alphabet,ir,sn,gw0,gw1,user1,user2,logs,run}
log "data dir: $D"
ok=
on_exit() {
  [[ -n $ok ]] && return 0
  # Clean up even when stderr is gone (SIGPIPE) or we were interrupted.
  set +e
  trap '' PIPE INT TERM HUP
  log "start FAILED after $((SECONDS - t0))s; logs follow (data kept in $D)"
  print_logs "$D"
  stop_all_in "$D" || true
}
trap on_exit EXIT
trap 'exit 130' INT TERM HUP
trap 'exit 141' PIPE

IR_PASS=ir-pass SN_PASS=sn-pass
GW_PASS=(gw0-pass gw1-pass)
USER_PASS=(user1-pass user2-pass)

cat >"$D/adm.yml" <<EOF
rpc-endpoint: $RPC
alphabet-wallets: $D/alphabet
credentials:
  alphabet0: "$IR_PASS"
storage:
  sn: "$SN_PASS"
  gw0: "${GW_PASS[0]}"
  gw1: "${GW_PASS[1]}"
  user1: "${USER_PASS[0]}"
  user2: "${USER_PASS[1]}"
EOF
NET=(-r "$RPC" --alphabet-wallets "$D/alphabet")

# ---- 4. inner ring ----------------------------------------------------------------------
adm fschain generate-alphabet --size 1 --alphabet-wallets "$D/alphabet" >"$D/logs/adm.log" 2>&1 \
  || fail "neofs-adm generate-alphabet failed: $(cat "$D/logs/adm.log")"
IRW=$D/alphabet/alphabet0.json
IR_PUB=$(wallet_pubkey "$IRW")
IR_ADDR=$(wallet_address "$IRW")
cat >"$D/ir/config.yml" <<EOF
logger: {level: info, timestamp: true}
wallet: {path: "$IRW", address: "$IR_ADDR", password: "$IR_PASS"}
fschain:
  consensus:
    magic: $DEVNET_MAGIC
    committee: ["$IR_PUB"]
    storage: {type: boltdb, path: "$D/ir/chain.bolt"}
    time_per_block: 50ms
    max_time_per_block: $DEVNET_MAX_TIME_PER_BLOCK
    max_traceable_blocks: 200000
    seed_nodes: ["$HOST:$P2P_PORT"]
    rpc: {listen: ["$HOST:$RPC_PORT"], session_pool_size: 50}
    p2p:
      listen: ["$HOST:$P2P_PORT"]
      dial_timeout: 3s
      proto_tick_interval: 2s
      peers: {min: 0, max: 10, attempts: 5}
      ping: {interval: 30s, timeout: 90s}
    set_roles_in_genesis: true
node: {persistent_state: {path: "$D/ir/state"}}
control: {grpc: {endpoint: "$HOST:$IR_CTL_PORT"}}
pprof: {enabled: false}
prometheus: {enabled: false}
EOF
printf 'wallet: "%s"\npassword: "%s"\n' "$IRW" "$IR_PASS" >"$D/ir/cli.yml"

log "starting the inner ring (embedded FS chain, contract auto-deploy)"
start ir "$NODE_BIN/neofs-ir" --config "$D/ir/config.yml"
ir_ready() {
  local out
  out=$("$NODE_BIN/neofs-cli" -c "$D/ir/cli.yml" control healthcheck --ir --endpoint "$HOST:$IR_CTL_PORT" -t 5s 2>&1 9>&- || true)
  [[ $out == *"Health status: READY"* ]]
}
wait_until "inner ring READY" 300 ir ir_ready
log "inner ring READY after $((SECONDS - t0))s"

# ---- 5. wallets: SN funded (it makes a notary deposit at start), others get the minimum ----
# Each call spends ~1.5 s of CPU on scrypt and waits for its transfer: run them side by side.
gen_wallet() { # <dir> <label> <gas>
  adm fschain generate-storage-wallet "${NET[@]}" --storage-wallet "$D/$1/wallet.json" --label "$2" --initial-gas "$3" \
    >"$D/logs/adm-wallet-$2.log" 2>&1
}
jobs_=()
gen_wallet sn sn 1000 & jobs_+=("$!:sn")
for i in 0 1; do gen_wallet "gw$i" "gw$i" 1 & jobs_+=("$!:gw$i"); done
for i in 1 2; do gen_wallet "user$i" "user$i" 1 & jobs_+=("$!:user$i"); done
for j in "${jobs_[@]}"; do
  wait "${j%%:*}" || fail "neofs-adm generate-storage-wallet ${j#*:} failed: $(tail -n 20 "$D/logs/adm-wallet-${j#*:}.log")"
done
log "wallets created and funded ($((SECONDS - t0))s)"

# ---- 6. storage node ----------------------------------------------------------------------
# A throw-away CA for this network and a certificate for 127.0.0.1 signed by it: the node also
# serves the NeoFS API over TLS, so clients can be tested with grpcs:// and a CA they must trust.
mkdir -p "$D/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=authmate devnet CA" \
  -keyout "$D/tls/ca.key" -out "$D/tls/ca.pem" >"$D/logs/tls.log" 2>&1 || fail "openssl: CA: $(tail -n 5 "$D/logs/tls.log")"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$HOST" \
  -keyout "$D/tls/node.key" -out "$D/tls/node.csr" >>"$D/logs/tls.log" 2>&1 || fail "openssl: key: $(tail -n 5 "$D/logs/tls.log")"
printf 'subjectAltName=IP:%s\n' "$HOST" >"$D/tls/san.ext"
openssl x509 -req -in "$D/tls/node.csr" -CA "$D/tls/ca.pem" -CAkey "$D/tls/ca.key" -CAcreateserial -days 2 \
  -extfile "$D/tls/san.ext" -out "$D/tls/node.pem" >>"$D/logs/tls.log" 2>&1 || fail "openssl: cert: $(tail -n 5 "$D/logs/tls.log")"
cat >"$D/sn/config.yml" <<EOF
logger: {level: info, timestamp: true}
node:
  wallet: {path: "$D/sn/wallet.json", password: "$SN_PASS"}
  addresses: ["grpc://$HOST:$SN_PORT"]
  attributes: ["Deployed:Private"]
  persistent_state: {path: "$D/sn/state"}
grpc:
  - endpoint: "$HOST:$SN_PORT"
  - endpoint: "$HOST:$SN_TLS_PORT"
    tls: {enabled: true, certificate: "$D/tls/node.pem", key: "$D/tls/node.key"}
control: {grpc: {endpoint: "$HOST:$SN_CTL_PORT"}}
fschain: {endpoints: ["ws://$HOST:$RPC_PORT/ws"], dial_timeout: 20s, quota_ttl: 5s}
storage:
  # A shard whose put pool is momentarily full answers Busy at once by default; after hundreds of
  # puts in a bench run that happened to 1 put in ~100 here. Retry inside the node instead.
  put_retry_timeout: 5s
  shards:
    - writecache: {enabled: false}
      metabase: {path: "$D/sn/meta.db"}
      blobstor: {type: fstree, path: "$D/sn/blob"}
pprof: {enabled: false}
prometheus: {enabled: false}
EOF
"$NODE_BIN/neofs-node" --config "$D/sn/config.yml" --check >"$D/logs/sn-check.log" 2>&1 \
  || fail "storage node config rejected: $(cat "$D/logs/sn-check.log")"
printf 'wallet: "%s"\npassword: "%s"\n' "$D/sn/wallet.json" "$SN_PASS" >"$D/sn/cli.yml"
log "starting the storage node"
start_sn

# The node registers itself; it enters the netmap at the next epoch: sn_online ticks until ONLINE.
wait_until "storage node ONLINE in the netmap" 240 sn sn_online
log "storage node ONLINE after $((SECONDS - t0))s"

# ---- 7. network settings: free containers and aliases (S3 buckets), slow automatic epochs ---
adm fschain set-config "${NET[@]}" ContainerFee=0 ContainerAliasFee=0 "EpochDuration=$DEVNET_EPOCH_DURATION" \
  >>"$D/logs/adm.log" 2>&1 || fail "neofs-adm set-config failed: $(tail -n 20 "$D/logs/adm.log")"
adm fschain force-new-epoch "${NET[@]}" >>"$D/logs/adm.log" 2>&1 || fail "force-new-epoch failed: $(tail -n 20 "$D/logs/adm.log")"
wait_until "storage node ONLINE after the settings epoch" 120 sn sn_online
log "network settings applied ($((SECONDS - t0))s)"

# ---- 8. two S3 gateways --------------------------------------------------------------------
GW_PUB=()
for i in 0 1; do
  port=${GW_PORTS[$i]}
  cat >"$D/gw$i/config.yml" <<EOF
wallet: {path: "$D/gw$i/wallet.json", passphrase: "${GW_PASS[$i]}"}
peers:
  - {address: "grpc://$HOST:$SN_PORT", priority: 1, weight: 1}
server:
  - address: "$HOST:$port"
fschain: {endpoints: ["$RPC"]}
placement_policy: {default: "REP 1"}
logger: {level: info, timestamp: true}
pprof: {enabled: false}
prometheus: {enabled: false}
EOF
  GW_PUB[$i]=$(wallet_pubkey "$D/gw$i/wallet.json")
  log "starting S3 gateway $i ($NEOFS_S3_GW_VERSION) on http://$HOST:$port, gate public key ${GW_PUB[$i]}"
  start_gw "$i"
done
for i in 0 1; do wait_until "S3 gateway $i HTTP 200" 120 "gw$i" gw_ready "$i"; done

# ---- 9. pointer files for tests and the demo ------------------------------------------------
users_json=$(for i in 1 2; do
  jq -n --arg path "$D/user$i/wallet.json" --arg password "${USER_PASS[$((i - 1))]}" \
    --arg address "$(wallet_address "$D/user$i/wallet.json")" --arg publicKey "$(wallet_pubkey "$D/user$i/wallet.json")" \
    '{path:$path,password:$password,address:$address,publicKey:$publicKey}'
done | jq -s .)
gws_json=$(for i in 0 1; do
  jq -n --arg endpoint "http://$HOST:${GW_PORTS[$i]}" --arg walletPath "$D/gw$i/wallet.json" \
    --arg walletPassword "${GW_PASS[$i]}" --arg publicKey "${GW_PUB[$i]}" \
    --arg address "$(wallet_address "$D/gw$i/wallet.json")" --arg version "$NEOFS_S3_GW_VERSION" \
    --arg log "$D/logs/gw$i.log" \
    '{endpoint:$endpoint,walletPath:$walletPath,walletPassword:$walletPassword,publicKey:$publicKey,address:$address,version:$version,log:$log}'
done | jq -s .)
started_by=manual; [[ -n ${DEVNET_LEASE:-} && -z ${DEVNET_KEEP:-} ]] && started_by=lease
jq -n --arg dataDir "$D" --arg peer "$HOST:$SN_PORT" --arg tlsPeer "grpcs://$HOST:$SN_TLS_PORT" --arg tlsCa "$D/tls/ca.pem" --arg rpcEndpoint "$RPC" \
  --argjson users "$users_json" --argjson gateways "$gws_json" \
  --arg nodeBin "$NODE_BIN" --arg s3gwBin "$S3GW_BIN" --arg neogoBin "$NEOGO_BIN" \
  --arg nodeVersion "$NEOFS_NODE_VERSION" --arg s3gwVersion "$NEOFS_S3_GW_VERSION" --arg neogoVersion "$NEO_GO_VERSION" \
  --arg admConfig "$D/adm.yml" --arg alphabetDir "$D/alphabet" --arg irPublicKey "$IR_PUB" \
  --argjson magic "$DEVNET_MAGIC" --argjson epochDuration "$DEVNET_EPOCH_DURATION" \
  --arg maxTimePerBlock "$DEVNET_MAX_TIME_PER_BLOCK" \
  --argjson basePort "$DEVNET_BASE_PORT" --arg startedBy "$started_by" \
  --arg startedAt "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --argjson startSeconds $((SECONDS - t0)) \
  '{dataDir:$dataDir, peer:$peer, tlsPeer:$tlsPeer, tlsCa:$tlsCa, rpcEndpoint:$rpcEndpoint, users:$users, gateways:$gateways,
    binDirs:{node:$nodeBin, s3gw:$s3gwBin, neogo:$neogoBin},
    versions:{neofsNode:$nodeVersion, s3gw:$s3gwVersion, neoGo:$neogoVersion},
    admConfig:$admConfig, alphabetDir:$alphabetDir, irPublicKey:$irPublicKey,
    magic:$magic, epochDuration:$epochDuration, maxTimePerBlock:$maxTimePerBlock, basePort:$basePort,
    startedBy:$startedBy, startedAt:$startedAt, startSeconds:$startSeconds}' >"$D/devnet.json"
{
  echo "DEVNET_DIR=$D"
  echo "DEVNET_BASE_PORT=$DEVNET_BASE_PORT"
  echo "NEOFS_PEER=$HOST:$SN_PORT"
  echo "FSCHAIN_RPC=$RPC"
  for i in 0 1; do
    echo "S3_GW${i}_ENDPOINT=http://$HOST:${GW_PORTS[$i]}"
    echo "S3_GW${i}_PUBLIC_KEY=${GW_PUB[$i]}"
    echo "S3_GW${i}_WALLET=$D/gw$i/wallet.json"
  done
  for i in 1 2; do
    echo "USER${i}_WALLET=$D/user$i/wallet.json"
    echo "USER${i}_PASSWORD=${USER_PASS[$((i - 1))]}"
  done
  echo "NEOFS_BIN=$NODE_BIN"
  echo "S3GW_BIN=$S3GW_BIN"
} >"$D/devnet.env"
cp "$D/devnet.json" "$POINTER_JSON.tmp" && mv "$POINTER_JSON.tmp" "$POINTER_JSON"
cp "$D/devnet.env" "$POINTER_ENV.tmp" && mv "$POINTER_ENV.tmp" "$POINTER_ENV"
add_lease
ok=1

log "devnet up in $((SECONDS - t0))s"
summary "$POINTER_JSON"
echo "$POINTER_JSON"
