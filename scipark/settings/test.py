"""Settings for the test suite: fast hashing, SQLite unless TEST_DATABASE_URL says otherwise."""

import os

import dj_database_url

from .base import *  # noqa: F403
from .base import DATABASES
from .database import tuned

if os.environ.get("TEST_DATABASE_URL"):
    DATABASES["default"] = tuned(dj_database_url.parse(os.environ["TEST_DATABASE_URL"]))
else:
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "TEST": {"NAME": os.environ.get("SCIPARK_TEST_SQLITE", "")}
        if os.environ.get("SCIPARK_TEST_SQLITE")
        else {},
    }
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True  # serve app and npm assets without collectstatic, as pages do in dev
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The suite makes thousands of API calls as a handful of users: throttle far above that (a test lowers it).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
}
# Tasks run inline, so a test sees their effect and their errors (ADR 0011).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
