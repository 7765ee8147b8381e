#!/usr/bin/env bash
# Installs the JavaScript tooling pinned in package-lock.json, once per lockfile change.
# `npm ci` wipes node_modules every time; the stamp keeps repeated Maven builds fast.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.tollgate-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is required (Node.js 20+); install nodejs and npm" >&2; exit 1; }
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
