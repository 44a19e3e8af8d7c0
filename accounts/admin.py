"""Admin for users (Django's user admin plus the tracker's preferences) and their API tokens."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import ApiToken, User
from accounts.services import api_token_revoke


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Tracker preferences"),
            {
                "fields": (
                    "full_name",
                    "language",
                    "time_zone",
                    "date_style",
                    "reminder_mode",
                    "optional_reminders",
                )
            },
        ),
    )
    list_display = ("username", "full_name", "email", "is_staff", "language", "time_zone")
    search_fields = ("username", "full_name", "first_name", "last_name", "email")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff see every token and revoke any; keys are never shown (only their hash is stored)."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at", "revoked_by")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "prefix", "user__username", "user__full_name")
    list_select_related = ("user", "revoked_by")
    readonly_fields = (
        "user",
        "name",
        "prefix",
        "key_hash",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    )
    actions = ["revoke"]

    def has_add_permission(self, request):
        # A key must be shown to its owner once: users create tokens through the API.
        return False

    @admin.action(description=_("Revoke selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]):
        now = timezone.now()
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            api_token_revoke(token=token, by=request.user, now=now)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens))
            % {"count": len(tokens)},
            messages.SUCCESS,
        )
