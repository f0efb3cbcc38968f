"""SaferHub settings. Every value comes from the environment (or a local ``.env`` file).

See docs/deploy.md for what each variable means in production. With DEBUG=false the
project refuses to start on an insecure SECRET_KEY or an empty ALLOWED_HOSTS.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from saferhub.lib.env import Env, SettingError, read_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
env = Env(read_dotenv(BASE_DIR / ".env"))

INSECURE_KEY_PREFIX = "django-insecure"
DEFAULT_DEV_SECRET = INSECURE_KEY_PREFIX + "-saferhub-development-only-never-in-production"

try:
    DEBUG = env.flag("DEBUG", default=False)
    SECRET_KEY = env.text("SECRET_KEY") or DEFAULT_DEV_SECRET
    ALLOWED_HOSTS = env.names("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
    SESSION_IDLE_MINUTES = env.number("SAFERHUB_SESSION_IDLE_MINUTES", 30)
    RELAX_MFA = env.flag("SAFERHUB_RELAX_MFA", default=False)
    SECURE_COOKIES = env.flag("SAFERHUB_SECURE_COOKIES", default=not DEBUG)
    LOGIN_FAILURE_LIMIT = env.number("SAFERHUB_LOGIN_FAILURE_LIMIT", 5)
    LOCKOUT_MINUTES = env.number("SAFERHUB_LOCKOUT_MINUTES", 15)
    EMAIL_PORT = env.number("EMAIL_PORT", 25)
    # How many reverse proxies in front of SaferHub append to X-Forwarded-For (0: use REMOTE_ADDR).
    TRUSTED_PROXY_HOPS = env.number("SAFERHUB_TRUSTED_PROXY_HOPS", 0)
    EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS", default=False)
    # Online ASB Case Review applications one address may send in a window of this many hours.
    CASE_REVIEW_LIMIT = env.number("SAFERHUB_CASE_REVIEW_LIMIT", 5)
    CASE_REVIEW_LIMIT_HOURS = env.number("SAFERHUB_CASE_REVIEW_LIMIT_HOURS", 24)
except SettingError as error:
    raise ImproperlyConfigured(str(error)) from None

if not DEBUG:
    problems = []
    if SECRET_KEY.startswith(INSECURE_KEY_PREFIX) or len(SECRET_KEY) < 50:
        problems.append(
            "SECRET_KEY is missing or insecure: set SECRET_KEY to a random string of at least 50 "
            "characters, e.g. the output of: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    if not ALLOWED_HOSTS:
        problems.append(
            "ALLOWED_HOSTS is empty: set ALLOWED_HOSTS to the host names SaferHub is served on, "
            "separated by commas, e.g. ALLOWED_HOSTS=saferhub.example.gov.uk"
        )
    if RELAX_MFA:
        problems.append(
            "SAFERHUB_RELAX_MFA is true: the second factor may only be relaxed for a local demo "
            "with DEBUG=true; unset it."
        )
    if problems:
        raise ImproperlyConfigured(
            "SaferHub will not start with DEBUG=false until these are fixed:\n  - " + "\n  - ".join(problems)
        )

DATA_DIR = Path(env.text("SAFERHUB_DATA_DIR", str(BASE_DIR / "data"))).resolve()

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "saferhub.audit",
    "saferhub.partnerships",
    "saferhub.accounts",
    "saferhub.register",
    "saferhub.incidents",
    "saferhub.cases",
    "saferhub.referrals",
    "saferhub.casereview",
    "saferhub.crimedata",
    "saferhub.partnerdata",
    "saferhub.assessment",
    "saferhub.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "saferhub.audit.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "saferhub.accounts.middleware.SignInRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "saferhub.urls"
WSGI_APPLICATION = "saferhub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "saferhub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "saferhub.context_processors.shell",
            ],
            "builtins": ["django.templatetags.i18n", "saferhub.templatetags.govuk"],
        },
    }
]
FORM_RENDERER = "saferhub.lib.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'saferhub.sqlite3'}",
        conn_max_age=env.number("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default lives in the data directory; make it on first use.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Idle timeout: the session lasts SESSION_IDLE_MINUTES from the last request.
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_TRUSTED_ORIGINS = env.names("CSRF_TRUSTED_ORIGINS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.flag("SAFERHUB_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000

# django-otp: TOTP second factor
OTP_TOTP_ISSUER = "SaferHub"
OTP_TOTP_TOLERANCE = 1

# django-axes: lock an account after repeated failed sign-ins
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = LOCKOUT_MINUTES / 60
# Lock a username after repeated failures from anywhere, and an address after repeated failures on any username.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
if TRUSTED_PROXY_HOPS:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_HOPS
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "saferhub" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "saferhub" / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "files"},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Where ``saferhub demo`` finds the public police.uk and ONS files it imports (empty: none).
SAFERHUB_DEMO_DATA_DIR = env.text("SAFERHUB_DEMO_DATA_DIR", str(BASE_DIR.parent / "shared" / "data"))

# Background tasks (crime data imports from the browser): rows in the database, run by
# `saferhub db_worker` (``make run`` starts one beside the web server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_BACKEND = env.text("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.text("EMAIL_HOST", "localhost")
EMAIL_HOST_USER = env.text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.text("EMAIL_HOST_PASSWORD")
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "SaferHub <no-reply@saferhub.invalid>")

SAFERHUB_SERVICE_NAME = env.text("SAFERHUB_SERVICE_NAME", "SaferHub")
SAFERHUB_PHASE = env.text("SAFERHUB_PHASE", "beta")
# Where users reach this installation: links in e-mails sent outside a request (decisions, reminders).
SAFERHUB_BASE_URL = env.text("SAFERHUB_BASE_URL", "http://127.0.0.1:8000")
# Map tiles under the crime analysis's LSOA map: a URL template such as https://tile.example/{z}/{x}/{y}.png
# and the attribution its provider asks for. Empty (the default): no tiles, the polygons on a plain background.
SAFERHUB_MAP_TILES = env.text("SAFERHUB_MAP_TILES", "")
SAFERHUB_MAP_ATTRIBUTION = env.text("SAFERHUB_MAP_ATTRIBUTION", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "WARNING")},
}
CSRF_FAILURE_VIEW = "saferhub.views.csrf_failure"
