# Sourced by setup.sh and test.sh: makes sure the pinned pnpm and the optional system tools are present on a
# fresh machine that has only Node 20. Everything here is idempotent and quiet when there is nothing to do.

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"

ensure_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -lt 20 ]; then
    echo "claw needs Node.js >= 20 (found $(node --version 2>/dev/null || echo none))." >&2
    exit 1
  fi
}

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    return
  fi
  echo "-> installing pnpm $PNPM_VERSION"
  if npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 && command -v pnpm >/dev/null 2>&1; then
    return
  fi
  # No permission for a global install: keep a private copy inside the repo.
  npm install --prefix "$PWD/.tools" "pnpm@$PNPM_VERSION" >/dev/null
  export PATH="$PWD/.tools/node_modules/.bin:$PATH"
}

# ripgrep makes Grep faster (a built-in engine covers its absence); bubblewrap enables the Bash sandbox;
# git is used for the environment block and tests; tmux gives the REPL tests a real pseudo-terminal.
# Installed from Debian's packages when possible.
ensure_system_packages() {
  local missing=()
  command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
  command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
  command -v git >/dev/null 2>&1 || missing+=(git)
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
  [ "${#missing[@]}" -eq 0 ] && return
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "-> installing ${missing[*]} (apt)"
    if ! { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; }; then
      echo "   (could not install ${missing[*]}; claw works without them, with fewer features)" >&2
    fi
  else
    echo "note: optional tools missing: ${missing[*]} (install them for the sandbox and faster Grep)" >&2
  fi
}

ensure_node
ensure_pnpm
ensure_system_packages
