"""Production settings: secrets from the environment, HTTPS only, MFA required for staff."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["SCIPARK_SECRET_KEY"]
SCIPARK_REQUIRE_MFA = True
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
