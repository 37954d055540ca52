"""Resguardo's one settings file. Every setting comes from an environment variable with a
safe default; each is documented in docs/operating.md (a test checks that)."""

from pathlib import Path

import dj_database_url

from resguardo.lib.env import (
    SettingError,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_str,
    proxy_ssl_header,
    secret_key_from,
)
from resguardo.web.languages import settings_languages

BASE_DIR = Path(__file__).resolve().parent

# One folder holds everything an embedded install keeps: database, files, backups.
DATA_DIR = env_path("DATA_DIR", Path.cwd() / "data")

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or secret_key_from(DATA_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = env_str("SITE_NAME", "Resguardo")

INSTALLED_APPS = [
    # Django's admin on a site that lets in only staff verified by a TOTP code (accounts/).
    "resguardo.accounts.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "resguardo.home",  # the home page and the sitemap, above the apps they gather
    "resguardo.catalogue",
    "resguardo.search",
    "resguardo.pages",
    "resguardo.exports",
    "resguardo.ingest",
    "resguardo.contributions",
    "resguardo.contact",
    "resguardo.backups",
    "resguardo.events",
    "resguardo.asks",  # readers' asks for a copy or a language: counts only
    "resguardo.accounts",
    "resguardo.seeds",  # the seed library and its `seed` command
    "django_tasks",
    # Background jobs kept in the database (both SQLite and PostgreSQL).
    "resguardo.jobs.apps.TasksDatabaseConfig",
    "resguardo.jobs",  # the background worker, and the editors' list of jobs (after
    #                    django_tasks_db: its admin replaces that app's)
    "resguardo.server",  # `setup` and `serve`
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP, Permissions-Policy, CORP, X-Frame-Options, 405 for TRACE and other methods:
    # above static files, redirects and 304s, so every response has them.
    "resguardo.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Finished catalogue pages for readers without a session, already compressed.
    "resguardo.web.pagecache.PageCacheMiddleware",
    # Compression wraps everything below it; ETags are computed on the uncompressed page,
    # so a 304 answers before anything is compressed.
    "resguardo.web.compression.CompressionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "resguardo.web.caching.PublicPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "resguardo.urls"
WSGI_APPLICATION = "resguardo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "resguardo.web.context.site",
                "resguardo.web.context.languages",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'resguardo.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600,
                                              conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; the busy timeout waits for the lock
    # instead of failing; IMMEDIATE takes the write lock up front so transactions never
    # deadlock upgrading from read to write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            # secure_delete: what retention erases is overwritten, not left in free pages.
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; "
            "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456; PRAGMA cache_size=-32000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Files in the data folder: shared by every worker, nothing to run beside the server.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # Finished catalogue pages (resguardo/web/pagecache.py), apart so they never push out
    # search results or reading texts.
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache-pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # Rate-limit counts (resguardo/lib/ratelimit.py), apart so that search results, which
    # any reader can make many of, never push them out.
    "limits": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache-limits",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The interface speaks every language with a compiled catalogue here or in
# DATA_DIR/locale (docs/translating.md, Adding a language); names and direction come from
# the language table. Public pages live under a language prefix (/es/...). Ours come first; then, in
# DATA_DIR/locale, Django's own strings in the variant our catalogues use (Brazilian for
# `pt`), made by `resguardo setup` from the installed packages (server/gettext_catalogues.py).
LOCALE_PATHS = [BASE_DIR / "locale", DATA_DIR / "locale"]
LANGUAGES = settings_languages(LOCALE_PATHS)
# The reader's choice from the switcher, remembered for a year (it holds only the code).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/files/"
MEDIA_ROOT = env_path("MEDIA_ROOT", DATA_DIR / "files")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Only editors have sessions. A session lasts a working day at most, and ends when the
# browser closes (editors share computers in town offices). Lax, not Strict: a password
# reset link opened from a mail programme must still reach its session.
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 8, minimum=1) * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
if SESSION_COOKIE_SECURE:
    # __Host-: the browser takes these cookies only over HTTPS, for this host and path /.
    SESSION_COOKIE_NAME, CSRF_COOKIE_NAME = "__Host-sessionid", "__Host-csrftoken"
# A refused form (a missing or stale CSRF token) gets a page of ours in the reader's language.
CSRF_FAILURE_VIEW = "resguardo.web.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
# A reader who follows a link out tells the other site nothing (pages holding a form that
# posts here say `same-origin` instead: see web/security.py).
SECURE_REFERRER_POLICY = "no-referrer"
X_FRAME_OPTIONS = "DENY"  # for browsers that predate frame-ancestors (web/security.py too)
# HTTPS (docs/operating.md, Security). HSTS goes out only on responses sent over HTTPS.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# `check --deploy` warns while preloading is off (W021). Preloading commits the domain and
# every name under it to HTTPS in browsers for months, and is hard to undo: the deployer's
# decision to make with SECURE_HSTS_PRELOAD, not a default.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Behind a proxy that ends TLS: the header it sets to `https` (say X-Forwarded-Proto), so
# Django knows a request came over HTTPS. Only if the proxy always sets or strips it.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(env_str("SECURE_PROXY_SSL_HEADER"))
# Behind a proxy: the header in which it passes on the client's address (say
# X-Forwarded-For), so that rate limits count each client and not the proxy. Read only to
# be hashed for counting (lib/ratelimit.py), never stored or logged.
CLIENT_ADDRESS_HEADER = env_str("CLIENT_ADDRESS_HEADER")

# Logging: requests are never logged with client addresses or user agents (see
# docs/operating.md, The server).
# The application's log and the server's (which hold no client address or user agent).
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# Search: above this many matches, results are ordered by title match then date instead
# of a full relevance ranking, which would cost time in proportion to the matches.
# 0 means the backend's own default (SQLite 20,000; PostgreSQL 5,000).
SEARCH_RANK_LIMIT = env_int("SEARCH_RANK_LIMIT", 0)

# Ingestion (resguardo/ingest): uploads past this size are refused; each file is read in a
# separate process with these limits on wall time, memory and what it may write.
UPLOAD_LIMIT_MB = env_int("UPLOAD_LIMIT_MB", 100)
INGEST_TIMEOUT = env_int("INGEST_TIMEOUT", 60)
# The longest recording taken in, in minutes: a longer declared duration is refused.
MEDIA_MAX_MINUTES = env_int("MEDIA_MAX_MINUTES", 6 * 60)
# How long the worker may spend making one recording's light versions.
JOB_TIMEOUT = env_int("JOB_TIMEOUT", 60 * 60)
# A job whose worker has not been heard of for this long is taken again by another.
WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 30)
INGEST_MEMORY_MB = env_int("INGEST_MEMORY_MB", 1024)
INGEST_OUTPUT_MB = env_int("INGEST_OUTPUT_MB", 256)
# Uploads wait in the process's own folder in DATA_DIR/tmp, never in a shared /tmp
# (web/uploads.py, lib/scratch.py).
FILE_UPLOAD_TEMP_DIR = None
(DATA_DIR / "tmp").mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_PERMISSIONS = 0o640
# Background jobs (django-tasks, its database backend): `resguardo serve` starts a worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

FILE_UPLOAD_HANDLERS = ["resguardo.web.uploads.LimitedUploadHandler"]
PAGE_SIZE = 20

# Public forms (proposals, contact): a form sent back sooner than this after it was shown
# is refused as a robot's (lib/antispam.py).
HUMAN_MIN_SECONDS = env_int("HUMAN_MIN_SECONDS", 3)
# Proposals one client (a keyed hash of its address, never stored) may send in an hour.
# Many phones share one address on mobile networks and in a workshop: keep it generous.
PROPOSALS_PER_HOUR = env_int("PROPOSALS_PER_HOUR", 20, minimum=1)
# Days after a proposal is decided (or a message archived) before the way to reach its
# sender is erased by `resguardo forget`.
RETENTION_DAYS = env_int("RETENTION_DAYS", 90)

# E-mail: printed to the console unless EMAIL_HOST names an SMTP server. The library
# mails only its editors (NOTIFY_EMAILS), and never what a visitor wrote.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.console.EmailBackend")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise SettingError("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true")
# The notice is sent while the sender waits for the thanks page: a stuck server must not
# hold them long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "resguardo@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who is told by e-mail that a contact message arrived (a link to the inbox, no content).
NOTIFY_EMAILS = env_list("NOTIFY_EMAILS", [])

# Editors' accounts (resguardo/accounts): every staff account signs in with a password and a
# TOTP code. An enrolment link (for a new authenticator) lasts this long and works once; a
# password reset link an hour. A failed code makes the next try wait 1, 2, 4… seconds.
ENROLMENT_HOURS = env_int("ENROLMENT_HOURS", 24, minimum=1)
PASSWORD_RESET_TIMEOUT = 60 * 60
LOGIN_URL = "editors-login"
OTP_TOTP_ISSUER = SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
