#!/usr/bin/env bash
# Installs code-server (a real VS Code) for the integration test. Its postinstall builds native
# modules with Node 24, which npm ships as the `node` package: install that first, then
# code-server with it on PATH. Debian packages it needs: build-essential pkg-config libkrb5-dev
# libx11-dev libxkbfile-dev libsecret-1-dev (and chromium to drive it).
set -euo pipefail
cd "$(dirname "$0")"
VERSION=4.139.1
ENTRY=node_modules/code-server/out/node/entry.js
NODE24="$PWD/node_modules/node/bin/node"
if [ -x "$NODE24" ] && [ -f "$ENTRY" ] && "$NODE24" "$ENTRY" --version 2>/dev/null | grep -q "^$VERSION "; then
  echo "code-server $VERSION already installed"; exit 0
fi
# A half-finished earlier install breaks native rebuilds: start clean.
rm -rf node_modules
# When run through `npm run`, the outer npm's settings (its user agent names Node 20, which
# code-server's postinstall checks) must not leak into the installs below.
for v in $(env | grep -o '^npm_[A-Za-z_]*' || true); do unset "$v"; done
npm install --no-audit --no-fund
PATH="$PWD/node_modules/node/bin:$PATH" npm install --no-audit --no-fund --no-save "code-server@$VERSION"
"$NODE24" "$ENTRY" --version
