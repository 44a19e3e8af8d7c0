"""Messages translated when they are shown, by whatever translator the application installs.

The pure package cannot import Django's gettext; it marks its messages with `gettext_lazy`
(so makemessages finds them) and `format_lazy` keeps the values apart until `str()`. The
Django project installs `django.utils.translation.gettext` at start-up (tracker/apps.py);
until then, and outside Django, a message reads in English.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_translate: Callable[[str], str] = str


def install(translate: Callable[[str], str]) -> None:
    """Use `translate(message) -> str` for every message shown from now on."""
    global _translate
    _translate = translate


class LazyText:
    """A message in the source language, translated each time it is turned into text."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return _translate(self.message)

    def __repr__(self) -> str:
        return f"LazyText({self.message!r})"

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.message)

    def __mod__(self, values: Any) -> str:
        return str(self) % values

    def format(self, *args: Any, **kwargs: Any) -> str:
        return str(self).format(*args, **kwargs)


class LazyFormat(LazyText):
    """`template.format(**values)`, with the template translated when shown."""

    __slots__ = ("values",)

    def __init__(self, template: str | LazyText, values: dict[str, Any]) -> None:
        super().__init__(template.message if isinstance(template, LazyText) else template)
        self.values = values

    def __str__(self) -> str:
        return _translate(self.message).format(**{k: str(v) for k, v in self.values.items()})

    def __hash__(self) -> int:
        return hash((self.message, tuple(sorted(self.values))))


def gettext_lazy(message: str) -> LazyText:
    return LazyText(message)


def format_lazy(template: str | LazyText, **values: Any) -> LazyFormat:
    return LazyFormat(template, values)


def gettext_noop(message: str) -> str:
    """Mark a message for translation (makemessages finds it) and keep it in English."""
    return message


class Note(str):
    """An English note with the template and values it was made from."""

    template: str
    params: dict[str, str]

    def __new__(cls, template: str, params: dict[str, str]) -> Note:
        made = super().__new__(cls, template.format(**params))
        made.template, made.params = template, params
        return made


def note(template: str, **params: object) -> Note:
    return Note(template, {key: str(value) for key, value in params.items()})


# Month names as Django's own catalogue spells them, so its translations apply.
MONTHS = {
    number: LazyText(name)
    for number, name in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        start=1,
    )
}
