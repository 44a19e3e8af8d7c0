"""Test overrides: fast password hashing, mail kept in memory, media in a temp folder."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")

from tracker.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="tracker-test-media-")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Tests talk plain HTTP to the live server.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# SQLite: a file, not memory, so the Celery worker/beat subprocesses of the integration
# tests (tests/integration) can open the same test database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.mkdtemp(prefix="tracker-test-db-"), "test.sqlite3")
    }

# The web test client is one process: memory is the shared cache. Limits high enough for
# the suite (schemathesis, the form fuzz); tests/test_security_hardening.py lowers them to probe.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SIGN_IN_RATE_PER_USERNAME = SIGN_IN_RATE_PER_ADDRESS = "100000/m"
PASSWORD_RESET_RATE_PER_EMAIL = PASSWORD_RESET_RATE_PER_ADDRESS = "100000/m"  # noqa: S105
API_RATE_ANONYMOUS = API_RATE_PER_USER = API_RATE_TOKEN_FAILURES = "100000/min"  # noqa: S105
