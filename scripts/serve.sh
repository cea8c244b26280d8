#!/usr/bin/env bash
# Serve Dialogwerk: the task worker (reminders, documents) in the background, the ASGI server in front.
# Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
.venv/bin/dialogwerk db_worker --no-startup-delay --interval 2 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
.venv/bin/uvicorn dialogwerk.asgi:application --host "$HOST" --port "$PORT" --lifespan off
