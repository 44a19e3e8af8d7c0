"""Every inbound message, read-only: what arrived and what became of it."""

from django.contrib import admin

from reminders.models import InboundMessage


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
