"""Forms of the report import: the upload (admin and site) and one candidate's edits in the review."""

from __future__ import annotations

import hashlib
import tempfile
from datetime import date
from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from actions.models import ItemKind
from followup_dates import dates
from meetings.models import Organization, Session
from reports.layout import blocks
from reports.readers import MAX_BYTES, DocumentError, read_pieces
from tracker.forms import DueDateField


class ReportFileField(forms.FileField):
    """An uploaded report, read into blocks; a file that cannot be read is a field error."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload is None:
            return upload
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("%(name)s is larger than %(limit)d MB.")
                % {"name": upload.name, "limit": MAX_BYTES // 1024 // 1024},
                code="too_large",
            )
        digest = hashlib.sha256()
        suffix = Path(upload.name).suffix.lower()[:10]
        with tempfile.TemporaryDirectory(prefix="report-") as folder:
            # The reader takes a path; the upload's own name keeps its messages recognisable.
            name = Path(upload.name).name or f"report{suffix}"
            if len(name) > 120:
                name = f"{Path(name).stem[:100]}{suffix}"
            path = Path(folder) / name
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    digest.update(chunk)
                    handle.write(chunk)
            try:
                upload.report_blocks = blocks(read_pieces(path))
            except DocumentError as error:
                raise forms.ValidationError(str(error), code=error.code) from None
        upload.sha256 = digest.hexdigest()
        return upload


class ReportUploadForm(forms.Form):
    file = ReportFileField(label=_("Report"), help_text=_("UTF-8 text, .docx or a PDF with a text layer."))

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields = {
                "meeting": forms.ModelChoiceField(queryset=meetings, label=_("Meeting")),
                **self.fields,
            }


class CandidateForm(forms.Form):
    """What a reviewer may change before accepting: both titles, the due date, who, what kind, when."""

    title = forms.CharField(label=_("Title"), max_length=300)
    title_en = forms.CharField(label=_("English title"), max_length=300, required=False)
    due = DueDateField(label=_("Due"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, required=False)
    responsible_org = forms.ModelChoiceField(
        label=_("Responsible"), queryset=Organization.objects.all(), required=False
    )
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none(), required=False)

    def __init__(self, *args, meeting, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["session"].queryset = meeting.sessions.order_by("starts_at", "code")

    @classmethod
    def initial_for(cls, data: dict) -> dict:
        due = None
        if data.get("due_date"):
            due = dates.DueDate(
                on=date.fromisoformat(data["due_date"]),
                precision=dates.Precision(data.get("due_precision") or "day"),
            )
        return {
            "title": data.get("title") or data.get("excerpt", "")[:300],
            "title_en": data.get("title_en", ""),
            "due": due,
            "kind": data.get("kind"),
            "owner": data.get("owner"),
            "responsible_org": data.get("responsible_org"),
            "session": data.get("session_id"),
        }

    def changes(self) -> dict:
        """The candidate's data keys this form sets."""
        cleaned = self.cleaned_data
        due = cleaned.get("due")
        return {
            "title": cleaned["title"].strip(),
            "title_en": cleaned.get("title_en", "").strip(),
            "due_date": due.on.isoformat() if due else None,
            "due_precision": str(due.precision) if due else None,
            "kind": cleaned["kind"],
            "owner": cleaned["owner"].pk if cleaned.get("owner") else None,
            "responsible_org": cleaned["responsible_org"].pk if cleaned.get("responsible_org") else None,
            "session_id": cleaned["session"].pk if cleaned.get("session") else None,
        }
