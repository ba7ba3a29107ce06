#!/usr/bin/env bash
# Rebuilds the golden AccessBox/token vectors from real Go code:
#   v1/  neofs-sdk-go v1.0.0-rc.17 bearer + session v1 tokens, G1/G2/G3 boxes (deterministic)
#   v2/  neofs-s3-gw v0.45.0 authmate.IssueSecret G4 boxes (fresh keys/time each run) + rc.21 v2 tokens
#   g1-upstream/  neofs-s3-gw v0.23.0 creds/accessbox G1 boxes (fresh secrets/nonces each run)
# Usage: tools/golden-box/regen.sh   (writes test/vectors/box/{v1,v2,g1-upstream}.json)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${DEVNET_CACHE:-$HOME/.cache/authmate-devnet}"
export GONOSUMDB='github.com/nspcc-dev/*' GOFLAGS=-mod=mod GOMODCACHE="$cache/go/mod" GOCACHE="$cache/go/build"
mkdir -p "$cache/bin" "$root/test/vectors/box"
for v in v1 v2 g1-upstream; do
  (cd "$here/$v" && go build -o "$cache/bin/golden-box-$v" .)
  "$cache/bin/golden-box-$v" gen > "$root/test/vectors/box/$v.json"
done
echo "wrote $root/test/vectors/box/{v1,v2,g1-upstream}.json"
