"""Evidence that an item was done: an uploaded file or a link, with a note (the upload
checks are actions/evidence.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from actions.models.items import ActionItem


class Evidence(models.Model):
    """Proof that an item was done: an uploaded file or a link, with a note."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("item")
    )
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"))

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""),
                name="evidence_has_file_or_url",
                violation_error_message=_("Evidence needs a file or a link."),
            ),
        ]

    def __str__(self) -> str:
        return self.original_name or self.url
