#!/usr/bin/env bash
# Serve the workbench on SQLite at http://127.0.0.1:5000 with demo accounts and articles.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh run
export WORKBENCH_INSTANCE_PATH="${WORKBENCH_INSTANCE_PATH:-$PWD/instance}"
.venv/bin/workbench db upgrade
.venv/bin/workbench demo
echo "Serving on http://127.0.0.1:${PORT:-5000} (Ctrl-C to stop)"
exec .venv/bin/workbench run --host 127.0.0.1 --port "${PORT:-5000}"
