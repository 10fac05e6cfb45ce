#!/usr/bin/env bash
# One command that runs every check and test: lint, build, type-check, unit and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh

pnpm install --frozen-lockfile
pnpm lint
# Two cores: run the suites two at a time so end-to-end tests keep their subprocesses responsive.
pnpm turbo run build typecheck test --concurrency=2 --output-logs=new-only
