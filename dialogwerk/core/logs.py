"""Logging: JSON lines on stdout in production, plain lines in development; one access line per request.

Every line written while a request is handled carries its request id (`X-Request-ID`), so the access
line, a warning and a traceback of one request can be found together. No personal data: user and
municipality by id only, no names, e-mail addresses, card texts; client addresses only with
LOG_CLIENT_IP=true. No Django import: settings.py builds LOGGING with `logging_config()`.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

# One dict per request, mutated in place (not re-set), so that values noted inside a sync view running
# in another thread are seen by the middleware that writes the access line.
_request_context: ContextVar[dict | None] = ContextVar("dialogwerk_request_context", default=None)
REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")


def new_request_id(incoming: str | None) -> str:
    """The caller's X-Request-ID when it is a sane token (a proxy's, a load balancer's), else a new one."""
    if incoming and REQUEST_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


def begin_request(request_id: str):
    return _request_context.set({"request_id": request_id})


def end_request(token) -> None:
    _request_context.reset(token)


def current() -> dict:
    return _request_context.get() or {}


def note_municipality(municipality_id: int | None) -> None:
    """Name the municipality a request acts in, for the access line (a selector may call this)."""
    context = _request_context.get()
    if context is not None and municipality_id is not None:
        context["municipality_id"] = municipality_id


class RequestContextFilter(logging.Filter):
    """Adds request_id to every record; drops lines that carry client addresses unless allowed."""

    def __init__(self, client_ip: bool = False):
        super().__init__()
        self.client_ip = client_ip

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.client_ip and _names_a_client(record):
            return False
        request = getattr(record, "request", None)
        # Django logs 4xx/5xx after the middleware has finished: the request object still knows its id.
        record.request_id = current().get("request_id") or getattr(request, "request_id", None)
        if request is not None:  # its repr holds the full path and query string
            record.request = None
        return True


def _names_a_client(record: logging.LogRecord) -> bool:
    # uvicorn's access lines and its WebSocket accept/reject lines start with the client's address.
    if record.name == "uvicorn.access":
        return True
    return (
        record.name.startswith("uvicorn") and isinstance(record.msg, str) and record.msg.startswith('%s - "WebSocket')
    )


class PlainFormatter(logging.Formatter):
    """Development: time, level, logger, message, and the request id's first characters when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        request_id = getattr(record, "request_id", None)
        return f"{line} [{request_id[:8]}]" if request_id else line


def logging_config(*, level: str = "INFO", json: bool = False, client_ip: bool = False) -> dict:
    """The LOGGING dict for settings.py: everything to stdout through one handler."""
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
            "reserved_attrs": [*_RESERVED, "request", "color_message"],
        }
        if json
        else {"()": "dialogwerk.core.logs.PlainFormatter", "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "dialogwerk.core.logs.RequestContextFilter", "client_ip": client_ip}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "default",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own console handler would print its lines a second time (in development).
            "django": {"level": level, "propagate": True},
            # uvicorn configures its own handlers before Django starts: route them through ours.
            "uvicorn": {"handlers": ["console"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level, "propagate": True},
            # Our access line replaces uvicorn's (which names the client's address).
            "uvicorn.access": {
                "handlers": ["console"],
                "level": "INFO" if client_ip else "WARNING",
                "propagate": False,
            },
        },
    }


_RESERVED = [
    "args",
    "asctime",
    "created",
    "exc_info",
    "exc_text",
    "filename",
    "funcName",
    "levelname",
    "levelno",
    "lineno",
    "message",
    "module",
    "msecs",
    "msg",
    "name",
    "pathname",
    "process",
    "processName",
    "relativeCreated",
    "stack_info",
    "thread",
    "threadName",
    "taskName",
]
