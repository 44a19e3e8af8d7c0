"""Admin for meetings: sessions and participants inline, organizations searchable."""

import copy

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.utils.translation import gettext_lazy as _

from followup_dates import dates
from meetings.models import Meeting, Organization, Participant, Session
from tracker.admin_dates import DayColumn, InstantColumn, ReaderDatesAdmin
from tracker.date_picker import VenueDateTimeField, venue_zone_help
from tracker.readers import known_zone

SESSION_TIMES = ("starts_at", "ends_at")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "name_en", "kind", "time_zone", "holiday_calendar")
    list_filter = ("kind",)
    search_fields = ("name", "name_en", "abbreviation", "code")
    prepopulated_fields = {"code": ("abbreviation",)}


def _venue_zone(meeting: Meeting | None) -> str:
    return known_zone(getattr(meeting, "venue_zone", ""))


class SessionAdminForm(forms.ModelForm):
    """A session's times typed as 114/3/4 09:30 (ROC or Gregorian) and read at the venue."""

    starts_at = VenueDateTimeField(label=_("starts (venue time)"), widget=widgets.AdminTextInputWidget)
    ends_at = VenueDateTimeField(
        label=_("ends (venue time)"), required=False, widget=widgets.AdminTextInputWidget
    )

    class Meta:
        model = Session
        fields = "__all__"  # noqa: DJ007 - the admin's fields pick them

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        try:
            meeting = self.instance.meeting
        except Meeting.DoesNotExist:  # a new session: the inline's zone, clean() checks it
            meeting = None
        if meeting is not None:
            zone = _venue_zone(meeting)
            for name in SESSION_TIMES:
                if name in self.fields:
                    self.fields[name].zone = zone
                    self.fields[name].help_text = venue_zone_help(zone)

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        if meeting is not None:  # the standalone form may move the session to another meeting
            zone = dates.validate_zone(_venue_zone(meeting))
            for name in SESSION_TIMES:
                value = cleaned.get(name)
                if value is not None and name in self.changed_data:
                    cleaned[name] = value.replace(tzinfo=zone)
        return cleaned


def _zoned(form_class, zone: str):
    """The form class with its session-time fields read in `zone` (copies: declared fields
    are shared with the class they come from)."""
    for name in SESSION_TIMES:
        if name in form_class.base_fields:
            field = copy.deepcopy(form_class.base_fields[name])
            field.zone, field.help_text = zone, venue_zone_help(zone)
            form_class.base_fields[name] = field
    return form_class


class SessionInline(admin.TabularInline):
    model = Session
    form = SessionAdminForm

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        _zoned(formset.form, _venue_zone(obj))  # the column headings name the venue's zone
        return formset

    extra = 0
    fields = ("code", "name", "kind", "starts_at", "ends_at", "chair", "report_section")
    show_change_link = True


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ("name", "organization", "title", "role", "role_detail", "email", "user")
    autocomplete_fields = ("organization", "user")


# Saving goes through actions.deadline_services (deadlines follow the dates): see
# actions/admin/meetings.py, which registers a subclass, because `meetings` never imports `actions`.
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
        (
            _("When and where"),
            {
                "fields": (
                    "start_on",
                    "end_on",
                    "returns_on",
                    "venue",
                    "venue_zone",
                    "host",
                    "holiday_calendar",
                )
            },
        ),
        (_("Report"), {"fields": ("report_title", "notes")}),
    )

    @admin.display(description=_("meeting"), ordering="series")
    def short_label(self, obj: Meeting) -> str:
        return obj.short_label


class SessionAdmin(ReaderDatesAdmin, admin.ModelAdmin):
    form = SessionAdminForm
    list_display = ("name", "meeting", "kind", "starts_at", "ends_at", "chair")
    list_select_related = ("meeting",)
    reader_columns = {
        "starts_at": InstantColumn("starts_at", _("starts"), "starts_at", zone_path="meeting.venue_zone"),
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
