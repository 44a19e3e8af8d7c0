"""The reminders in the admin: the policies, the outbox (read-only, with a re-send for the
failed ones), and every inbound message, read-only: what arrived and what became of it."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reminders import delivery, scheduling
from reminders.models import InboundMessage, Reminder, ReminderPolicy


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = ("received_at", "status", "reason", "header_from", "subject", "item")
    list_filter = ("status", "reason")
    search_fields = ("header_from", "envelope_from", "subject", "message_id")
    list_select_related = ("item__meeting",)
    readonly_fields = [field.name for field in InboundMessage._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "is_default",
        "meeting",
        "days_before",
        "on_due_day",
        "overdue_every_days",
        "escalate_after_days",
        "send_hour",
    )
    autocomplete_fields = ("meeting",)

    def save_model(self, request, obj, form, change):
        scheduling.reminder_policy_save(policy=obj, now=timezone.now())


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The outbox, read-only: what was sent, what failed and why."""

    list_display = (
        "send_at",
        "item",
        "recipient",
        "role",
        "slot_key",
        "state",
        "attempts",
        "sent_at",
        "short_error",
    )
    list_filter = ("state", "role", "slot_kind", "item__meeting")
    search_fields = ("item__title", "user__username", "user__full_name", "recipient_email", "message_id")
    date_hierarchy = "send_at"
    list_select_related = ("item", "item__meeting", "user")
    actions = ["retry"]
    readonly_fields = [f.name for f in Reminder._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("recipient"))
    def recipient(self, obj: Reminder) -> str:
        return obj.user.display_name if obj.user_id else obj.recipient_email

    @admin.display(description=_("last error"))
    def short_error(self, obj: Reminder) -> str:
        return obj.last_error[:80]

    def has_retry_permission(self, request) -> bool:
        # The rows are read-only, but staff who may change reminders may re-send them.
        return request.user.has_perm("reminders.change_reminder")

    @admin.action(description=_("Send selected failed reminders again"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[Reminder]):
        count = delivery.reminders_retry(reminders=queryset, now=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d reminder queued again.", "%(count)d reminders queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
