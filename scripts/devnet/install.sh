#!/usr/bin/env bash
# Installs the pinned NeoFS peers from the Go module proxy into a cache outside the clone.
# Each component@version is built in a throw-away wrapper module (go.mod only) so that
# dependency versions the proxy refuses can be pinned to the nearest served tag, and lands in
# its own folder, written atomically and reused when present.
# Usage: install.sh [node|s3gw|neogo]...   (default: all)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"
: "${DEVNET_CACHE:=$HOME/.cache/authmate-devnet}"
export GOMODCACHE="$DEVNET_CACHE/go/mod" GOCACHE="$DEVNET_CACHE/go/build" CGO_ENABLED=0
# The proxy's checksum-database mirror answers 404 for several nspcc-dev modules; their
# integrity then rests on the proxy's own zip hashes.
export GONOSUMDB="github.com/nspcc-dev/*" GOFLAGS=-mod=mod
mkdir -p "$DEVNET_CACHE/bin"

tmp=
trap '[[ -n $tmp ]] && rm -rf "$tmp"' EXIT

build() { # <dest> <module> <version> <-X symbol> <extra require lines> <package>...
  local dest=$1 mod=$2 ver=$3 xsym=$4 extra=$5; shift 5
  [[ -f $dest/.complete ]] && return 0
  # One build per component@version at a time: a concurrent caller waits, then reuses it.
  exec 8>"$dest.lock"
  if ! flock -n 8; then
    echo "devnet: waiting for another build of $(basename "$dest")" >&2
    flock 8
  fi
  if [[ -f $dest/.complete ]]; then exec 8>&-; return 0; fi
  echo "devnet: building $(basename "$dest") (first run only; this takes minutes)" >&2
  tmp=$(mktemp -d "$DEVNET_CACHE/tmp.XXXXXX")
  mkdir -p "$tmp/src" "$tmp/bin"
  printf 'module authmate-devnet/peers\n\ngo 1.25.0\n\nrequire %s %s\n%s\n' "$mod" "$ver" "$extra" >"$tmp/src/go.mod"
  local start=$SECONDS
  if ! (cd "$tmp/src" && go build -trimpath -ldflags "-s -w -X $xsym=${ver#v}" -o "$tmp/bin/" "$@" 8>&-); then
    echo "devnet: building $(basename "$dest") FAILED (module $mod $ver${extra:+, $extra}); see the go output above" >&2
    exit 1
  fi
  touch "$tmp/bin/.complete"; rm -rf "$dest"; mv "$tmp/bin" "$dest"; rm -rf "$tmp"; tmp=
  exec 8>&-
  echo "devnet: built $(basename "$dest") in $((SECONDS - start))s" >&2
}

install_node() {
  build "$DEVNET_CACHE/bin/neofs-node@$NEOFS_NODE_VERSION" github.com/nspcc-dev/neofs-node "$NEOFS_NODE_VERSION" \
    github.com/nspcc-dev/neofs-node/misc.Version "" \
    github.com/nspcc-dev/neofs-node/cmd/neofs-{ir,node,cli,adm}
}
install_s3gw() {
  local d="$DEVNET_CACHE/bin/neofs-s3-gw@$NEOFS_S3_GW_VERSION"
  build "$d" github.com/nspcc-dev/neofs-s3-gw "$NEOFS_S3_GW_VERSION" \
    github.com/nspcc-dev/neofs-s3-gw/internal/version.Version \
    "${NEOFS_S3_GW_SDK_OVERRIDE:+require github.com/nspcc-dev/neofs-sdk-go $NEOFS_S3_GW_SDK_OVERRIDE}" \
    github.com/nspcc-dev/neofs-s3-gw/cmd/s3-{gw,authmate}
  [[ -e $d/neofs-s3-gw ]] || ln -s s3-gw "$d/neofs-s3-gw"
  [[ -e $d/neofs-s3-authmate ]] || ln -s s3-authmate "$d/neofs-s3-authmate"
}
install_neogo() {
  local d="$DEVNET_CACHE/bin/neo-go@$NEO_GO_VERSION"
  build "$d" github.com/nspcc-dev/neo-go "$NEO_GO_VERSION" github.com/nspcc-dev/neo-go/pkg/config.Version "" \
    github.com/nspcc-dev/neo-go/cli
  [[ -e $d/neo-go ]] || ln -s cli "$d/neo-go"
}

targets=("$@"); [[ ${#targets[@]} -gt 0 ]] || targets=(node s3gw neogo)
for t in "${targets[@]}"; do "install_$t"; done
