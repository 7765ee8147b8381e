#!/usr/bin/env bash
# Packs the npm workspace packages (packages/*) as they would be published, into $1.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:?usage: npm-pack.sh <destination directory>}
mkdir -p "$dest"
npm pack --workspaces --silent --pack-destination "$dest" >/dev/null
ls "$dest"/tollgate-x402-client-*.tgz "$dest"/tollgate-x402-server-*.tgz >/dev/null
