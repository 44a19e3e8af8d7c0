"""Admin for meetings: sessions and participants inline, organizations searchable."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, Organization, Participant, Session
from tracker.admin_dates import DayColumn, InstantColumn, ReaderDatesAdmin


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "name_en", "kind", "time_zone", "holiday_calendar")
    list_filter = ("kind",)
    search_fields = ("name", "name_en", "abbreviation", "code")
    prepopulated_fields = {"code": ("abbreviation",)}


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ("code", "name", "kind", "starts_at", "ends_at", "chair", "report_section")
    show_change_link = True


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ("name", "organization", "title", "role", "role_detail", "email", "user")
    autocomplete_fields = ("organization", "user")


# Saving goes through actions.services (deadlines follow the dates): see actions/admin.py,
# which registers a subclass, because `meetings` never imports `actions`.
class MeetingAdmin(ReaderDatesAdmin, admin.ModelAdmin):
    list_display = ("short_label", "title", "start_on", "end_on", "venue", "venue_zone", "host")
    reader_columns = {
        "start_on": DayColumn("start_on", _("first day"), "start_on"),
        "end_on": DayColumn("end_on", _("last day"), "end_on"),
    }
    list_filter = ("meeting_series", "host")
    search_fields = ("series", "title", "title_en", "venue", "slug")
    date_hierarchy = "start_on"
    autocomplete_fields = ("host", "meeting_series")
    prepopulated_fields = {"slug": ("series", "number")}
    inlines = [SessionInline, ParticipantInline]
    fieldsets = (
        (None, {"fields": ("meeting_series", "series", "number", "slug", "title", "title_en")}),
        (_("When and where"), {"fields": ("start_on", "end_on", "returns_on", "venue",
                                           "venue_zone", "host", "holiday_calendar")}),
        (_("Report"), {"fields": ("report_title", "notes")}),
    )

    @admin.display(description=_("meeting"), ordering="series")
    def short_label(self, obj: Meeting) -> str:
        return obj.short_label


class SessionAdmin(ReaderDatesAdmin, admin.ModelAdmin):
    list_display = ("name", "meeting", "kind", "starts_at", "ends_at", "chair")
    list_select_related = ("meeting",)
    reader_columns = {
        "starts_at": InstantColumn("starts_at", _("starts"), "starts_at",
                                   zone_path="meeting.venue_zone"),
        "ends_at": InstantColumn("ends_at", _("ends"), "ends_at", zone_path="meeting.venue_zone"),
    }
    list_filter = ("meeting", "kind")
    search_fields = ("name", "name_en", "code", "chair", "meeting__series")
    autocomplete_fields = ("meeting",)


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "title", "role", "role_detail", "meeting", "user")
    list_filter = ("meeting", "role", "organization")
    search_fields = ("name", "title", "email", "organization__name", "organization__abbreviation")
    autocomplete_fields = ("meeting", "organization", "user")
