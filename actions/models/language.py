"""The language a row names itself in where only str() is called (menus of the admin, logs)."""

from django.utils import translation


def active_language() -> str:
    """ "zh-hant" or "en": how a row names itself where only str() is called (menus, logs)."""
    return "zh-hant" if (translation.get_language() or "").lower().startswith("zh") else "en"
