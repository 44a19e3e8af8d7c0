"""Static files in production: a missing `collectstatic` is said loudly, never a 500 per page.

WhiteNoise's manifest storage raises for every `{% static %}` whose file is not in the
manifest, so DEBUG=0 without `collectstatic` made every page a 500. Now the storage falls
back to the plain name (the page renders, unstyled), and a system check (run by
`runserver`, `migrate` and `check`) stops with STATIC_NOT_COLLECTED until the step is done.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core import checks
from whitenoise.storage import CompressedManifestStaticFilesStorage

STATIC_NOT_COLLECTED = (
    "Static files are not collected: with DEBUG off, run `python manage.py collectstatic "
    "--no-input` (into STATIC_ROOT={root}) before starting the web server."
)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # A file missing from the manifest is served under its own name instead of raising.
    manifest_strict = False

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:  # not collected at all: nothing to hash it from
            return name


def static_collected_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    if not backend.endswith("ManifestStaticFilesStorage") and backend != (f"{__name__}.StaticFilesStorage"):
        return []
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        return []
    return [checks.Error(STATIC_NOT_COLLECTED.format(root=settings.STATIC_ROOT), id="tracker.E001")]
