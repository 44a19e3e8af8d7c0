"""Admin for meeting series, their follow-up templates and the items carried forward."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from followups import services
from followups.models import (
    AdoptionUpdate,
    CarriedItem,
    FollowUpTemplate,
    ProposedFollowUp,
    Recommendation,
)
from meetings.models import MeetingSeries


class FollowUpTemplateInline(admin.TabularInline):
    model = FollowUpTemplate
    extra = 0
    fields = (
        "order",
        "key",
        "title",
        "title_en",
        "kind",
        "responsible",
        "set_by",
        "owner_role",
        "rule_amount",
        "rule_unit",
        "rule_direction",
        "rule_anchor",
        "calendar",
        "limit_days",
        "active",
    )
    autocomplete_fields = ("responsible", "set_by")


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ("label", "name", "name_en", "organiser", "holiday_calendar", "zone")
    search_fields = ("label", "name", "name_en", "code")
    autocomplete_fields = ("organiser",)
    prepopulated_fields = {"code": ("label",)}
    inlines = [FollowUpTemplateInline]


@admin.register(FollowUpTemplate)
class FollowUpTemplateAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "series",
        "kind",
        "responsible",
        "owner_role",
        "rule_amount",
        "rule_unit",
        "rule_direction",
        "rule_anchor",
        "active",
    )
    list_filter = ("series", "kind", "active")
    search_fields = ("title", "title_en", "key")
    autocomplete_fields = ("series", "responsible", "set_by")


@admin.register(ProposedFollowUp)
class ProposedFollowUpAdmin(admin.ModelAdmin):
    list_display = ("item", "meeting", "template", "status")
    list_filter = ("meeting", "template")
    list_select_related = ("item", "meeting", "template")
    actions = ["confirm"]

    @admin.display(description=_("status"))
    def status(self, obj: ProposedFollowUp) -> str:
        return obj.item.get_status_display()

    @admin.action(description=_("Confirm the selected follow-ups (they become open)"))
    def confirm(self, request, queryset):
        items = [row.item for row in queryset.select_related("item")]
        confirmed = services.follow_ups_confirm(items=items, by=request.user, now=timezone.now())
        self.message_user(
            request,
            ngettext("%(n)d follow-up confirmed.", "%(n)d follow-ups confirmed.", len(confirmed))
            % {"n": len(confirmed)},
        )

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(CarriedItem)
class CarriedItemAdmin(admin.ModelAdmin):
    list_display = ("item", "from_meeting", "to_meeting", "marked_at", "carried_at")
    list_filter = ("from_meeting", "to_meeting")
    list_select_related = ("item__meeting", "from_meeting", "to_meeting")
    readonly_fields = (
        "item",
        "from_meeting",
        "to_meeting",
        "marked_by",
        "marked_at",
        "carried_by",
        "carried_at",
    )
    actions = ["carry"]

    @admin.action(description=_("Carry the selected items to the next meeting of the series"))
    def carry(self, request, queryset):
        rows = list(queryset.select_related("item__meeting", "from_meeting"))
        now = timezone.now()
        by_meeting: dict[int, list] = {}
        for row in rows:
            by_meeting.setdefault(row.from_meeting_id, []).append(row)
        for group in by_meeting.values():
            target = group[0].from_meeting.next_in_series()
            if target is None:
                self.message_user(
                    request,
                    _("%(meeting)s has no next meeting yet.")
                    % {"meeting": group[0].from_meeting.short_label},
                    messages.ERROR,
                )
                continue
            try:
                services.items_carry_forward(
                    items=[row.item for row in group], to_meeting=target, by=request.user, now=now
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                ngettext(
                    "%(n)d item carried to %(meeting)s.", "%(n)d items carried to %(meeting)s.", len(group)
                )
                % {"n": len(group), "meeting": target.short_label},
            )

    def has_add_permission(self, request) -> bool:
        return False


class AdoptionUpdateInline(admin.TabularInline):
    model = AdoptionUpdate
    extra = 0
    fields = ("at", "status", "reason", "by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    """Adoption status changes go through the service (history, item status, log)."""

    list_display = ("position", "item", "meeting", "status", "status_changed_at")
    list_filter = ("meeting", "status")
    list_select_related = ("item__meeting", "meeting")
    fields = ("item", "meeting", "position", "status", "reason", "status_changed_at")
    readonly_fields = ("item", "meeting", "position", "status_changed_at")
    inlines = [AdoptionUpdateInline]

    def has_add_permission(self, request) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        current = Recommendation.objects.get(pk=obj.pk)
        try:
            services.recommendation_set_adoption(
                recommendation=current,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data.get("reason", ""),
                by=request.user,
                now=timezone.now(),
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
