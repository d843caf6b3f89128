"""Settings for Newsroom: one module, every value from the environment.

Local development needs nothing set: SQLite in ``var/``, local-memory cache and a
secret key generated once into ``var/``. Production sets ``DEBUG`` off and must then
provide ``SECRET_KEY`` (the process refuses to start without it). The README lists
every variable.
"""

import datetime
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """A development key, generated once so sessions survive restarts."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Newsroom refuses to start with DEBUG off and no "
            "SECRET_KEY: set SECRET_KEY to a long random string (for example the output "
            "of `python -c 'import secrets; print(secrets.token_urlsafe(50))'`), or set "
            "DEBUG=1 for local development."
        )
    SECRET_KEY = local_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
# The public address, for canonical links, feeds, sitemaps and share links. In
# development without SITE_URL each request's own address is used instead
# (reader.addresses), so `make run PORT=8101` links to port 8101. With DEBUG off the
# request's host may be a proxy's internal name: SITE_URL is used, and production
# must set it (the default below is only what development used to assume).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
SITE_URL_FOLLOWS_REQUEST = DEBUG and not SITE_URL
SITE_URL = SITE_URL or "http://127.0.0.1:8000"
# A path under static/ or an absolute URL; a square raster image suits search engines.
SITE_LOGO = os.environ.get("SITE_LOGO", "img/logo.png")
# The masthead's logo, drawn at 40 px: a vector image, or a raster at least 80 px square.
SITE_MASTHEAD_LOGO = os.environ.get("SITE_MASTHEAD_LOGO", "img/logo.svg")

# Kickers that mean something only while a story is fresh (compared without case),
# and for how many hours after it was published or last updated they are shown.
TIME_SENSITIVE_KICKERS = frozenset(
    kicker.casefold() for kicker in env_list("TIME_SENSITIVE_KICKERS", "Breaking,Live,Developing,Just in")
)
KICKER_FRESH_HOURS = env_int("KICKER_FRESH_HOURS", 6)

INSTALLED_APPS = [
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "django_ckeditor_5",
    "reversion",
    "axes",
    "accounts",
    "resilience",
    "richtext",
    "pages",
    "media",
    "authors",
    "articles",
    "reader",
    "demo",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the uploads' own stricter policy, which it then leaves alone.
    "csp.middleware.CSPMiddleware",
    "media.middleware.UploadHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip for the public site's pages, feeds and sitemaps (not the admin: BREACH);
    # outside everything that writes a body, so it compresses the finished one.
    "reader.middleware.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # ETags of the uncompressed body, and 304s for If-None-Match / If-Modified-Since.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anyone not signed in may send at most ANONYMOUS_MAX_BODY bytes (413 otherwise).
    "resilience.middleware.AnonymousBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: it turns a sign-in refused for too many failures into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
                "reader.context_processors.site",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# Database: SQLite in var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # One persistent connection per worker thread, checked before it is reused. A
    # database that can't be reached fails fast (connect_timeout, in seconds) and the
    # request answers 503 (resilience.views.server_error); the first request after the
    # database is back simply connects again. (A connection pool would make each
    # request wait out its timeout during an outage and reconnect only after a backoff.)
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "2"))
    )
    # DATABASE_POOL_SIZE=N: psycopg's pool of up to N connections per process instead,
    # for threaded servers (a sync gunicorn worker needs one; it is what it keeps).
    if pool_size := int(os.environ.get("DATABASE_POOL_SIZE", "0")):
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them; Django must not
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": pool_size,
            "timeout": DATABASES["default"]["OPTIONS"]["connect_timeout"],
        }
    # Behind PgBouncer in transaction mode a cursor cannot outlive its transaction.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = os.environ.get("DATABASE_BEHIND_POOLER", "") == "1"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers and the writer work side by side; IMMEDIATE avoids
            # "database is locked" errors when two requests upgrade to writers.
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DATABASES["default"].setdefault("TEST", {})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# While the database is unavailable, pages answer 503 with this Retry-After (seconds).
DATABASE_RETRY_AFTER = 30

# Cache: Redis when REDIS_URL is set. It only ever accelerates: with Redis down or
# hanging, pages are served uncached (resilience.cache), each call giving up after
# CACHE_SOCKET_TIMEOUT seconds and Redis left alone for CACHE_RETRY_AFTER seconds.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "resilience.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {
                "socket_timeout": float(os.environ.get("CACHE_SOCKET_TIMEOUT", "0.25")),
                "socket_connect_timeout": float(os.environ.get("CACHE_SOCKET_TIMEOUT", "0.25")),
                "RETRY_AFTER": float(os.environ.get("CACHE_RETRY_AFTER", "5")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Signing in: django-axes counts failed attempts first, then the usual model backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
# How much rendered HTML each worker keeps (reader.fragments), in megabytes: a card
# takes about 1.5 kB, an article page's story about 20 kB.
READER_FRAGMENT_MEGABYTES = int(os.environ.get("READER_FRAGMENT_MEGABYTES", "48"))
TIME_ZONE = os.environ.get("NEWSROOM_TIME_ZONE", "UTC")  # display; storage is UTC
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Photos may be served from a host name of their own (docs/operations.md), e.g.
# MEDIA_URL=https://uploads.news.example.org/
MEDIA_URL = os.environ.get("MEDIA_URL", "/uploads/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o644
# An article form (a body of up to 500,000 characters, its draft and its autosave)
# fits in 30 MB; anonymous clients (sign-in, read beacons) may send far less.
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
ANONYMOUS_MAX_BODY = 64 * 1024

# Most Popular counts a reader once per article per READ_BEACON_WINDOW seconds, at
# most READ_BEACON_BUDGET reads per address in that window; an address sending more
# than READ_BEACON_RATE beacons a minute is refused (reader.read_counting). Readers
# are told apart by a keyed hash of their address (TRUSTED_PROXY_COUNT) and user
# agent, kept only in the cache.
READ_BEACON_WINDOW = 3600
READ_BEACON_BUDGET = 60
READ_BEACON_RATE = 30

# Behind a TLS-terminating proxy in production: HTTPS only. Every plain-HTTP request
# is redirected, and browsers are told (HSTS) to use HTTPS for SECURE_HSTS_SECONDS.
# SECURE_COOKIES=0 turns all of it off, only to try a production build over HTTP.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SESSION_COOKIE_SECURE)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if SECURE_SSL_REDIRECT else 0
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy on every page (django-csp): scripts only from the site, or
# inline with the page's nonce ({{ request.csp_nonce }}); images only from the site
# and its photo library (no tracking pixels); frames only from the embed players,
# which load when a reader asks. Styles may be inline: CKEditor 5 sets them.
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

from richtext.embeds import player_origins  # noqa: E402  (plain data, no Django imports)

_MEDIA_HOST = urlsplit(MEDIA_URL)
_MEDIA_ORIGIN = [f"{_MEDIA_HOST.scheme}://{_MEDIA_HOST.netloc}"] if _MEDIA_HOST.netloc else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_MEDIA_ORIGIN],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": player_origins(),
        "media-src": [SELF, *_MEDIA_ORIGIN],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "once_a_minute": {"()": "resilience.log_filters.OncePerInterval", "interval": 60},
        "database_outage_once_a_minute": {
            "()": "resilience.log_filters.DatabaseOutageOncePerInterval",
            "interval": 60,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "console_once_a_minute": {"class": "logging.StreamHandler", "filters": ["once_a_minute"]},
        "console_requests": {"class": "logging.StreamHandler", "filters": ["database_outage_once_a_minute"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # A bad Host header: one line a minute, no traceback (scanners send thousands).
        "django.security.DisallowedHost": {"handlers": ["console_once_a_minute"], "propagate": False},
        # Failed requests as usual, but a database outage once a minute, not per request.
        "django.request": {"handlers": ["console_requests"], "level": "WARNING", "propagate": False},
    },
}

# Login throttling (django-axes; docs/operations.md, "Login throttling"). A username
# is locked for one address (the pair, so nobody elsewhere can lock a reporter out)
# after LOGIN_FAILURE_LIMIT failures, and one address for every username after
# LOGIN_FAILURES_PER_ADDRESS; each for LOGIN_COOLOFF_MINUTES after its last counted
# failure. Attempts live in the database, so a Redis outage forgets no lockout.
AXES_HANDLER = "accounts.throttling.PairAndAddressHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 50)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
# The time the lockout page names stays true: attempts while locked are not counted.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_ENABLE_ADMIN = True  # superusers see the attempts, and lift a lockout by deleting it
# The client's address: REMOTE_ADDR, or behind this many proxies of our own the
# address the outermost one put into X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_address"

# Widgets render with the project's templates too (templates/media/widgets/…).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# django-taggit: tag names are matched case-insensitively ("Ukraine" == "ukraine").
TAGGIT_CASE_INSENSITIVE = True

# CKEditor 5: the article body and the author's full bio. Images uploaded from the
# editor go through the media library (media.views.editor_upload), not loose files.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "media:editor-upload"
# The article form saves what is typed in the background (never the article itself):
# this long after the last keystroke, and at least this often while typing. Others
# with the same article open are noticed by a heartbeat this often.
ARTICLE_AUTOSAVE_IDLE_MS = 2000
ARTICLE_AUTOSAVE_MAX_WAIT_MS = 15000
ARTICLE_PRESENCE_INTERVAL_MS = 30000
# Revisions of the last this many days are all kept; before that, the last of each
# object's day and every published version (``manage.py prune_revisions``).
REVISIONS_KEEP_ALL_DAYS = env_int("REVISIONS_KEEP_ALL_DAYS", 90)

from richtext.embeds import ckeditor_providers  # noqa: E402  (plain data, no Django imports)

CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]
_CKEDITOR_HEADINGS = {
    "options": [
        {"model": "paragraph", "title": "Paragraph", "class": "ck-heading_paragraph"},
        {"model": "heading2", "view": "h2", "title": "Heading 2", "class": "ck-heading_heading2"},
        {"model": "heading3", "view": "h3", "title": "Heading 3", "class": "ck-heading_heading3"},
        {"model": "heading4", "view": "h4", "title": "Heading 4", "class": "ck-heading_heading4"},
    ]
}
CKEDITOR_5_CONFIGS = {
    "default": {
        "toolbar": ["heading", "|", "bold", "italic", "link", "bulletedList", "numberedList"],
        "heading": _CKEDITOR_HEADINGS,
    },
    "article": {
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "imageUpload",
                "mediaEmbed",
                "insertTable",
                "|",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "heading": _CKEDITOR_HEADINGS,
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "toggleImageCaption",
                "|",
                "imageStyle:alignLeft",
                "imageStyle:alignRight",
                "imageStyle:alignCenter",
            ],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        # Posts and videos are kept as their URL; the public page loads them only on a click.
        "mediaEmbed": {"previewsInData": False, "providers": ckeditor_providers()},
        "link": {"addTargetToExternalLinks": False, "defaultProtocol": "https://"},
    },
    "bio": {
        "toolbar": ["bold", "italic", "link", "|", "bulletedList", "numberedList", "|", "undo", "redo"],
        "link": {"defaultProtocol": "https://"},
    },
    # The standing pages (About us, Privacy, ...): text, headings, lists and links.
    "page": {
        "toolbar": [
            "heading",
            "|",
            "bold",
            "italic",
            "link",
            "|",
            "bulletedList",
            "numberedList",
            "blockQuote",
            "|",
            "undo",
            "redo",
        ],
        "heading": _CKEDITOR_HEADINGS,
        "link": {"addTargetToExternalLinks": False, "defaultProtocol": "https://"},
    },
}
