"""Settings for Newsroom: one module, every value from the environment.

Local development needs nothing set: SQLite in ``var/``, local-memory cache and a
secret key generated once into ``var/``. Production sets ``DEBUG`` off and must then
provide ``SECRET_KEY`` (the process refuses to start without it). The README lists
every variable.
"""

import os
import secrets
from pathlib import Path

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
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A path under static/ or an absolute URL; a square raster image suits search engines.
SITE_LOGO = os.environ.get("SITE_LOGO", "img/logo.png")

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
    "richtext",
    "media",
    "authors",
    "articles",
    "reader",
    "demo",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "media.middleware.UploadHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
    # psycopg 3's connection pool; persistent connections are handled by the pool.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = True
    DATABASES["default"]["CONN_MAX_AGE"] = 0
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

# Cache: Django's built-in Redis cache when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
TIME_ZONE = os.environ.get("NEWSROOM_TIME_ZONE", "UTC")  # display; storage is UTC
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/uploads/"
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
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

# Behind a TLS-terminating proxy in production.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"once_a_minute": {"()": "reader.log_filters.OncePerInterval", "interval": 60}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "console_once_a_minute": {"class": "logging.StreamHandler", "filters": ["once_a_minute"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # A bad Host header: one line a minute, no traceback (scanners send thousands).
        "django.security.DisallowedHost": {"handlers": ["console_once_a_minute"], "propagate": False},
    },
}

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
}
