#!/usr/bin/env bash
# Starts Debian's PostgreSQL for the server tests and prints the URL they use
# (SOUK_TEST_POSTGRES); prints nothing, and says why on stderr, when it cannot.
set -uo pipefail

as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }

if ! command -v pg_lsclusters >/dev/null; then
  echo "postgres.sh: PostgreSQL is not installed; the server tests run on SQLite only" >&2
  exit 0
fi
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${version:-}" ]; then
  echo "postgres.sh: no PostgreSQL cluster; the server tests run on SQLite only" >&2
  exit 0
fi
if [ "$status" != online ]; then
  if ! pg_ctlcluster "$version" "$cluster" start >&2; then
    echo "postgres.sh: could not start PostgreSQL $version/$cluster; the server tests run on SQLite only" >&2
    exit 0
  fi
fi
as_postgres "psql -qtA -p $port -c \"SELECT 1 FROM pg_roles WHERE rolname = 'souk'\"" | grep -q 1 ||
  as_postgres "psql -q -p $port -c \"CREATE ROLE souk LOGIN CREATEDB PASSWORD 'souk'\"" >&2
# Databases left by earlier runs.
for db in $(as_postgres "psql -qtA -p $port -c \"SELECT datname FROM pg_database WHERE datname LIKE 'souk_test_%'\""); do
  as_postgres "psql -q -p $port -c 'DROP DATABASE $db'" >&2
done
echo "postgres://souk:souk@127.0.0.1:$port/postgres"
