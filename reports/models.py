"""A report import: the upload, the report's blocks as read, and its follow-up candidates.

The tables keep the names they had when these models lived in `actions`
(actions_minutesimport, actions_importcandidate): the move changed no data.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from actions.models import ActionItem
from followup_dates import dates
from meetings.models import Meeting


class MinutesImport(models.Model):
    """One upload of a meeting report; its candidates wait for review."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="minutes_imports", verbose_name=_("meeting")
    )
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"))
    candidate_count = models.PositiveIntegerField(_("candidates"), default=0)
    # The report as the reader saw it: [{"kind", "text", "level"}] in reading order, so the
    # review can show each candidate's sentence where it stands.
    blocks = models.JSONField(_("report text"), default=list, blank=True)
    notes = models.JSONField(_("notes on the whole report"), default=list, blank=True)

    class Meta:
        db_table = "actions_minutesimport"
        ordering = ["-created_at", "-id"]
        verbose_name = _("report import")
        verbose_name_plural = _("report imports")

    def __str__(self) -> str:
        return f"{self.meeting.short_label} · {self.file_name}"


class CandidateState(models.TextChoices):
    PENDING = "pending", _("Pending review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    DUPLICATE = "duplicate", _("Already an item")
    NOT_PROPOSED = "mention", _("Mentions a date — not proposed")


class ImportCandidate(models.Model):
    """A follow-up the reader found, or a sentence it did not propose; `data` is its JSON."""

    minutes_import = models.ForeignKey(
        MinutesImport,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("report import"),
    )
    position = models.PositiveIntegerField(_("position"), help_text=_("Order in the report."))
    data = models.JSONField(_("candidate"))
    import_key = models.CharField(_("import key"), max_length=64)
    state = models.CharField(
        _("state"), max_length=10, choices=CandidateState.choices, default=CandidateState.PENDING
    )
    item = models.ForeignKey(
        ActionItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("action item"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        db_table = "actions_importcandidate"
        ordering = ["minutes_import", "position"]
        verbose_name = _("follow-up candidate")
        verbose_name_plural = _("follow-up candidates")
        constraints = [
            models.UniqueConstraint(fields=["minutes_import", "position"], name="candidate_position_unique"),
        ]

    def __str__(self) -> str:
        return str(self.data.get("title") or self.data.get("excerpt", ""))[:80]

    @property
    def due(self) -> dates.DueDate | None:
        on = self.data.get("due_date")
        if not on:
            return None
        return dates.DueDate(
            on=date.fromisoformat(on), precision=dates.Precision(self.data.get("due_precision") or "day")
        )

    @property
    def proposed(self) -> bool:
        return self.state != CandidateState.NOT_PROPOSED
