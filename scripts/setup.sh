#!/usr/bin/env bash
# One command on a fresh machine with Node 20: installs everything, builds, and runs `claw doctor`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh

echo "-> installing dependencies"
pnpm install --frozen-lockfile
echo "-> building"
pnpm turbo run build --output-logs=errors-only

# Put `claw` on PATH when the global bin dir is writable; otherwise say how to run it.
bin_dir="$(npm prefix -g 2>/dev/null)/bin"
if [ -d "$bin_dir" ] && [ -w "$bin_dir" ]; then
  ln -sf "$PWD/apps/cli/bin/run.js" "$bin_dir/claw"
  echo "-> linked $bin_dir/claw"
  claw_cmd="claw"
else
  claw_cmd="node $PWD/apps/cli/bin/run.js"
  echo "-> run claw as: $claw_cmd"
fi

echo "-> claw doctor"
node apps/cli/bin/run.js doctor
echo
echo "claw is ready: try  $claw_cmd --help"
