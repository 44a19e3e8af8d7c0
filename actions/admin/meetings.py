"""The meeting and session admin: subclasses of meetings.admin's whose date and time edits
move the deadlines counting from them (through actions.deadline_services). `meetings`
never imports `actions`, so they are registered here."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from actions import deadline_moves, deadline_services
from actions.admin.deadlines import REASON_HELP
from followup_dates import dates
from meetings import admin as meetings_admin
from meetings.models import Meeting, Session
from tracker.forms import calendar_code

DEADLINES_CANNOT_FOLLOW = _("Deadlines counting from this meeting cannot follow: %(why)s")


class MeetingAdminForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("reason for the change"), required=False, max_length=500, help_text=REASON_HELP
    )

    class Meta:
        model = Meeting
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets pick the fields

    def clean_holiday_calendar(self) -> str:
        return calendar_code(self.cleaned_data["holiday_calendar"])

    def clean(self):
        cleaned = super().clean()
        start_on, end_on = cleaned.get("start_on"), cleaned.get("end_on")
        if self.instance.pk and start_on and end_on and not self.errors:
            self._check_deadlines_follow(start_on, end_on)
        if not self.instance.pk and cleaned.get("meeting_series") and start_on and end_on and not self.errors:
            self._check_templates_resolve(cleaned)
        return cleaned

    def _check_templates_resolve(self, cleaned) -> None:
        """A new meeting of a series proposes its follow-ups: a rule that cannot give a date
        on these days is a form error, not a meeting saved without them."""
        from followups.services import follow_ups_preview

        trial = Meeting(
            **{
                name: cleaned.get(name)
                for name in ("meeting_series", "start_on", "end_on", "returns_on", "holiday_calendar")
            }
        )
        trial.holiday_calendar = trial.holiday_calendar or ""
        try:
            follow_ups_preview(meeting=trial)
        except ValidationError as error:
            self.add_error("meeting_series", forms.ValidationError(error.messages[0], code=error.code))

    def _check_deadlines_follow(self, start_on, end_on) -> None:
        """Plan the move (deadline_moves.meeting_dates_plan, as the service does; nothing is
        written): a deadline counting from the meeting that cannot follow (e.g. past year
        9999) is a form error, not a 500."""
        current = Meeting.objects.get(pk=self.instance.pk)
        try:
            deadline_moves.meeting_dates_plan(
                meeting=current,
                start_on=start_on,
                end_on=end_on,
                old_start=current.start_on,
                old_end=current.end_on,
            )
        except (ValidationError, dates.DateInputError) as error:
            messages_ = error.messages if isinstance(error, ValidationError) else [error.message]
            self.add_error(
                "end_on",
                forms.ValidationError(
                    DEADLINES_CANNOT_FOLLOW % {"why": " ".join(str(m) for m in messages_)},
                    code="deadlines_cannot_follow",
                ),
            )


@admin.register(Meeting)
class MeetingAdmin(meetings_admin.MeetingAdmin):
    """Meeting admin whose date edits move the deadlines that count from them."""

    form = MeetingAdminForm
    fieldsets = (
        *meetings_admin.MeetingAdmin.fieldsets[:2],
        (_("Why the dates change"), {"fields": ("reason",)}),
        *meetings_admin.MeetingAdmin.fieldsets[2:],
    )

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            if obj.meeting_series_id:
                from followups.services import follow_ups_propose

                follow_ups_propose(meeting=obj, by=request.user, now=timezone.now())
            return None
        start_on, end_on = obj.start_on, obj.end_on
        current = Meeting.objects.get(pk=obj.pk)
        obj.start_on, obj.end_on = current.start_on, current.end_on
        super().save_model(request, obj, form, change)  # every field but the days
        deadline_services.meeting_update_dates(
            meeting=obj,
            start_on=start_on,
            end_on=end_on,
            by=request.user,
            now=timezone.now(),
            reason=form.cleaned_data.get("reason", ""),
        )
        return None

    def save_formset(self, request, form, formset, change):
        if formset.model is not Session:
            return super().save_formset(request, form, formset, change)
        save_sessions(formset, by=request.user, reason=form.cleaned_data.get("reason", ""))
        return None


def save_sessions(formset, *, by: User, reason: str) -> None:
    """Save a session formset; a session whose times changed moves through the service."""
    moved = {}
    for session_form in formset.initial_forms:
        if (
            session_form.instance.pk
            and not formset._should_delete_form(session_form)
            and {"starts_at", "ends_at"} & set(session_form.changed_data)
        ):
            moved[session_form.instance.pk] = (
                session_form.cleaned_data["starts_at"],
                session_form.cleaned_data.get("ends_at"),
            )
    sessions = formset.save(commit=False)
    for session in formset.deleted_objects:
        session.delete()
    now = timezone.now()
    for session in sessions:
        if session.pk in moved:
            current = Session.objects.get(pk=session.pk)
            session.starts_at, session.ends_at = current.starts_at, current.ends_at
            session.save()
            starts_at, ends_at = moved[session.pk]
            deadline_services.session_update_times(
                session=session, starts_at=starts_at, ends_at=ends_at, by=by, now=now, reason=reason
            )
        else:
            session.save()
    formset.save_m2m()


@admin.register(Session)
class SessionAdmin(meetings_admin.SessionAdmin):
    """Session admin whose time edits move the deadlines that count from the session's day."""

    def save_model(self, request, obj, form, change):
        if not change or not {"starts_at", "ends_at"} & set(form.changed_data):
            return super().save_model(request, obj, form, change)
        starts_at, ends_at = obj.starts_at, obj.ends_at
        current = Session.objects.get(pk=obj.pk)
        obj.starts_at, obj.ends_at = current.starts_at, current.ends_at
        super().save_model(request, obj, form, change)
        deadline_services.session_update_times(
            session=obj, starts_at=starts_at, ends_at=ends_at, by=request.user, now=timezone.now()
        )
        return None
