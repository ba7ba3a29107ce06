#!/usr/bin/env bash
# The main job, end to end on a local NeoFS network (`npm run demo`):
#   1. install the pinned NeoFS peers (cached) and start the network (or reuse a running one),
#   2. issue S3 credentials with our issue-secret for both gateways,
#   3. use them through the real neofs-s3-gw with an AWS S3 client,
#   4. obtain the secret back with a gateway's wallet.
# A network this script started is stopped at the end (DEVNET_KEEP=1 keeps it running).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

say "installing the pinned NeoFS peers (first run builds them from the Go module proxy)"
bash scripts/devnet/install.sh node s3gw

say "starting the local NeoFS network (inner ring + storage node + two S3 gateways)"
lease="demo-$$"
if [[ -z ${DEVNET_KEEP:-} ]]; then
  export DEVNET_LEASE=$lease DEVNET_LEASE_PID=$$
  trap 'bash scripts/devnet/down.sh --release "$lease" >&2' EXIT
fi
info=$(bash scripts/devnet/up.sh)
# jget <json file> <path like users[0].path>
jget() { node -e 'let v=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); for (const k of process.argv[2].match(/[^.[\]]+/g)) v=v[k]; console.log(v)' "$1" "$2"; }
field() { jget "$info" "$1"; }
peer=$(field peer)
user_wallet=$(field 'users[0].path')
gate0_key=$(field 'gateways[0].publicKey') gate1_key=$(field 'gateways[1].publicKey')
gate0_endpoint=$(field 'gateways[0].endpoint')
gate1_wallet=$(field 'gateways[1].walletPath')
export AUTHMATE_WALLET_PASSPHRASE=$(field 'users[0].password')

say "authmate issue-secret (user wallet $user_wallet, gates $gate0_key and $gate1_key)"
creds=$(mktemp)
node bin/authmate.js issue-secret --wallet "$user_wallet" --peer "$peer" \
  --gate-public-key "$gate0_key" --gate-public-key "$gate1_key" \
  --container-placement-policy 'REP 1' --box-format g4 --lifetime 1h >"$creds"
cat "$creds"
akid=$(jget "$creds" access_key_id)
secret=$(jget "$creds" secret_access_key)

say "S3 through the real neofs-s3-gw at $gate0_endpoint with these credentials"
AWS_ACCESS_KEY_ID=$akid AWS_SECRET_ACCESS_KEY=$secret node scripts/demo-s3.mjs "$gate0_endpoint"

say "authmate obtain-secret with the wallet of the second gateway"
obtained=$(mktemp)
AUTHMATE_WALLET_GATE_PASSPHRASE=$(field 'gateways[1].walletPassword') \
  node bin/authmate.js obtain-secret --peer "$peer" --gate-wallet "$gate1_wallet" --access-key-id "$akid" >"$obtained"
cat "$obtained"
got=$(jget "$obtained" secret_access_key)
rm -f "$creds" "$obtained"
if [[ $got != "$secret" ]]; then
  echo "demo: obtained secret differs from the issued one" >&2
  exit 1
fi
say "demo passed: issued, used through the S3 gateway, and obtained back"
