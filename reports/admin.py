"""Admin for report imports: upload a report (then review it on its page), and the candidates' list."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actions.models import ItemKind, RuleUnit
from followup_dates import dates
from meetings.models import Meeting
from reports import services
from reports.forms import ReportUploadForm
from reports.models import CandidateState, ImportCandidate, MinutesImport


def uploaded(request: HttpRequest, form: ReportUploadForm, meeting: Meeting) -> MinutesImport:
    """Read an uploaded report and record it (the admin's and the site's upload share this)."""
    upload = form.cleaned_data["file"]
    extraction = services.read_report(meeting, upload.report_blocks)
    minutes_import = services.minutes_import_create(
        meeting=meeting,
        file_name=upload.name,
        sha256=upload.sha256,
        extraction=extraction,
        by=request.user,
        now=timezone.now(),
    )
    duplicates = minutes_import.candidates.filter(state=CandidateState.DUPLICATE).count()
    not_proposed = minutes_import.candidates.filter(state=CandidateState.NOT_PROPOSED).count()
    messages.success(
        request,
        _(
            "%(count)d follow-ups found, %(duplicates)d of them already items; %(mentions)d more sentences "
            "mention a date or a request and are listed beside them. Review them below."
        )
        % {"count": minutes_import.candidate_count, "duplicates": duplicates, "mentions": not_proposed},
    )
    return minutes_import


@admin.register(MinutesImport)
class MinutesImportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "meeting", "file_name", "candidate_count", "pending", "uploaded_by")
    list_filter = ("meeting",)
    list_select_related = ("meeting", "uploaded_by")
    date_hierarchy = "created_at"
    exclude = ("blocks",)

    @admin.display(description=_("waiting for review"))
    def pending(self, obj: MinutesImport):
        count = obj.candidates.filter(state=CandidateState.PENDING).count()
        return format_html('<a href="{}">{}</a>', reverse("reports:review", args=[obj.pk]), count)

    def has_change_permission(self, request, obj=None):
        return False

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        """ "Import a report": upload, read, find the follow-ups, then review them on the review page."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ReportUploadForm(request.POST or None, request.FILES or None, meetings=Meeting.objects.all())
        if request.method == "POST" and form.is_valid():
            minutes_import = uploaded(request, form, form.cleaned_data["meeting"])
            return HttpResponseRedirect(reverse("reports:review", args=[minutes_import.pk]))
        return TemplateResponse(
            request,
            "admin/reports/minutesimport/upload.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Import a report"),
                "form": form,
                "opts": self.model._meta,
            },
        )


@admin.register(ImportCandidate)
class ImportCandidateAdmin(admin.ModelAdmin):
    list_filter = ("state", "minutes_import", "minutes_import__meeting")
    list_select_related = ("minutes_import", "item")
    search_fields = ("data__excerpt", "data__title")
    actions = ["accept_selected", "reject_selected"]
    readonly_fields = (
        "minutes_import",
        "position",
        "data",
        "import_key",
        "state",
        "item",
        "decided_by",
        "decided_at",
    )
    list_per_page = 100

    def get_list_display(self, request):
        style = getattr(request.user, "effective_date_style", "gregorian")
        language = getattr(request.user, "language", "en") or "en"

        @admin.display(description=_("due"))
        def due(obj: ImportCandidate) -> str:
            due = obj.due
            if due is None:
                return "—"
            text = dates.format_due_date(due, style=style, language=language)
            rule = obj.data.get("rule")
            if rule and rule.get("unit") in RuleUnit.values:
                return f"{text} ({rule['amount']} {RuleUnit(rule['unit']).label})"
            return text

        return (
            "position",
            "excerpt",
            "title",
            due,
            "responsible",
            "kind",
            "confidence",
            "state",
            "item_link",
        )

    @admin.display(description=_("source sentence"))
    def excerpt(self, obj: ImportCandidate) -> str:
        return obj.data.get("excerpt", "")

    @admin.display(description=_("title"))
    def title(self, obj: ImportCandidate) -> str:
        return obj.data.get("title", "")

    @admin.display(description=_("responsible"))
    def responsible(self, obj: ImportCandidate) -> str:
        return obj.data.get("responsible") or "—"

    @admin.display(description=_("kind"))
    def kind(self, obj: ImportCandidate) -> str:
        value = obj.data.get("kind", "")
        return ItemKind(value).label if value in ItemKind.values else value

    @admin.display(description=_("confidence"))
    def confidence(self, obj: ImportCandidate) -> str:
        return f"{obj.data.get('confidence', 0):.2f}"

    @admin.display(description=_("action item"))
    def item_link(self, obj: ImportCandidate):
        if obj.item_id is None:
            return "—"
        url = reverse("admin:actions_actionitem_change", args=[obj.item_id])
        return format_html('<a href="{}">#{}</a>', url, obj.item.number)

    def has_add_permission(self, request):
        return False

    def get_actions(self, request):
        found = super().get_actions(request)
        found.pop("delete_selected", None)
        return found

    @admin.action(description=_("Accept selected: create or open their items"))
    def accept_selected(self, request: HttpRequest, queryset: QuerySet[ImportCandidate]):
        result = services.import_candidates_accept(
            candidates=list(queryset.order_by("position")),
            by=request.user,
            now=timezone.now(),
        )
        self.message_user(
            request,
            _("%(accepted)d accepted (%(created)d new items); %(duplicates)d were already items.")
            % {"accepted": result.accepted, "created": result.created, "duplicates": result.duplicates},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reject selected"))
    def reject_selected(self, request: HttpRequest, queryset: QuerySet[ImportCandidate]):
        count = services.import_candidates_reject(
            candidates=list(queryset),
            by=request.user,
            now=timezone.now(),
        )
        self.message_user(
            request,
            ngettext("%(count)d candidate rejected.", "%(count)d candidates rejected.", count)
            % {"count": count},
            messages.SUCCESS,
        )
