"""Admin for users: Django's user admin plus the tracker's preferences."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Tracker preferences"),
            {
                "fields": (
                    "full_name", "language", "time_zone", "date_style",
                    "reminder_mode", "optional_reminders",
                )
            },
        ),
    )
    list_display = ("username", "full_name", "email", "is_staff", "language", "time_zone")
    search_fields = ("username", "full_name", "first_name", "last_name", "email")
