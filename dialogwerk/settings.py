"""Settings, read from the environment with defaults that run locally.

Local use needs nothing set: SQLite in WAL mode, an in-memory channel layer, mail on the console.
The production profile (DIALOGWERK_PROFILE=production) refuses to start without a real secret and turns
on secure cookies and HSTS; see docs/deployment.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from dialogwerk.core.logs import logging_config
from dialogwerk.translations.machine import MachineTranslationMisconfigured, backend_from_settings, deepl_url_for_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DIALOGWERK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_count(name: str, default: int, least: int = 0) -> int:
    """A whole number from the environment (unset or empty: the default); anything else stops the start."""
    value = os.environ.get(name) or ""
    if not value.strip():
        return default
    try:
        number = int(value)
    except ValueError:
        number = least - 1
    if number < least:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {least}, or unset.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PROFILE = os.environ.get("DIALOGWERK_PROFILE", "local")
PRODUCTION = PROFILE == "production"

DEBUG = env_bool("DEBUG", not PRODUCTION)
_INSECURE_KEY = "insecure-local-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else _INSECURE_KEY)
# A key of few distinct characters ("a" * 42) is as guessable as a short one (Django's own check counts 5).
if PRODUCTION and (len(SECRET_KEY) < 40 or len(set(SECRET_KEY)) < 10 or SECRET_KEY == _INSECURE_KEY):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 40 characters, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

# Keys that signed or encrypted before SECRET_KEY was rotated: still accepted (sessions, bank details).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
# Bank details of funding applications are encrypted at rest (django-fernet-encrypted-fields, Fernet with a key
# derived from SECRET_KEY and this): comma-separated, the newest first; older ones still decrypt (rotation:
# docs/deployment.md).
_INSECURE_FIELD_KEY = "insecure-local-field-encryption-key"
SALT_KEY = env_list("FIELD_ENCRYPTION_KEY", [] if PRODUCTION else [_INSECURE_FIELD_KEY])
if PRODUCTION and (
    not SALT_KEY or len(SALT_KEY[0]) < 32 or len(set(SALT_KEY[0])) < 10 or _INSECURE_FIELD_KEY in SALT_KEY
):
    raise ImproperlyConfigured(
        "Set FIELD_ENCRYPTION_KEY to a random value of at least 32 characters, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Our apps first: their translations and templates take precedence over Django's own.
INSTALLED_APPS = [
    "dialogwerk.core",
    "dialogwerk.tenancy",
    "dialogwerk.dialogues",
    "dialogwerk.preparation",
    "dialogwerk.design",
    "dialogwerk.seating",
    "dialogwerk.live",
    "dialogwerk.survey",
    "dialogwerk.synthesis",
    "dialogwerk.measures",
    "dialogwerk.funding",
    "dialogwerk.reports",
    "dialogwerk.privacy",
    "dialogwerk.guide",
    "dialogwerk.apitokens",
    "dialogwerk.translations",
    "dialogwerk.synthetic",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "dialogwerk.core.middleware.RequestObservabilityMiddleware",  # outermost: request id, metrics, access log
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dialogwerk.core.middleware.ChosenLanguageMiddleware",
    "dialogwerk.core.storable_input.StorableInputMiddleware",  # NUL, lone surrogates, too large JSON: 4xx
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "dialogwerk.tenancy.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "dialogwerk.urls"
ASGI_APPLICATION = "dialogwerk.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "dialogwerk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dialogwerk.core.context_processors.shell",
                "dialogwerk.translations.configured.machine_translation_context",  # the notice names the service
            ],
        },
    },
]

# --- Database: SQLite (WAL) by default, anything dj-database-url understands via DATABASE_URL.
# An empty DATABASE_URL counts as unset (dj-database-url would otherwise ignore its default).
_SQLITE_PATH = VAR_DIR / "dialogwerk.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{_SQLITE_PATH}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Browser and WebSocket tests run the server in another process: a file, not :memory:. One per test
    # run, so that two runs on one machine never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("DIALOGWERK_TEST_DB") or str(VAR_DIR / f"test-dialogwerk-{os.getpid()}.sqlite3")
    }
# Opt-in: a pool of PostgreSQL connections per app process (Django's own, with psycopg-pool), so that a
# request does not open its own connection (8 ms p50 on the benchmark machine). Off when unset or 0.
try:
    DATABASE_POOL_MAX_SIZE = int(os.environ.get("DATABASE_POOL_MAX_SIZE") or 0)
except ValueError:
    raise ImproperlyConfigured(
        "DATABASE_POOL_MAX_SIZE must be a whole number (connections per process), or unset."
    ) from None
if DATABASE_POOL_MAX_SIZE > 0:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_POOL_MAX_SIZE needs PostgreSQL in DATABASE_URL.")
    # The live API's threads (dialogwerk.live.api) keep a connection each for good, taken from the pool:
    # room for them on top, or after a live event the pages would wait for a connection that never returns.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(2, DATABASE_POOL_MAX_SIZE),
        "max_size": DATABASE_POOL_MAX_SIZE + int(os.environ.get("LIVE_DB_THREADS") or 4),
        "timeout": 10,
    }
else:
    # Each page thread (PAGE_THREADS) keeps its connection between requests, checked before it is reused.
    DATABASES["default"]["CONN_MAX_AGE"] = env_count("CONN_MAX_AGE", 600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Threads per app process that draw the pages (core.lean_asgi.PageASGIHandler), each keeping its database
# connection: as many pages are drawn at once; more wait for a free thread.
PAGE_THREADS = env_count("PAGE_THREADS", 8, least=1)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache when REDIS_URL is set; in-process otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
LIVE_CHANNEL_CAPACITY = 2000  # messages a channel of the queueing layers (in-process, Redis core) holds before dropping
LIVE_CHANNEL_LAYER = "live"  # the live events' fan-out (dialogwerk.live.events and .consumers)
if REDIS_URL:
    _CHANNEL_PREFIX = os.environ.get("CHANNEL_LAYER_PREFIX", "dialogwerk")
    # redis-py 8 raises instead of waiting once its pool is full: size it for a full hall. Its default read
    # timeout (5 s) equals channels-redis' blocking wait for the next message, so an idle wait failed.
    _REDIS_HOST = {"address": REDIS_URL, "max_connections": 1000, "socket_timeout": 30}
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [_REDIS_HOST],
                # A process that falls behind must not drop messages: the default queue of 100 messages is
                # two seconds of a full hall writing.
                "capacity": LIVE_CHANNEL_CAPACITY,
                # Installations (and test runs) sharing one Redis must not see each other's messages.
                "prefix": _CHANNEL_PREFIX,
            },
        },
        # Live events go through Redis pub/sub: the layer above hands a process one message per several round
        # trips to Redis, which at 300 participants (45 events/s) on two busy cores fell behind by half a
        # minute; pub/sub pushes them (one PUBLISH per event, every process reads them as they come). A
        # process that is not subscribed misses events, as intended: screens catch up by number.
        LIVE_CHANNEL_LAYER: {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [_REDIS_HOST], "prefix": f"{_CHANNEL_PREFIX}.live"},
        },
    }
    CACHES = {
        "default": {
            # Django's Redis cache that works on without Redis (misses, skipped writes) instead of failing.
            "BACKEND": "dialogwerk.core.redis_cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "dialogwerk"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    # Logins are read from Redis, written to both: one query less on every page, and they survive a Redis restart.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CHANNEL_LAYERS = {
        name: {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": LIVE_CHANNEL_CAPACITY}}
        for name in ("default", LIVE_CHANNEL_LAYER)
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (reminders, documents): Django's tasks API, stored in our own database; the worker is
# `dialogwerk db_worker` (started by `make run`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A document whose worker gave no sign of life for this long is shown as failed (its worker died), and can be
# started again. Generating reports progress every few seconds; the slowest step (laying out pages) stays
# well under a minute on the demo.
DOCUMENT_STALL_SECONDS = int(os.environ.get("DOCUMENT_STALL_SECONDS", "300"))

# Participants' personal data of a closed dialogue is anonymised this many days after it closed.
PRIVACY_RETENTION_DAYS = int(os.environ.get("PRIVACY_RETENTION_DAYS", "180"))

AUTH_USER_MODEL = "tenancy.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Two-factor login (dialogwerk/tenancy/twofactor.py): wrong codes are throttled by our login limits
# (clear 429 message), not by django-otp's silent per-device back-off.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Dialogwerk")
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# --- Languages: German first; participant pages also in the languages of the refugees who take part.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("uk", _("Ukrainian")),
    ("tr", _("Turkish")),
    ("ru", _("Russian")),
]
LANGUAGE_COOKIE_NAME = "dialogwerk_language"
LOCALE_PATHS = [BASE_DIR / "dialogwerk" / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "dialogwerk" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
WHITENOISE_USE_FINDERS = DEBUG
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start without it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Mail: the console by default, SMTP when configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Dialogwerk <noreply@localhost>")
# Where people reach this installation: links in e-mails sent by the task worker (which has no request).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))  # for the file-based backend

# --- Machine translation of cards (dialogwerk/translations/): off unless MACHINE_TRANSLATION names a service.
# Then a card's text (never a name) may be sent there to be translated, and the participants' notice says so.
# "libretranslate": a LibreTranslate server at LIBRETRANSLATE_URL (API key only if the server asks for one);
# "deepl": DeepL's API with DEEPL_API_KEY; DEEPL_API_URL follows from the key (free keys end in ":fx").
# A service without what it needs stops the start-up.
MACHINE_TRANSLATION = os.environ.get("MACHINE_TRANSLATION", "").strip().lower()
LIBRETRANSLATE_URL = os.environ.get("LIBRETRANSLATE_URL", "").strip()
LIBRETRANSLATE_API_KEY = os.environ.get("LIBRETRANSLATE_API_KEY", "").strip()
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "").strip()
DEEPL_API_URL = os.environ.get("DEEPL_API_URL", "").strip() or (
    deepl_url_for_key(DEEPL_API_KEY) if DEEPL_API_KEY else ""
)
try:
    backend_from_settings(
        {
            "MACHINE_TRANSLATION": MACHINE_TRANSLATION,
            "LIBRETRANSLATE_URL": LIBRETRANSLATE_URL,
            "LIBRETRANSLATE_API_KEY": LIBRETRANSLATE_API_KEY,
            "DEEPL_API_KEY": DEEPL_API_KEY,
            "DEEPL_API_URL": DEEPL_API_URL,
        }
    )
except MachineTranslationMisconfigured as error:
    raise ImproperlyConfigured(str(error)) from None

# --- Security. Always: no inline script, no framing. Production: HTTPS only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    # Probes and scrapes reach the processes directly over HTTP, not through the TLS proxy.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

# Rate limits (dialogwerk/core/ratelimit.py): "count/period", period s, m, h or d, optionally with a
# multiple ("10/15m"). Names and defaults: ratelimit.DEFAULT_RATE_LIMITS; set any here or via env.
# Upload limits per kind (dialogwerk/core/uploads.py, defaults there): env UPLOAD_MAX_MB_<KIND>, e.g. UPLOAD_MAX_MB_IMAGE=20.
UPLOAD_MAX_BYTES = {
    kind: int(float(os.environ[f"UPLOAD_MAX_MB_{kind.upper()}"]) * 1024 * 1024)
    for kind in ("spreadsheet", "image", "logo", "attachment", "video")
    if os.environ.get(f"UPLOAD_MAX_MB_{kind.upper()}")
}

RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", True)
RATE_LIMITS = {
    name: os.environ[f"RATE_LIMIT_{name.upper().replace('.', '_')}"]
    for name in (
        "login.account",
        "login.ip",
        "live.join",
        "live.card",
        "live.card.session",
        "live.vote",
        "live.vote.session",
        "api.user",
        "password_reset.account",
        "password_reset.ip",
        "results_notice.address",
        "results_notice.ip",
    )
    if os.environ.get(f"RATE_LIMIT_{name.upper().replace('.', '_')}")
}

# Logs (dialogwerk/core/logs.py): JSON lines on stdout in production, plain lines otherwise; no client
# addresses unless LOG_CLIENT_IP=true.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "plain")
LOG_CLIENT_IP = env_bool("LOG_CLIENT_IP", False)
LOGGING = logging_config(level=os.environ.get("LOG_LEVEL", "INFO"), json=LOG_FORMAT == "json", client_ip=LOG_CLIENT_IP)

# /metrics (dialogwerk/core/metrics.py): open unless a bearer token and/or client networks are set.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", [])
