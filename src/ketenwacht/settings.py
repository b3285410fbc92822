"""Ketenwacht settings.

Configuration comes from environment variables only (see ``docs/configuration.md``);
with none set, the app runs on SQLite in ``./var`` and serves on 127.0.0.1.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DATA_DIR = Path(os.environ.get("KETENWACHT_DATA_DIR") or "var").resolve()


def _secret_key() -> str:
    """Use the configured key; otherwise keep a generated one in the data directory.

    A generated key that survives restarts keeps sessions valid on a single machine;
    several web workers must share ``KETENWACHT_SECRET_KEY``.
    """
    configured = os.environ.get("KETENWACHT_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        key_file.write_text(key)
        key_file.chmod(0o600)
        return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("KETENWACHT_DEBUG")
ALLOWED_HOSTS = env_list("KETENWACHT_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("KETENWACHT_CSRF_TRUSTED_ORIGINS", "")
BASE_URL = os.environ.get("KETENWACHT_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "ketenwacht.core",
    "ketenwacht.suppliers",
    "ketenwacht.contracts",
    "ketenwacht.assessments",
    "ketenwacht.performance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ketenwacht.core.middleware.ActiveOrganisationMiddleware",
    "ketenwacht.api.middleware.ApiVersionMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ketenwacht.urls"
WSGI_APPLICATION = "ketenwacht.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ketenwacht.core.context_processors.organisation",
            ],
        },
    },
]

# --- Database: SQLite (WAL) in the data directory unless DATABASE_URL says otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "ketenwacht.sqlite3",
            "OPTIONS": {
                # WAL lets the web server read while a CLI import writes; IMMEDIATE avoids
                # "database is locked" upgrades inside write transactions.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:login"
OTP_TOTP_ISSUER = "Ketenwacht"

# Brute-force lock-out: a username is locked after this many failures within the cool-off.
AXES_FAILURE_LIMIT = env_int("KETENWACHT_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("KETENWACHT_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "ketenwacht.core.views.auth.lockout_response"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("KETENWACHT_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("KETENWACHT_SESSION_SECONDS", 8 * 3600)
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "ketenwacht.core.views.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Internationalisation: Dutch first, English complete.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"  # display default; each organisation activates its own zone
LANGUAGE_COOKIE_NAME = "ketenwacht_language"

# --- Static and uploaded files. Uploads live in the data directory, outside any web root,
# and are served only through views that check membership.
STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("KETENWACHT_STATIC_ROOT") or None  # finders serve the files; set for collectstatic
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
FILES_DIR = DATA_DIR / "files"
MAX_UPLOAD_BYTES = env_int("KETENWACHT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "ketenwacht.core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- E-mail: SMTP when configured, the console otherwise.
EMAIL_BACKEND = os.environ.get("KETENWACHT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("KETENWACHT_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("KETENWACHT_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("KETENWACHT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KETENWACHT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KETENWACHT_EMAIL_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("KETENWACHT_EMAIL_FROM", "ketenwacht@localhost")

# --- REST API (Dutch API Design Rules: see ketenwacht.api)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ketenwacht.api.authentication.ApiTokenAuthentication",
        "ketenwacht.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ketenwacht.api.permissions.OrganisationRolePermission"],
    "DEFAULT_RENDERER_CLASSES": ["ketenwacht.api.renderers.CamelCaseJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["ketenwacht.api.parsers.CamelCaseJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "ketenwacht.api.pagination.DefaultPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "ketenwacht.api.errors.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_RATES": {"questionnaire": "30/min", "webhook": "120/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ketenwacht API",
    "DESCRIPTION": "Supplier register, contracts, SLA terms and SLA performance.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "CAMELIZE_NAMES": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ketenwacht.api.schema.camelize_schema",
        "ketenwacht.api.schema.add_problem_responses",
    ],
    # Several models have a "status" or "kind"; name each choice set after its own meaning.
    "ENUM_NAME_OVERRIDES": {
        "SupplierStatusEnum": "ketenwacht.suppliers.models.SupplierStatus",
        "CriticalityEnum": "ketenwacht.suppliers.models.Criticality",
        "DpaStatusEnum": "ketenwacht.suppliers.models.suppliers.DpaStatus",
        "DataLocationEnum": "ketenwacht.suppliers.models.suppliers.DataLocation",
        "ServiceKindEnum": "ketenwacht.suppliers.models.Service.Kind",
        "ContactRoleEnum": "ketenwacht.suppliers.models.Contact.ContactRole",
        "ReachabilityEnum": "ketenwacht.suppliers.models.Contact.Reachability",
        "AnswerStatusEnum": "ketenwacht.assessments.models.AnswerStatus",
        "AssessmentStatusEnum": "ketenwacht.assessments.models.AssessmentStatus",
        "TimeUnitEnum": "ketenwacht.contracts.models.sla.TimeUnit",
        "TargetUnitEnum": "ketenwacht.contracts.models.sla.TargetUnit",
        "MeasurementPeriodEnum": "ketenwacht.contracts.models.sla.MeasurementPeriod",
    },
    # The description is public (Dutch API Design Rules); a bad token must not hide it.
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
}
API_VERSION = "1.0.0"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KETENWACHT_LOG_LEVEL", "WARNING")},
}
