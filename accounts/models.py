"""The tracker's user: a Django user plus the preferences every page and email follows."""

from zoneinfo import available_timezones

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone (use an IANA name such as Asia/Taipei)."),
            code="unknown_zone",
            params={"value": value},
        )


class DateStyle(models.TextChoices):
    ROC = "roc", _("ROC (民國) years")
    GREGORIAN = "gregorian", _("Gregorian years")


class ReminderMode(models.TextChoices):
    SINGLE = "single", _("One email per reminder")
    DIGEST = "digest", _("One daily digest")


class TrackerUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(**{self.model.USERNAME_FIELD: username})


def user_display_name(full_name: str, first_name: str, last_name: str, username: str) -> str:
    """The name to show (also for lists that read columns, not User objects)."""
    return full_name or f"{first_name} {last_name}".strip() or username


class User(AbstractUser):
    # Chinese names do not split into first/last the Western way: one field, as written.
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        default="zh-hant",
        choices=[("zh-hant", "繁體中文"), ("en", "English")],
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Taipei", validators=[validate_time_zone]
    )
    # Blank means "follow the language": ROC for zh-hant, Gregorian for English.
    date_style = models.CharField(_("date style"), max_length=10, choices=DateStyle.choices, blank=True)
    reminder_mode = models.CharField(
        _("reminders"), max_length=10, choices=ReminderMode.choices, default=ReminderMode.SINGLE
    )
    optional_reminders = models.BooleanField(
        _("optional reminders"),
        default=True,
        help_text=_("Reminders before the due day. Due-day, overdue and escalation mail always comes."),
    )

    objects = TrackerUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    def natural_key(self) -> tuple[str]:
        return (self.username,)

    @property
    def display_name(self) -> str:
        return user_display_name(self.full_name, self.first_name, self.last_name, self.username)

    @property
    def effective_date_style(self) -> str:
        if self.date_style:
            return self.date_style
        return DateStyle.ROC if self.language == "zh-hant" else DateStyle.GREGORIAN


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A per-user key for the REST API. Only the key's SHA-256 is stored; the key is shown once."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “calendar sync”.")
    )
    key_hash = models.CharField(_("key hash (SHA-256)"), max_length=64, unique=True)
    # The key's first characters, so a person can tell their tokens apart.
    prefix = models.CharField(_("key starts with"), max_length=8)
    created_at = models.DateTimeField(_("created"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…, {self.user})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
