"""Forms of the task-list pages: they validate; the views then call one service each."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import DateStyle, ReminderMode, User
from actions.evidence import ALLOWED_EXTENSIONS, EvidenceError, check_upload
from actions.models import ActionItem, ItemKind, Status
from followup_dates import dates
from meetings import names
from meetings.models import Organization
from tracker.date_picker import CONFIRM_PAST_LABEL, DuePickerInput, PastConfirmationMixin
from tracker.forms import DueDateField
from web import zones
from web.models import SavedViewList

STATUS_FILTERS = [("open", _("Open (not done)")), ("all", _("All")), *Status.choices]
DUE_WINDOWS = [
    ("", _("Any time")),
    ("overdue", _("Overdue")),
    ("week", _("Due in the next 7 days")),
    ("month", _("Due in the next 30 days")),
    ("none", _("No deadline")),
]
# Short: the menu is 11rem wide on a 1366 px screen ("Due date, soonest firs" was cut).
SORTS = [("due", _("Soonest due first")), ("-due", _("Latest due first"))]


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=None, required=False, empty_label=_("All meetings")
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTERS, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *ItemKind.choices], required=False
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible organization"), queryset=None, required=False, empty_label=_("All organizations")
    )
    due = forms.ChoiceField(label=_("Due"), choices=DUE_WINDOWS, required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORTS, required=False)

    def __init__(self, *args, meetings, every_meeting: bool = False, **kwargs):
        """`meetings`: those the reader sees; `every_meeting`: they are all of them (staff)."""
        super().__init__(*args, **kwargs)
        listed = list(meetings)  # read once: the menu and the organizations below both need them
        self.fields["meeting"].queryset = meetings  # what a chosen value is checked against
        self.fields["meeting"].widget.choices = [
            ("", self.fields["meeting"].empty_label),
            *((meeting.pk, names.meeting_label(meeting)) for meeting in listed),
        ]
        organizations = Organization.objects.order_by("name")
        if every_meeting:
            # Any item will do: an index probe per organization, where the join below would
            # read every item (0.4 s at a million items).
            organizations = organizations.filter(
                Exists(ActionItem.objects.filter(responsible=OuterRef("pk")))
            )
        else:
            # by the meetings' ids: with the meetings' own query as a subquery PostgreSQL reads
            # far more (9 ms joined, 100 ms as a semi-join, 0.9 ms by ids, at a million items)
            organizations = organizations.filter(
                pk__in=ActionItem.objects.filter(meeting_id__in=[m.pk for m in listed]).values(
                    "responsible_id"
                )
            )
        self.fields["responsible"].queryset = organizations
        self.fields["meeting"].label_from_instance = names.meeting_label
        self.fields["responsible"].label_from_instance = names.organization_label

    def values(self) -> dict:
        """cleaned_data, or the defaults when the query string was tampered with."""
        return self.cleaned_data if self.is_valid() else {}


class CommentForm(forms.Form):
    prefix = "comment"  # several forms share one page: keep ids and names apart
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("A comment cannot be empty."))
        return text


class StatusForm(forms.Form):
    prefix = "status"
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    note = forms.CharField(label=_("Why (optional)"), required=False, max_length=2000)


class CompleteForm(forms.Form):
    prefix = "complete"
    note = forms.CharField(
        label=_("Completion note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was done, e.g. “uploaded to ACS on 12 March, receipt 123”."),
    )


class ReassignForm(forms.Form):
    prefix = "reassign"
    owner = forms.ModelChoiceField(label=_("New owner"), queryset=None)
    reason = forms.CharField(label=_("Why (optional)"), required=False, max_length=2000)

    def __init__(self, *args, item: ActionItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            participations__meeting_id=item.meeting_id, is_active=True
        ).order_by("full_name", "username")
        self.fields["owner"].label_from_instance = lambda u: u.display_name


class DeadlineForm(PastConfirmationMixin, forms.Form):
    prefix = "deadline"
    due = forms.CharField(
        label=_("New due date"),
        max_length=50,
        widget=DuePickerInput(attrs={"size": 16}),
        help_text=_("e.g. 2025-03-20, 114/3/20, 114年3月20日, 114年4月底, end of April 2025"),
    )
    reason = forms.CharField(
        label=_("Reason (kept in the log)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_past = forms.BooleanField(label=CONFIRM_PAST_LABEL, required=False)

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        data = super().clean()
        self.check_past(data)
        return data

    def clean_due(self) -> dates.DueDate:
        try:
            return dates.parse_due_date(self.cleaned_data["due"], reference=self.today)
        except dates.DateInputError as error:
            raise forms.ValidationError(str(error), code=error.code) from error

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the deadline moves."))
        return reason


class EvidenceForm(forms.Form):
    prefix = "evidence"
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("%(types)s; at most %(mb)s MB.")
        % {
            "types": ", ".join(e for e in ALLOWED_EXTENSIONS if e != "jpeg"),
            "mb": settings.EVIDENCE_MAX_BYTES // 1048576,
        },
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ",".join(f".{e}" for e in ALLOWED_EXTENSIONS),
            }
        ),
    )
    url = forms.URLField(label=_("or a link"), required=False, max_length=500, assume_scheme="https")
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                check_upload(upload.name, upload.size, upload, max_bytes=settings.EVIDENCE_MAX_BYTES)
            except EvidenceError as error:
                raise forms.ValidationError(str(error), code=error.code) from error
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("file") and not data.get("url"):
            raise forms.ValidationError(_("Attach a file or give a link."))
        return data


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(label=_("Time zone"), widget=zones.ZoneSelect)
    date_style = forms.ChoiceField(
        label=_("Date style"),
        choices=[("", _("Follow the language (民國 for Chinese)")), *DateStyle.choices],
        required=False,
    )
    reminder_mode = forms.ChoiceField(
        label=_("Reminders"), choices=ReminderMode.choices, widget=forms.RadioSelect
    )
    optional_reminders = forms.BooleanField(
        label=_("Also send reminders before the due day"),
        required=False,
        help_text=_("Due-day, overdue and escalation mail always comes."),
    )

    def __init__(self, *args, likely_zones: Iterable[str] = (), **kwargs):
        """`likely_zones`: the reader's own zone and their meetings' venues, offered first."""
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = zones.zone_choices(
            translation.get_language() or settings.LANGUAGE_CODE, likely_zones
        )


class FeedTokenForm(forms.Form):
    prefix = "feed"
    meeting = forms.ModelChoiceField(
        label=_("Feed of"), queryset=None, required=False, empty_label=_("My items (personal feed)")
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = names.meeting_label


# --- actions from the lists ----------------------------------------------------------------

BULK_ACTIONS = [("done", _("Mark done")), ("move", _("Move the due date")), ("reassign", _("Reassign"))]
BULK_NEEDS_ITEMS = _("Select at least one item.")
BULK_NEEDS_OWNER = _("Choose the new owner.")
BULK_NEEDS_DUE = _("Enter the new due date.")


class ListDoneForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=5000)


class ListMoveForm(PastConfirmationMixin, forms.Form):
    due = DueDateField(
        label=_("New due date"),
        widget=DuePickerInput(attrs={"size": 12}),
        help_text=_("e.g. 114/3/20, 114年4月底, 2025-03-20"),
    )
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=2000)
    confirm_past = forms.BooleanField(label=CONFIRM_PAST_LABEL, required=False)

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        data = super().clean()
        self.check_past(data)
        return data


class OwnerField(forms.ModelChoiceField):
    """An owner picked from the meeting's people by user name (the lists' searchable box, a
    `<datalist>` shared by every line of the page), or given by id (API-style posts)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        found = self.queryset.filter(username=text).first()
        if found is None and text.isdigit():
            found = self.queryset.filter(pk=int(text)).first()
        if found is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


class ListReassignForm(forms.Form):
    owner = OwnerField(label=_("New owner"), queryset=None)
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=2000)

    def __init__(self, *args, owners, meeting_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].widget = forms.TextInput(
            attrs={"list": owner_list_id(meeting_id), "autocomplete": "off", "spellcheck": "false"}
        )


def owner_list_id(meeting_id: int) -> str:
    """The id of the page's `<datalist>` of who may own an item of this meeting."""
    return f"owners-{meeting_id}"


class BulkForm(PastConfirmationMixin, forms.Form):
    """The selection's action: the item ids arrive as `items` (checkboxes in each row)."""

    prefix = "bulk"
    action = forms.ChoiceField(label=_("With the selected items"), choices=BULK_ACTIONS)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=5000)
    due = DueDateField(label=_("New due date"), required=False, widget=DuePickerInput(attrs={"size": 12}))
    owner = forms.ModelChoiceField(label=_("New owner"), queryset=None, required=False)
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=2000)
    confirm_past = forms.BooleanField(label=CONFIRM_PAST_LABEL, required=False)

    def __init__(self, *args, today: date, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.display_name

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == "move":
            if not data.get("due") and "due" not in self.errors:
                self.add_error("due", BULK_NEEDS_DUE)
            self.check_past(data)
        elif action == "reassign" and not data.get("owner") and "owner" not in self.errors:
            self.add_error("owner", BULK_NEEDS_OWNER)
        return data


class SavedViewForm(forms.Form):
    """ "Save this view as …": the name; the filters come from the list's own query string."""

    prefix = "view"
    name = forms.CharField(label=_("Save this view as"), max_length=60)
    list_name = forms.ChoiceField(choices=SavedViewList.choices, widget=forms.HiddenInput)
    query = forms.CharField(max_length=500, required=False, widget=forms.HiddenInput)


def filters_query(form: ItemFilterForm) -> str:
    """A valid filter form's choices as a query string, in a fixed order, empty ones left out."""
    values = [(name, form.data.get(name, "")) for name in form.fields]
    return urlencode([(name, value) for name, value in values if value not in ("", None)])
