"""The site's absolute addresses, for what is read outside the browser (CSV cells, calendar
feeds, a feed's address to copy)."""

from django.conf import settings


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path
