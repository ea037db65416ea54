"""Bedoeling settings: one module, everything from environment variables.

The embedded default (nothing set) is SQLite under var/ with one worker and an
in-process live broker. Setting BEDOELING_DATABASE_URL and BEDOELING_REDIS_URL runs
the same code on PostgreSQL and Redis with several workers.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BEDOELING_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def _secret_key() -> str:
    key = os.environ.get("BEDOELING_SECRET_KEY")
    if key:
        return key
    # The embedded default keeps a generated key under var/ so that sessions and
    # signed participant cookies survive a restart.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("BEDOELING_DEBUG")
HTTPS = envbool("BEDOELING_HTTPS")
ALLOWED_HOSTS = envlist("BEDOELING_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("BEDOELING_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("BEDOELING_SITE_URL", "").rstrip("/")
if HTTPS and not SITE_URL:
    # Mails are written by the task worker, which has no request to take the address from:
    # without it, a notification would carry a link that leads nowhere.
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "BEDOELING_HTTPS=1 needs BEDOELING_SITE_URL, the public address used in e-mails "
        "(e.g. https://bedoeling.example.nl).")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "bedoeling.accounts",
    "bedoeling.orgs",
    "bedoeling.purpose",
    "bedoeling.live",
    "bedoeling.systemworld",
    "bedoeling.stories",
    "bedoeling.reflection",
    "bedoeling.cases",
    "bedoeling.insights",
    "bedoeling.intake",
    "bedoeling.privacy",
    "bedoeling.reports",
    "bedoeling.theatre",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "bedoeling.lib.static.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "bedoeling.lib.badinput.BadInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "bedoeling.lib.csp.CSPMiddleware",  # django-csp's, the policy built once
    "bedoeling.lib.outage.RedisOutageMiddleware",
]

ROOT_URLCONF = "bedoeling.urls"
ASGI_APPLICATION = "bedoeling.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "bedoeling" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "bedoeling.orgs.context_processors.current_organisation",
            ],
        },
    }
]

# Database: SQLite (WAL) under var/ unless BEDOELING_DATABASE_URL points elsewhere.
DATABASE_URL = os.environ.get("BEDOELING_DATABASE_URL", "")
# Requests of one process in Django's synchronous part at once (bedoeling/lib/gate.py);
# the rest wait their turn. Each holds at most one database connection. A process has one
# interpreter lock: beyond a few threads (enough to overlap database round trips) more only
# fight over it, and the event loop that reads the requests and writes the streams waits
# behind them (docs/live.md, "The tap path": 4 against 8 took the 3,000-phone p95 from 8 to
# 2.6 s).
CONCURRENCY = envint("BEDOELING_CONCURRENCY", 4)
# Phones' requests (all under /doe-mee/: a tap, a join, a phone's page) can have places of
# their own, so that a hall's burst of taps never waits behind a facilitator's export, and a
# long export never holds up the taps. On SQLite one: its statements are quick and its writes
# take turns anyway, and a second thread only fights the first over the interpreter lock
# (800 STOP presses in 3 s: p95 0.7 s with one phone place, 1.7 s with two and beside them
# the common places; docs/live.md). 0: phones share the common places (the default on
# PostgreSQL, whose round trips the common places overlap).
PHONE_CONCURRENCY = envint("BEDOELING_PHONE_CONCURRENCY",
                           0 if DATABASE_URL.startswith(("postgres", "pgsql")) else 1)
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Under ASGI every request runs in a thread of its own: a pool per process, not
        # persistent connections per thread, keeps PostgreSQL's connection count bounded
        # (the gate's places, plus the live hub's and a margin).
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 2, "max_size": CONCURRENCY + PHONE_CONCURRENCY + 4, "timeout": 20}
        # The statements of a phone's tap (live/tap.py) bind their parameters on the server
        # and are prepared on first use: parsed and planned once per connection, not on
        # every tap. Django's own cursors bind on the client and never prepare. (Behind a
        # pooler in transaction mode, like PgBouncer before 1.21, set BEDOELING_PG_PREPARE=0.)
        if envint("BEDOELING_PG_PREPARE", 1):
            DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 0
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "bedoeling.lib.sqlite",
            "NAME": os.environ.get("BEDOELING_SQLITE_PATH", str(VAR_DIR / "bedoeling.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
                ),
            },
            # Kept open by the gate's threads (bedoeling/lib/gate.py): no new connection,
            # with its PRAGMAs, for every request.
            "CONN_MAX_AGE": None,
            # A file, not memory, so that tests with threads meet real SQLite locking.
            "TEST": {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("BEDOELING_REDIS_URL", "")
# Namespaces keys and channels, so that test runs never meet a running instance.
REDIS_PREFIX = os.environ.get("BEDOELING_REDIS_PREFIX", "bedoeling")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "bedoeling.lib.cache.PrefixedRedisCache",
                          "LOCATION": REDIS_URL, "KEY_PREFIX": REDIS_PREFIX}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (e-mail, scheduled deletions, reminders) is stored in the database and run
# by the task worker, `manage.py db_worker`, which `make run` starts beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "root"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_DAYS = envint("BEDOELING_INVITATION_DAYS", 14)

# Language: Dutch first; English switch. Message ids are Dutch; locale/en translates.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "bedoeling" / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = HTTPS
TIME_ZONE = os.environ.get("BEDOELING_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    BASE_DIR / "bedoeling" / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/sortablejs", BASE_DIR / "node_modules" / "sortablejs"),
]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail: console by default (the invitation link appears where `make run` prints);
# SMTP when BEDOELING_EMAIL_HOST is set; a folder of .eml files with BEDOELING_EMAIL_FILE_PATH.
DEFAULT_FROM_EMAIL = os.environ.get("BEDOELING_EMAIL_FROM", "Bedoeling <noreply@bedoeling.local>")
EMAIL_HOST = os.environ.get("BEDOELING_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("BEDOELING_EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("BEDOELING_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("BEDOELING_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = envbool("BEDOELING_EMAIL_TLS", True)
elif os.environ.get("BEDOELING_EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["BEDOELING_EMAIL_FILE_PATH"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A mail server that accepts the connection and then says nothing must not hold the
# worker forever.
EMAIL_TIMEOUT = envint("BEDOELING_EMAIL_TIMEOUT", 30)
# Undeliverable mail is tried again after 1, 2, 4 … minutes, this many times in all
# (about two hours), then given up and logged (bedoeling/lib/mail.py).
MAIL_ATTEMPTS = envint("BEDOELING_MAIL_ATTEMPTS", 8)
MAIL_RETRY_SECONDS = envint("BEDOELING_MAIL_RETRY_SECONDS", 60)

# Sessions and cookies.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "bedoeling.orgs.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    # No SECURE_PROXY_SSL_HEADER: uvicorn sets the scheme from X-Forwarded-Proto only when the
    # request comes from a proxy in FORWARDED_ALLOW_IPS; Django's setting would believe the
    # header from anyone who reaches the server directly.
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Strict Content-Security-Policy: nothing from another origin, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Sparsessie requests (names, e-mail addresses, what is going on) are deleted this many days
# after they came in (manage.py sparring_expire, and whenever the inbox is opened).
SPARRING_RETENTION_DAYS = envint("BEDOELING_SPARRING_RETENTION_DAYS", 180)

# An organisation's deletion waits this many days, cancellable, before it happens.
ORGANISATION_DELETION_DAYS = envint("BEDOELING_ORGANISATION_DELETION_DAYS", 14)

# Privacy: breakdowns of fewer than this many people are suppressed.
ANONYMITY_THRESHOLD = envint("BEDOELING_ANONYMITY_THRESHOLD", 5)

# Rate limits (per key, per window in seconds).
LOGIN_RATE_LIMIT = (envint("BEDOELING_LOGIN_ATTEMPTS", 10), 300)
# Joins per minute from one address: a theatre of 800 on one wifi is one address.
LIVE_JOIN_RATE = envint("BEDOELING_LIVE_JOIN_RATE", 3000)
# The percentage of a session's seats one address may take: the rest stays for phones on
# other networks (mobile data), so one script cannot fill the room.
LIVE_ADDRESS_SHARE = min(100, max(1, envint("BEDOELING_LIVE_ADDRESS_SHARE", 90)))
# Wrong session codes one address may try per ten minutes (a hall's typos fit easily).
LIVE_CODE_GUESSES = (envint("BEDOELING_LIVE_CODE_GUESSES", 100), 600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BEDOELING_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.security.csrf": {"level": "WARNING"},
        # WeasyPrint narrates every page it lays out, and warns about every screen-only rule
        # of the app's stylesheets (media queries, grid auto-fit) that the PDF shares.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
