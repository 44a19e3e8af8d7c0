"""Calendar feed tokens: secret, revocable addresses for a personal or a per-meeting iCal feed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting


class FeedTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class FeedToken(models.Model):
    """Only the token's hash is stored; the address is shown once, when it is created."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feed_tokens",
        verbose_name=_("user"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feed_tokens",
        verbose_name=_("meeting"),
        help_text=_("Empty: the personal feed of the user's items."),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} · {self.meeting.short_label if self.meeting else _('my items')}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class SavedViewList(models.TextChoices):
    TASKS = "tasks", _("My tasks")
    DELEGATION = "delegation", _("Delegation")


class SavedView(models.Model):
    """A filtered task list a person named and keeps one click away ("EU items due this week")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=_("user"),
    )
    list_name = models.CharField(_("list"), max_length=20, choices=SavedViewList.choices)
    name = models.CharField(_("name"), max_length=60)
    query = models.CharField(_("filters"), max_length=500, help_text=_("The list's query string."))
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        constraints = [
            models.UniqueConstraint(fields=["user", "list_name", "name"], name="saved_view_name_once_a_list"),
        ]

    def __str__(self) -> str:
        return self.name
