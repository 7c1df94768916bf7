#!/usr/bin/env bash
# Installs what the integration tests need and nothing else:
#  - Debian packages: chromium (headless browser that drives the VS Code web client),
#    libkrb5-dev + pkg-config (code-server's kerberos module compiles from source here),
#    ripgrep (seeded into @vscode/ripgrep's download cache: its postinstall cannot reach GitHub).
#  - code-server 4.100.3 from npm (VS Code 1.100.3 server + built-in js-debug), the last
#    release whose postinstall accepts Node 20, into a cache folder outside the clone.
# Idempotent: a finished install is detected and skipped.
set -euo pipefail
CS_VERSION="${CS_VERSION:-4.100.3}"
CACHE_ROOT="${LEAK_HUNTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/leak-hunter}"
CS_DIR="${CS_DIR:-$CACHE_ROOT/code-server-$CS_VERSION}"
MARKER="$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"

need_pkgs=()
for p in chromium libkrb5-dev ripgrep pkg-config; do
  dpkg -s "$p" >/dev/null 2>&1 || need_pkgs+=("$p")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "[setup] apt-get install ${need_pkgs[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
  elif ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
    echo "[setup] missing: ${need_pkgs[*]}. Install Chromium (or set CHROMIUM_PATH to a Chrome/Chromium binary)," >&2
    echo "        and, to build code-server, the Kerberos headers (libkrb5-dev), pkg-config and ripgrep." >&2
    exit 1
  fi
fi

if [ -f "$MARKER" ]; then
  echo "[setup] code-server $CS_VERSION ready in $CS_DIR"
  exit 0
fi

echo "[setup] installing code-server $CS_VERSION into $CS_DIR (about 2 minutes)"
rm -rf "$CS_DIR.partial"
mkdir -p "$CS_DIR.partial/tmp"
RG_VER=1.15.11   # the @vscode/ripgrep version code-server 4.100.3 pins
CACHE="$CS_DIR.partial/tmp/vscode-ripgrep-cache-$RG_VER"
mkdir -p "$CACHE" "$CS_DIR.partial/tmp/rg"
cp "$(command -v rg)" "$CS_DIR.partial/tmp/rg/rg"
tar czf "$CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$CS_DIR.partial/tmp/rg" rg
cd "$CS_DIR.partial"
echo '{"name":"code-server-host","private":true}' > package.json
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which a user .npmrc with yes=false cancels.
# unsafe-perm: code-server's postinstall insists on it when run as root.
TMPDIR="$CS_DIR.partial/tmp" npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" 2>&1 | grep -v 'nodedir' || true
test -x "node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" || {
  echo "[setup] code-server install failed (see output above)" >&2; exit 1; }
rm -rf tmp
cd /
rm -rf "$CS_DIR" && mv "$CS_DIR.partial" "$CS_DIR"
echo "[setup] code-server $CS_VERSION installed in $CS_DIR"
