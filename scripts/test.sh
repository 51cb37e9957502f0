#!/usr/bin/env bash
# Install what the tests need (venv, Debian's chromium, a running PostgreSQL and Redis) and run
# the suite. With CI=true nothing may be skipped: missing PostgreSQL, Redis or Chromium fails it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh test

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for the browser tests" >&2
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
  else
    echo "note: /usr/bin/chromium is missing (sudo apt-get install chromium); browser tests will skip" >&2
  fi
fi

pg_up() {
  .venv/bin/python - <<'PY' 2>/dev/null
import os, psycopg
url = os.environ.get("WORKBENCH_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
psycopg.connect(url.replace("+psycopg", ""), connect_timeout=3).close()
PY
}
if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "starting the local PostgreSQL cluster" >&2
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
    for _ in 1 2 3 4 5 6 7 8 9 10; do pg_up && break; sleep 1; done
  fi
  pg_up || echo "note: PostgreSQL is not reachable; its half of the suite will skip (fails in CI)" >&2
fi

# Redis: the shared store for sign-in limits across workers (tests/test_rate_limits.py).
redis_up() {
  .venv/bin/python - <<'PY' 2>/dev/null
import os, redis
redis.Redis.from_url(os.environ.get("WORKBENCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
                     socket_connect_timeout=2).ping()
PY
}
if ! redis_up; then
  if ! command -v redis-server >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's redis-server for the sign-in limit tests" >&2
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null || true
  fi
  if command -v redis-server >/dev/null; then
    echo "starting a local Redis server" >&2
    redis-server --port 6379 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null || true
    for _ in 1 2 3 4 5; do redis_up && break; sleep 1; done
  fi
  redis_up || echo "note: Redis is not reachable; its test will skip (fails in CI)" >&2
fi

# Architecture contracts first (pyproject.toml [tool.importlinter]): a broken one fails the run.
.venv/bin/lint-imports --no-cache
exec .venv/bin/pytest -n "${PYTEST_WORKERS:-2}" "$@"
