"""Settings shared by every environment; values that differ come from environment variables."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from .database import tuned

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SCIPARK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SCIPARK_SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
DEBUG = env_bool("SCIPARK_DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("SCIPARK_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served by the app itself, no CDN
    "django_filters",
    "django_tables2",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "auditlog",
    "django_tasks",
    "django_tasks_db",  # the task queue's table and `manage.py db_worker` (ADR 0011)
    "scipark.core",
    "scipark.accounts",
    "scipark.parks",
    "scipark.enterprises",
    "scipark.economy",
    "scipark.appeals",
    "scipark.notifications",
    "scipark.open311",
    "scipark.alliance",
    "scipark.events",
    "scipark.investment",
    "scipark.innovation",
    "scipark.environment",
    "scipark.reports",
    "scipark.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "scipark.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "scipark.core.locale.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "scipark.accounts.middleware.SessionPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "scipark.urls"
WSGI_APPLICATION = "scipark.wsgi.application"

FORM_RENDERER = "scipark.core.forms_renderer.Renderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "scipark" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scipark.core.context_processors.navigation",
            ],
        },
    },
]

# --- database: SQLite (WAL) by default, PostgreSQL through DATABASE_URL -------------------------
DATABASES = {
    "default": tuned(
        dj_database_url.config(
            default=f"sqlite:///{VAR_DIR / 'scipark.sqlite3'}",
            conn_max_age=int(os.environ.get("SCIPARK_CONN_MAX_AGE", "60")),
        )
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=20000; PRAGMA cache_size=-64000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts and login security (SECURITY.md rows 5-8) ----------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "scipark.accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "scipark.accounts.passwords.LengthByRoleValidator"},
    {"NAME": "scipark.accounts.passwords.CharacterClassValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock a username (and, separately, an address) for 30 minutes after 5 failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
# Lock the username; an address is locked only past SCIPARK_LOCKOUT_ADDRESS_LIMIT failures from it in the
# same window (scipark.accounts.lockout), so one person's typos do not lock an office behind one address.
AXES_LOCKOUT_PARAMETERS = ["username"]
SCIPARK_LOCKOUT_ADDRESS_LIMIT = int(os.environ.get("SCIPARK_LOCKOUT_ADDRESS_LIMIT", "50"))
# axes warns that a username-only lockout lets one address try many usernames: the address limit above
# (scipark.accounts.lockout.LockoutBackend) is what covers that, with its own threshold.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
# A lock lasts 30 minutes from the 5th failure; attempts during the lock neither extend nor count.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "scipark.accounts.views.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
# The client's address: REMOTE_ADDR, or X-Forwarded-For only when the request comes from a trusted proxy.
AXES_CLIENT_IP_CALLABLE = "scipark.core.network.client_ip"
SCIPARK_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("SCIPARK_TRUSTED_PROXIES", "").split(",") if p.strip()
]

# Idle timeout: the cookie lives 30 minutes and is renewed on every request. Sessions live in the
# database so that sign-out, disabling an account and a password change can end them for good.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SCIPARK_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SCIPARK_MAX_SESSIONS_PER_USER = int(os.environ.get("SCIPARK_MAX_SESSIONS_PER_USER", "3"))
SCIPARK_REQUIRE_MFA = env_bool("SCIPARK_REQUIRE_MFA", False)
OTP_TOTP_ISSUER = "scipark"

# --- i18n: Chinese first, English second -------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static files: front-end packages come from npm (package.json) into node_modules -----------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# --- API ----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "scipark.accounts.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["scipark.core.api.permissions.ScopedPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "scipark.core.api.filters.QuickFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "scipark.core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "scipark.core.api.schema.ScopedAutoSchema",
    "EXCEPTION_HANDLER": "scipark.core.api.exceptions.exception_handler",
    # Throttles count per client in the default cache: use a shared cache (database or Redis) when more
    # than one app server runs (docs/deploy.md).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("SCIPARK_API_RATE_ANON", "60/min"),
        "user": os.environ.get("SCIPARK_API_RATE_USER", "1200/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "scipark API",
    "DESCRIPTION": "园区管委会与园区企业的工作平台 — REST API v1",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "/static/scipark/favicon.svg",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set that several serializers share.
    "ENUM_NAME_OVERRIDES": {
        "DepartmentKindEnum": "scipark.core.roles.DepartmentKind",
        "AppealStateEnum": "scipark.appeals.models.AppealState",
        "EnterpriseOperatingStatusEnum": "scipark.enterprises.models.Enterprise.Status",
        "ChannelEnum": "scipark.appeals.models.AppealChannel",  # keeps its name beside the investment one
        "InvestmentStageEnum": "scipark.investment.models.Stage",
        "InvestmentOriginEnum": "scipark.investment.models.Origin",
        "InvestmentChannelEnum": "scipark.investment.models.Channel",
        "FinancingConfirmationEnum": "scipark.investment.models.Confirmation",
        "InvestmentFundStatusEnum": "scipark.investment.models.Fund.Status",
        "InnovationLevelEnum": "scipark.innovation.models.common.Level",
        "InnovationStandardLevelEnum": "scipark.innovation.models.archives.LedStandard.Level",
        "IncubationOutcomeEnum": "scipark.innovation.models.incubators.Incubation.Outcome",
        "CertificationLevelEnum": "scipark.environment.models.certifications.Certification.Level",
        "CampaignResultOutcomeEnum": "scipark.environment.models.campaigns.CampaignResult.Outcome",
    },
}

# --- change log (django-auditlog) ---------------------------------------------------------------
AUDITLOG_CID_GETTER = "scipark.core.middleware.current_request_id"
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- imports ------------------------------------------------------------------------------------
SCIPARK_UPLOAD_MAX_BYTES = int(os.environ.get("SCIPARK_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
SCIPARK_IMPORT_MAX_ROWS = int(os.environ.get("SCIPARK_IMPORT_MAX_ROWS", "200000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = SCIPARK_UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- security headers (SECURITY.md row 18) -----------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

EMAIL_BACKEND = os.environ.get("SCIPARK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("SCIPARK_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SCIPARK_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("SCIPARK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SCIPARK_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("SCIPARK_EMAIL_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("SCIPARK_EMAIL_FROM", "scipark@localhost")
#: Makes the links in e-mails absolute (e.g. https://park.example.cn).
SCIPARK_BASE_URL = os.environ.get("SCIPARK_BASE_URL", "")
#: Monthly returns are due by this day of the following month.
SCIPARK_RETURN_DEADLINE_DAY = int(os.environ.get("SCIPARK_RETURN_DEADLINE_DAY", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "scipark.core.logging.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("SCIPARK_LOG_LEVEL", "WARNING")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # The development server's access log prints query strings (Open311's api_key): redact it too.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Background work (ADR 0011): tasks go to a table the `db_worker` process reads; `make run` starts one.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
#: A run still "running" with no progress written for this long is marked failed by `scipark tick`
#: (its worker died: the import's one transaction rolled back, nothing was written).
SCIPARK_TASK_STALE_MINUTES = 60
#: The 经济发展 staff account `scipark tick` sends the monthly return reminders as (empty: not sent).
SCIPARK_REMIND_RETURNS_USER = os.environ.get("SCIPARK_REMIND_RETURNS_USER", "")
