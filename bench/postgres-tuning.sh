#!/usr/bin/env bash
# Sizes the local PostgreSQL cluster (scripts/postgres.sh) as a production server is sized, and restarts it:
# shared_buffers a quarter of the memory (at most 8 GB), WAL room for a month's collection run between checkpoints.
# Debian's defaults (128 MB buffers, 1 GB WAL) are for a laptop; docs/database.md ("Sizing PostgreSQL") says why.
# Usage (as root or with sudo): bench/postgres-tuning.sh [--reset]
set -euo pipefail
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if [ "${1:-}" = --reset ]; then
  as_postgres psql -q -c "ALTER SYSTEM RESET shared_buffers" -c "ALTER SYSTEM RESET max_wal_size" -c "ALTER SYSTEM RESET checkpoint_timeout" -c "ALTER SYSTEM RESET wal_compression"
else
  memory_mb=$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)
  buffers_mb=$(( memory_mb / 4 > 8192 ? 8192 : memory_mb / 4 ))
  as_postgres psql -q -c "ALTER SYSTEM SET shared_buffers = '${buffers_mb}MB'" -c "ALTER SYSTEM SET max_wal_size = '8GB'" \
    -c "ALTER SYSTEM SET checkpoint_timeout = '15min'" -c "ALTER SYSTEM SET wal_compression = 'lz4'"
fi
pg_ctlcluster "$version" main restart
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
as_postgres psql -Atc "SELECT name || ' = ' || setting || coalesce(unit, '') FROM pg_settings WHERE name IN ('shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'wal_compression')"
