"""An item's activity log: who changed what, when and why, and the comments; each entry
describes itself in the reader's language and date style."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from actions.models.items import ActionItem, Status
from actions.models.language import active_language
from followup_dates import dates


class ActivityVerb(models.TextChoices):
    CREATED = "created", _("created")
    EDITED = "edited", _("edited")
    STATUS = "status", _("status changed")
    REASSIGNED = "reassigned", _("reassigned")
    DEADLINE_MOVED = "deadline_moved", _("deadline moved")
    COMMENT = "comment", _("comment")
    EVIDENCE = "evidence", _("evidence attached")
    IMPORTED = "imported", _("imported from the report")
    CARRIED = "carried", _("carried to the next meeting")
    ADOPTION = "adoption", _("adoption status changed")


class Activity(models.Model):
    """The item's log: who changed what, when, and why. Comments are activities too."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="activities", verbose_name=_("item")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    verb = models.CharField(_("what"), max_length=20, choices=ActivityVerb.choices)
    # Free text: a comment's body, or the reason given for a change.
    text = models.TextField(_("text"), blank=True)
    # What changed, as plain values (ISO dates, user names): rendered in the reader's language.
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")

    def __str__(self) -> str:
        language = active_language()
        return self.describe(style="roc" if language == "zh-hant" else "gregorian", language=language)

    def describe(self, *, style: str = "gregorian", language: str = "en") -> str:
        """One line for the log, in the reader's language and date style."""
        with translation.override(language):
            return str(self._describe(style=style, language=language))

    def _describe(self, *, style: str, language: str) -> str:
        data = self.data or {}

        def due_text(value: dict | None, *, with_zone: bool = False) -> str:
            if not value:
                return str(_("no deadline"))
            due_date = dates.DueDate(
                on=date.fromisoformat(value["on"]), precision=dates.Precision(value["precision"])
            )
            text = dates.format_due_date(due_date, style=style, language=language)
            if with_zone and value.get("zone"):
                return f"{text} ({value['zone']})"
            return text

        def due(key: str) -> str:
            old, new = data.get("from"), data.get("to")
            # Same day, another zone: only the zone tells the two apart.
            same_day = bool(old and new and (old["on"], old["precision"]) == (new["on"], new["precision"]))
            return due_text(data.get(key), with_zone=same_day)

        def day(value: str | None) -> str:
            if not value:
                return "—"
            return dates.format_date(date.fromisoformat(value), style=style, language=language)

        if self.verb == ActivityVerb.STATUS:
            line = _("status changed from %(old)s to %(new)s") % {
                "old": Status(data["from"]).label if data.get("from") else "—",
                "new": Status(data["to"]).label if data.get("to") else "—",
            }
        elif self.verb == ActivityVerb.REASSIGNED:
            line = _("reassigned from %(old)s to %(new)s") % {
                "old": data.get("from") or _("nobody"),
                "new": data.get("to") or _("nobody"),
            }
        elif self.verb == ActivityVerb.DEADLINE_MOVED:
            line = _("due moved from %(old)s to %(new)s") % {"old": due("from"), "new": due("to")}
        elif self.verb == ActivityVerb.EDITED:
            line = _("edited: %(fields)s") % {"fields": ", ".join(data.get("fields", []))}
        elif self.verb == ActivityVerb.ADOPTION and data.get("to"):
            line = _("adoption status changed from %(old)s to %(new)s") % {
                "old": data.get("from_label") or "—",
                "new": data.get("to_label"),
            }
        elif self.verb == ActivityVerb.CARRIED and data.get("to"):
            line = _("carried to %(meeting)s") % {"meeting": data["to"]}
        elif self.verb == ActivityVerb.EVIDENCE and (data.get("name") or data.get("url")):
            line = _("evidence attached: %(name)s") % {"name": data.get("name") or data.get("url")}
        else:
            line = str(self.get_verb_display())
        reasons = [self._cause_text(data.get("cause"), day=day, due_text=due_text)]
        if self.verb != ActivityVerb.COMMENT:
            reasons.append(self.text)
        reason = "; ".join(str(part) for part in reasons if part)
        if reason:
            return _("%(line)s because %(reason)s") % {"line": line, "reason": reason}
        if self.verb == ActivityVerb.COMMENT:
            return self.text
        return str(line)

    @staticmethod
    def _cause_text(cause: dict | None, *, day, due_text) -> str:
        """Why a deadline moved by itself: the thing it counts from moved."""
        if not cause:
            return ""
        kind = cause.get("kind")
        if kind == "meeting_start":
            return _("the first day of %(meeting)s moved from %(old)s to %(new)s") % {
                "meeting": cause.get("meeting"),
                "old": day(cause.get("from")),
                "new": day(cause.get("to")),
            }
        if kind == "meeting_end":
            return _("the last day of %(meeting)s moved from %(old)s to %(new)s") % {
                "meeting": cause.get("meeting"),
                "old": day(cause.get("from")),
                "new": day(cause.get("to")),
            }
        if kind == "delegation_return":
            return _("the delegation's return from %(meeting)s moved from %(old)s to %(new)s") % {
                "meeting": cause.get("meeting"),
                "old": day(cause.get("from")),
                "new": day(cause.get("to")),
            }
        if kind == "session":
            return _("the session “%(session)s” moved from %(old)s to %(new)s") % {
                "session": cause.get("session"),
                "old": day(cause.get("from")),
                "new": day(cause.get("to")),
            }
        if kind == "deadline":
            return _("the deadline “%(label)s” it counts from moved from %(old)s to %(new)s") % {
                "label": cause.get("label"),
                "old": due_text(cause.get("from")),
                "new": due_text(cause.get("to")),
            }
        if kind == "rule":
            return _("its rule changed")
        if kind == "meeting":
            return _("%(meeting)s was edited") % {"meeting": cause.get("meeting")}
        return ""
