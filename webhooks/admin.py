"""Admin for webhooks: register a URL, see every delivery attempt, send failed ones again."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from webhooks import services
from webhooks.models import DeliveryState, Webhook, WebhookDelivery, WebhookEvent


class WebhookForm(forms.ModelForm):
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Only http:// and https:// addresses."),
    )
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("events"),
    )

    class Meta:
        model = Webhook
        fields = ("meeting", "url", "events", "active", "secret")


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    can_delete = False
    fields = (
        "created_at",
        "event",
        "item",
        "state",
        "attempts",
        "last_status_code",
        "last_error",
        "delivered_at",
    )
    readonly_fields = fields
    ordering = ("-created_at", "-id")
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item")


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    """A delegation's URL for follow-up events; each body is signed with the secret shown here."""

    form = WebhookForm
    list_display = ("url", "meeting", "event_list", "active", "created_at")
    list_filter = ("active", "meeting")
    search_fields = ("url", "meeting__series", "meeting__slug")
    autocomplete_fields = ("meeting",)
    inlines = [WebhookDeliveryInline]

    @admin.display(description=_("events"))
    def event_list(self, obj: Webhook) -> str:
        return ", ".join(obj.events)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """Every attempt is visible: state, attempts, the last HTTP status and error."""

    list_display = (
        "created_at",
        "event",
        "webhook",
        "item",
        "state",
        "attempts",
        "last_status_code",
        "short_error",
        "last_attempt_at",
        "delivered_at",
    )
    list_filter = ("state", "event", "webhook__meeting")
    search_fields = ("webhook__url", "last_error", "item__title")
    date_hierarchy = "created_at"
    list_select_related = ("webhook", "webhook__meeting", "item", "item__meeting")
    readonly_fields = (
        "webhook",
        "item",
        "event",
        "key",
        "payload",
        "state",
        "attempts",
        "last_status_code",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
    )
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("last error"))
    def short_error(self, obj: WebhookDelivery) -> str:
        return obj.last_error[:80]

    @admin.action(description=_("Send failed deliveries again"))
    def retry(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]):
        deliveries = list(queryset.filter(state=DeliveryState.FAILED))
        for delivery in deliveries:
            services.webhook_delivery_retry(delivery=delivery, now=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery queued again.", "%(count)d deliveries queued again.", len(deliveries)
            )
            % {"count": len(deliveries)},
            messages.SUCCESS,
        )
