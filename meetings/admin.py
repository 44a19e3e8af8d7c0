"""Admin for meetings: sessions and participants inline, organizations searchable."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, Organization, Participant, Session


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


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("short_label", "title", "start_on", "end_on", "venue", "venue_zone", "host")
    list_filter = ("series", "host")
    search_fields = ("series", "title", "title_en", "venue", "slug")
    date_hierarchy = "start_on"
    autocomplete_fields = ("host",)
    prepopulated_fields = {"slug": ("series", "number")}
    inlines = [SessionInline, ParticipantInline]
    fieldsets = (
        (None, {"fields": ("series", "number", "slug", "title", "title_en")}),
        (_("When and where"), {"fields": ("start_on", "end_on", "venue", "venue_zone", "host",
                                           "holiday_calendar")}),
        (_("Report"), {"fields": ("report_title", "notes")}),
    )

    @admin.display(description=_("meeting"), ordering="series")
    def short_label(self, obj: Meeting) -> str:
        return obj.short_label


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("name", "meeting", "kind", "starts_at", "ends_at", "chair")
    list_filter = ("meeting", "kind")
    search_fields = ("name", "name_en", "code", "chair", "meeting__series")
    autocomplete_fields = ("meeting",)


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "title", "role", "role_detail", "meeting", "user")
    list_filter = ("meeting", "role", "organization")
    search_fields = ("name", "title", "email", "organization__name", "organization__abbreviation")
    autocomplete_fields = ("meeting", "organization", "user")
