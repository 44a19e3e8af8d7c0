"""Admin for follow-ups: staff work here all day, so filters, search and bulk actions matter."""

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from actions import deadline_moves, deadline_services, services
from actions.models import (
    OPEN_STATUSES,
    ActionItem,
    Activity,
    Deadline,
    DeadlineMode,
    Evidence,
    Status,
)
from followup_dates import dates
from meetings import admin as meetings_admin
from meetings.models import Meeting, Session
from reminders import scheduling
from tracker.admin_dates import DueColumn, InstantColumn, ReaderDatesAdmin
from tracker.date_picker import CONFIRM_PAST_LABEL, DuePickerInput, PastConfirmationMixin
from tracker.forms import DueDateField, calendar_code
from tracker.templatetags.tracker_dates import reader_prefs


class DueWindowFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("7d", _("Due in the next 7 days")),
            ("30d", _("Due in the next 30 days")),
            ("later", _("Due later")),
            ("none", _("No deadline")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        windows = {
            "overdue": lambda qs: qs.overdue(now),
            "7d": lambda qs: qs.open().due_between(now, now + timedelta(days=7)),
            "30d": lambda qs: qs.open().due_between(now, now + timedelta(days=30)),
            "later": lambda qs: qs.filter(deadline__due_at__gte=now + timedelta(days=30)),
            "none": lambda qs: qs.filter(deadline__isnull=True),
        }
        apply = windows.get(self.value())
        return apply(queryset) if apply else queryset


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    can_delete = False
    fields = ("created_at", "actor", "verb", "line")
    readonly_fields = fields
    ordering = ("-created_at", "-id")
    verbose_name_plural = _("activity log")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("what happened"))
    def line(self, obj: Activity) -> str:
        return obj.describe()

    # A readonly method gets only the row: for the reader's date style, swap in a callable
    # bound to the signed-in user (equal per style and language, so fields and readonly match).
    def get_fields(self, request, obj=None):
        style, language, _zone = reader_prefs(request.user)
        return ("created_at", "actor", "verb", ActivityLine(style=style, language=language))

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)


@dataclass(frozen=True)
class ActivityLine:
    """An activity's log line in one reader's style, usable as an admin readonly field."""

    style: str
    language: str
    __name__ = "line"
    short_description = _("what happened")

    def __call__(self, obj: Activity) -> str:
        return obj.describe(style=self.style, language=self.language)


class ReassignForm(forms.Form):
    owner = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        label=_("New owner"),
        help_text=_("Leave empty to unassign."),
    )
    reason = forms.CharField(required=False, label=_("Reason"), max_length=500)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)

    def clean_owner(self):
        owner = self.cleaned_data["owner"]
        if owner is None:
            return owner
        for meeting in {item.meeting_id: item.meeting for item in self.items}.values():
            try:
                services.item_assignees_check(meeting=meeting, owner=owner)
            except ValidationError as error:
                raise forms.ValidationError(error.message_dict["owner"]) from error
        return owner


class ActionItemAdminForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = "__all__"  # noqa: DJ007 - the fieldsets below choose what is shown

    def clean(self):
        data = super().clean()
        meeting = data.get("meeting") or getattr(self.instance, "meeting", None)
        if meeting is not None and "owner" not in self.errors:
            # The services' rule, on the form's fields (watchers are saved by the form).
            try:
                services.item_assignees_check(
                    meeting=meeting, owner=data.get("owner"), watchers=data.get("watchers") or ()
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field, message)
        return data


@admin.register(ActionItem)
class ActionItemAdmin(ReaderDatesAdmin, admin.ModelAdmin):
    form = ActionItemAdminForm
    list_display = (
        "number",
        "title",
        "meeting_label",
        "kind",
        "status",
        "priority",
        "responsible",
        "owner",
        "due",
        "overdue",
    )
    list_display_links = ("number", "title")
    list_filter = (
        DueWindowFilter,
        "status",
        "kind",
        "meeting",
        "priority",
        "responsible",
        ("owner", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = (
        "title",
        "description",
        "source_excerpt",
        "owner__full_name",
        "owner__username",
        "responsible__name",
        "responsible__abbreviation",
    )
    autocomplete_fields = ("meeting", "session", "responsible", "owner", "deadline", "watchers")
    date_hierarchy = "deadline__due_at"
    list_select_related = ("meeting", "responsible", "owner", "deadline")
    reader_columns = {"due": DueColumn("deadline", _("due"), "deadline__due_at")}
    list_per_page = 50
    readonly_fields = ("number", "completed_at", "completed_by", "created_at", "updated_at")
    inlines = [ActivityInline]
    actions = ["mark_done", "reassign"]
    fieldsets = (
        (None, {"fields": ("meeting", "number", "session", "title", "description", "kind", "priority")}),
        (
            _("Who and when"),
            {
                "fields": (
                    "responsible",
                    "owner",
                    "watchers",
                    "deadline",
                    "ends_on",
                    "status",
                    "reminder_policy",
                )
            },
        ),
        (_("From the report"), {"fields": ("source_section", "source_excerpt")}),
        (_("Completion"), {"fields": ("completion_note", "completed_at", "completed_by")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    )

    @admin.display(description=_("due"), ordering="deadline__due_at")
    def due(self, obj: ActionItem) -> str:
        return obj.deadline.due_display() if obj.deadline else "—"

    @admin.display(description=_("meeting"), ordering="meeting__start_on")
    def meeting_label(self, obj: ActionItem) -> str:
        return obj.meeting.short_label

    # A red word, not a green tick: "overdue = yes" must not look like good news.
    @admin.display(description=_("overdue"))
    def overdue(self, obj: ActionItem) -> str:
        if not obj.is_overdue(timezone.now()):
            return ""
        return format_html('<strong style="color:#ba2121">{}</strong>', _("overdue"))

    def save_model(self, request, obj, form, change):
        data = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in form.cleaned_data and name != "watchers"
        }
        now = timezone.now()
        if change:
            current = ActionItem.objects.get(pk=obj.pk)
            services.action_item_update(item=current, changes=data, by=request.user, now=now)
        else:
            fields = {
                name: value
                for name, value in form.cleaned_data.items()
                if name not in {"watchers", "meeting", "title", "kind"}
            }
            created = services.action_item_create(
                meeting=form.cleaned_data["meeting"],
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                by=request.user,
                now=now,
                **fields,
            )
            obj.pk, obj.number = created.pk, created.number

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "watchers" in form.changed_data:
            # Watchers are saved by the form's m2m step; their reminders follow.
            scheduling.item_reschedule(item=form.instance, now=timezone.now())

    @admin.action(description=_("Mark selected items done"))
    def mark_done(self, request: HttpRequest, queryset: QuerySet[ActionItem]):
        now = timezone.now()
        count = 0
        for item in queryset.filter(status__in=[*OPEN_STATUSES, Status.PROPOSED]):
            services.action_item_complete(
                item=item, by=request.user, now=now, note=str(_("Marked done in the admin."))
            )
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d item marked done.", "%(count)d items marked done.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reassign selected items"))
    def reassign(self, request: HttpRequest, queryset: QuerySet[ActionItem]):
        items = list(queryset.select_related("meeting"))
        if "apply" in request.POST:
            form = ReassignForm(request.POST, items=items)
            if form.is_valid():
                now = timezone.now()
                with transaction.atomic():  # all selected items, or none
                    for item in items:
                        services.action_item_reassign(
                            item=item,
                            owner=form.cleaned_data["owner"],
                            by=request.user,
                            now=now,
                            reason=form.cleaned_data["reason"],
                        )
                self.message_user(
                    request,
                    ngettext("%(count)d item reassigned.", "%(count)d items reassigned.", queryset.count())
                    % {"count": queryset.count()},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(request.get_full_path())
        else:
            form = ReassignForm(items=items)
        return TemplateResponse(
            request,
            "admin/actions/reassign.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reassign items"),
                "items": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


_REASON_HELP = _("Optional: why it changes. Every item on a deadline that moves logs it.")


class DeadlineAdminForm(PastConfirmationMixin, forms.ModelForm):
    """A date typed as people write it, or a rule; the due day and instant are computed. A new
    or changed date before today asks for confirmation first (the items would be overdue at
    once), as the web forms do; the box appears only then."""

    due = DueDateField(
        label=_("due date"),
        required=False,
        widget=DuePickerInput(attrs={"class": "vTextField"}),
        help_text=_(
            "For a deadline that is a date: 114年3月13日, 115 年 1 月 (a whole month), "
            "115年第1季, 2025-03-13 or 13 Mar 2025."
        ),
    )
    zone = forms.CharField(
        label=_("time zone"),
        required=False,
        max_length=64,
        help_text=_("The day ends at 23:59:59 here. Empty: the setter's zone, else the meeting venue's."),
    )
    reason = forms.CharField(
        label=_("reason for the change"), required=False, max_length=500, help_text=_REASON_HELP
    )
    confirm_past = forms.BooleanField(label=CONFIRM_PAST_LABEL, required=False, widget=forms.HiddenInput)

    class Meta:
        model = Deadline
        fields = [
            "meeting",
            "key",
            "label",
            "set_by",
            "zone",
            "mode",
            "rule_amount",
            "rule_unit",
            "rule_direction",
            "rule_anchor",
            "anchor_session",
            "anchor_deadline",
            "calendar",
            "source_excerpt",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()  # in the reader's zone (the middleware activates it)
        if self.instance.pk and not self.instance.is_relative:
            self.initial.setdefault("due", self.instance.due)

    def clean_zone(self) -> str:
        zone = self.cleaned_data["zone"].strip()
        if zone:
            try:
                dates.validate_zone(zone)
            except dates.DateInputError as error:
                raise forms.ValidationError(error.message, code=error.code) from error
        return zone

    def clean_calendar(self) -> str:
        return calendar_code(self.cleaned_data["calendar"])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("zone") and "zone" not in self.errors:
            meeting = cleaned.get("meeting") or (self.instance.meeting if self.instance.meeting_id else None)
            cleaned["zone"] = Deadline.default_zone(meeting=meeting, set_by=cleaned.get("set_by"))
        if (
            cleaned.get("mode") == DeadlineMode.ABSOLUTE
            and cleaned.get("due") is None
            and "due" not in self.errors
        ):
            self.add_error(
                "due",
                forms.ValidationError(
                    _("Enter the due date, for example 114年3月13日 or 115年1月."), code="required"
                ),
            )
        if cleaned.get("due") is not None and cleaned.get("zone") and "due" not in self.errors:
            try:
                dates.due_at(cleaned["due"], cleaned["zone"])
            except dates.DateInputError as error:
                self.add_error("due", forms.ValidationError(error.message, code=error.code))
        unchanged = (
            self.instance.pk and not self.instance.is_relative and cleaned.get("due") == self.instance.due
        )
        if cleaned.get("mode") == DeadlineMode.ABSOLUTE and "due" not in self.errors and not unchanged:
            self.check_past(cleaned)
        if self.asks_past_confirmation:
            self.fields["confirm_past"].widget = forms.CheckboxInput()
        return cleaned


@admin.register(Deadline)
class DeadlineAdmin(ReaderDatesAdmin, admin.ModelAdmin):
    form = DeadlineAdminForm
    list_display = ("label", "meeting", "due", "precision", "zone", "set_by", "mode", "due_at")
    list_filter = ("meeting", "precision", "mode", "set_by")
    search_fields = ("label", "key", "meeting__series", "source_excerpt")
    autocomplete_fields = ("meeting", "set_by", "anchor_session", "anchor_deadline")
    date_hierarchy = "due_at"
    readonly_fields = ("due_on", "precision", "due_at")
    list_select_related = ("meeting", "set_by")
    reader_columns = {
        "due": DueColumn("", _("due"), "due_at"),
        "due_at": InstantColumn("due_at", _("due at"), "due_at", zone_path="zone"),
    }
    fieldsets = (
        (None, {"fields": ("meeting", "key", "label", "set_by", "zone", "mode")}),
        (_("A date"), {"fields": ("due", "confirm_past")}),
        (
            _("Or a rule"),
            {
                "fields": (
                    "rule_amount",
                    "rule_unit",
                    "rule_direction",
                    "rule_anchor",
                    "anchor_session",
                    "anchor_deadline",
                    "calendar",
                )
            },
        ),
        (_("Computed"), {"fields": ("due_on", "precision", "due_at")}),
        (None, {"fields": ("source_excerpt", "reason")}),
    )

    @admin.display(description=_("due"), ordering="due_at")
    def due(self, obj: Deadline) -> str:
        return obj.due_display()

    def get_readonly_fields(self, request, obj=None):
        # A deadline stays with its meeting: its items and anchors belong there.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "meeting") if obj is not None else fields

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        fields = {
            name: data[name] for name in DeadlineAdminForm.Meta.fields if name in data and name != "meeting"
        }
        due = data.get("due") if data.get("mode") == DeadlineMode.ABSOLUTE else None
        now = timezone.now()
        if change:
            saved = deadline_services.deadline_update(
                deadline=Deadline.objects.get(pk=obj.pk),
                changes={**fields, **({"due": due} if due else {})},
                by=request.user,
                now=now,
                reason=data.get("reason", ""),
            )
        else:
            key, label = fields.pop("key"), fields.pop("label")
            saved = deadline_services.deadline_create(
                meeting=data["meeting"], key=key, label=label, due=due, by=request.user, now=now, **fields
            )
        for name in ("pk", "due_on", "precision", "due_at", "zone", "calendar"):
            setattr(obj, name, getattr(saved, name))


DEADLINES_CANNOT_FOLLOW = _("Deadlines counting from this meeting cannot follow: %(why)s")


class MeetingAdminForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("reason for the change"), required=False, max_length=500, help_text=_REASON_HELP
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


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("created_at", "item", "actor", "verb", "text")
    list_filter = ("verb",)
    search_fields = ("text", "item__title")
    date_hierarchy = "created_at"
    list_select_related = ("item", "item__meeting", "actor")
    autocomplete_fields = ("item", "actor")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Read-only: evidence is added from the item page (actions.services.evidence_add)."""

    list_display = ("item", "original_name", "url", "added_by", "added_at")
    list_select_related = ("item__meeting", "added_by")
    search_fields = ("original_name", "url", "note", "item__title")
    readonly_fields = ("item", "file", "original_name", "size", "url", "note", "added_by", "added_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
