"""Admin of deadlines: a date typed as people write it, or a rule; saved through
actions.deadline_services."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions import deadline_services
from actions.models import EDITABLE_FIELDS, RULE_FIELDS, Deadline, DeadlineMode
from followup_dates import dates
from tracker.admin_dates import DueColumn, InstantColumn, ReaderDatesAdmin
from tracker.date_picker import CONFIRM_PAST_LABEL, DuePickerInput, PastConfirmationMixin
from tracker.forms import DueDateField, calendar_code

REASON_HELP = _("Optional: why it changes. Every item on a deadline that moves logs it.")


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
        label=_("reason for the change"), required=False, max_length=500, help_text=REASON_HELP
    )
    confirm_past = forms.BooleanField(label=CONFIRM_PAST_LABEL, required=False, widget=forms.HiddenInput)

    class Meta:
        model = Deadline
        fields = ["meeting", *EDITABLE_FIELDS]

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
            {"fields": RULE_FIELDS},
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
