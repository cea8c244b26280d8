#!/usr/bin/env bash
# Serve Dialogwerk on one machine: the task worker, and hourly reminders and retention, in the background;
# the ASGI server in front. Ctrl+C stops them all. (Production: see docs/deployment.md.)
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
# Prometheus metrics from every process of this run (dialogwerk/core/metrics.py): a fresh directory each start.
export PROMETHEUS_MULTIPROC_DIR=${PROMETHEUS_MULTIPROC_DIR:-$PWD/var/prometheus}
mkdir -p "$PROMETHEUS_MULTIPROC_DIR" && rm -f "$PROMETHEUS_MULTIPROC_DIR"/*.db
.venv/bin/dialogwerk db_worker --no-startup-delay --interval 2 &
worker=$!
# Reminders are sent at most once each (the database records what went out), so hourly is safe.
# Retention (anonymising participants of long-closed dialogues) is idempotent too.
( while true; do
    .venv/bin/dialogwerk send_reminders --enqueue >/dev/null || true
    .venv/bin/dialogwerk apply_retention >/dev/null || true
    sleep 3600
  done ) &
reminders=$!
trap 'kill "$worker" "$reminders" 2>/dev/null || true' EXIT INT TERM
.venv/bin/uvicorn dialogwerk.asgi:application --host "$HOST" --port "$PORT" --lifespan off
