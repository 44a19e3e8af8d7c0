"""The review page of a report import: the report on one side, its candidates on the other.

Staff and the meeting's head of delegation upload a report, then edit, accept or reject each
proposed follow-up (one at a time or in bulk) and promote any sentence the reader did not
propose. Thin views: check who may review, validate a form, call one service.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from actions.visibility import is_head_of_delegation, visible_meetings
from meetings.models import Meeting
from reports import services
from reports.admin import uploaded
from reports.forms import CandidateForm, ReportUploadForm
from reports.lookup import ImportLookup
from reports.models import CandidateState, ImportCandidate, MinutesImport
from reports.notes import render as render_notes


def may_review(user: User, meeting: Meeting) -> bool:
    return user.is_authenticated and (user.is_staff or is_head_of_delegation(user, meeting))


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    if not may_review(request.user, meeting):
        raise PermissionDenied
    return meeting


def _import(request: HttpRequest, pk: int) -> MinutesImport:
    minutes_import = get_object_or_404(
        MinutesImport.objects.select_related("meeting").filter(meeting__in=visible_meetings(request.user)),
        pk=pk,
    )
    if not may_review(request.user, minutes_import.meeting):
        raise PermissionDenied
    return minutes_import


def _people(meeting: Meeting):
    return User.objects.filter(participations__meeting=meeting).distinct().order_by("full_name", "username")


def _back(minutes_import: MinutesImport, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(
        reverse("reports:review", args=[minutes_import.pk]) + (f"#{anchor}" if anchor else "")
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, pk: int):
    meeting = _meeting(request, pk)
    form = ReportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        minutes_import = uploaded(request, form, meeting)
        return _back(minutes_import)
    imports = meeting.minutes_imports.order_by("-created_at")[:20]
    return render(
        request,
        "reports/upload.html",
        {"nav": "meetings", "meeting": meeting, "form": form, "imports": imports},
        status=400 if form.errors else 200,
    )


def _segments(
    text: str, marks: list[tuple[int, int, ImportCandidate]]
) -> list[tuple[str, ImportCandidate | None]]:
    """A block's text cut into plain and highlighted pieces (one highlight per span, first wins)."""
    out: list[tuple[str, ImportCandidate | None]] = []
    position = 0
    for start, end, candidate in sorted(marks, key=lambda m: (m[0], -m[1])):
        start, end = max(start, position), min(end, len(text))
        if end <= start:
            continue
        if start > position:
            out.append((text[position:start], None))
        out.append((text[start:end], candidate))
        position = end
    if position < len(text):
        out.append((text[position:], None))
    return out


@login_required
@require_http_methods(["GET"])
def review(request: HttpRequest, pk: int):
    minutes_import = _import(request, pk)
    meeting = minutes_import.meeting
    rows = list(minutes_import.candidates.select_related("item").order_by("position"))
    people = _people(meeting)
    lookup = ImportLookup.load(meeting)  # who the report's "秘書處", "我國" are, to preselect them
    marks: dict[int, list] = defaultdict(list)
    proposed, mentions = [], []
    for row in rows:
        span, block = row.data.get("span"), row.data.get("block")
        if span and block is not None:
            marks[block].append((span[0], span[1], row))
        row.note_shown = render_notes(row.data.get("notes"), row.data.get("note", ""))
        if row.state == CandidateState.NOT_PROPOSED:
            row.reason_shown = render_notes(row.data.get("reason_notes"), row.data.get("reason", ""))
            mentions.append(row)
        else:
            if not row.data.get("responsible_org") and row.data.get("responsible"):
                found = lookup.responsible(row.data["responsible"])
                row.data = {**row.data, "responsible_org": found.pk if found else None}
            row.form = CandidateForm(
                initial=CandidateForm.initial_for(row.data),
                meeting=meeting,
                people=people,
                prefix=f"c{row.pk}",
            )
            proposed.append(row)
    blocks = [
        {
            "index": i,
            "kind": b.get("kind"),
            "level": b.get("level", 0),
            "segments": _segments(b.get("text", ""), marks.get(i, [])),
        }
        for i, b in enumerate(minutes_import.blocks)
    ]
    reasons: dict[str, list] = defaultdict(list)
    for mention in mentions:
        reasons[mention.reason_shown or _("not proposed")].append(mention)
    counts = {state: sum(1 for r in proposed if r.state == state) for state in CandidateState.values}
    return render(
        request,
        "reports/review.html",
        {
            "nav": "meetings",
            "minutes_import": minutes_import,
            "meeting": meeting,
            "blocks": blocks,
            "import_notes": [render_notes([n]) if isinstance(n, dict) else n for n in minutes_import.notes],
            "proposed": proposed,
            "mentions": mentions,
            "reasons": sorted(reasons.items(), key=lambda kv: -len(kv[1])),
            "counts": counts,
            "dated_mentions": [m for m in mentions if m.data.get("due_date")],
        },
    )


def _candidate(minutes_import: MinutesImport, candidate_pk: int) -> ImportCandidate:
    try:
        return minutes_import.candidates.get(pk=candidate_pk)
    except ImportCandidate.DoesNotExist:
        raise Http404 from None


@login_required
@require_POST
def candidate_change(request: HttpRequest, pk: int, candidate_pk: int):
    """Save a candidate's edits, then accept or reject it if asked ("save", "accept", "reject")."""
    minutes_import = _import(request, pk)
    candidate = _candidate(minutes_import, candidate_pk)
    action = request.POST.get("action", "save")
    now = timezone.now()
    if candidate.state != CandidateState.PENDING:
        messages.error(request, _("This candidate was already decided."))
        return _back(minutes_import, f"c{candidate.pk}")
    if action == "reject":
        services.import_candidates_reject(candidates=[candidate], by=request.user, now=now)
        messages.success(request, _("Rejected: nothing was created."))
        return _back(minutes_import, f"c{candidate.pk}")
    form = CandidateForm(
        request.POST,
        meeting=minutes_import.meeting,
        people=_people(minutes_import.meeting),
        prefix=f"c{candidate.pk}",
    )
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[name].label}: {' '.join(e)}"
            for name, e in form.errors.items()
            if name in form.fields
        )
        messages.error(request, _("Not saved: %(errors)s") % {"errors": errors or _("check the fields")})
        return _back(minutes_import, f"c{candidate.pk}")
    candidate = services.import_candidate_update(
        candidate=candidate, changes=form.changes(), by=request.user, now=now
    )
    if action == "accept":
        result = services.import_candidates_accept(candidates=[candidate], by=request.user, now=now)
        if result.duplicates:
            messages.info(request, _("This follow-up already is an item; nothing new was created."))
        else:
            messages.success(request, _("Accepted: the follow-up is now an open item."))
    else:
        messages.success(request, _("Saved."))
    return _back(minutes_import, f"c{candidate.pk}")


@login_required
@require_POST
def bulk(request: HttpRequest, pk: int):
    minutes_import = _import(request, pk)
    ids = [value for value in request.POST.getlist("selected") if value.isdigit()]
    chosen = list(
        minutes_import.candidates.filter(pk__in=ids, state=CandidateState.PENDING).order_by("position")
    )
    if not chosen:
        messages.error(request, _("Select at least one pending candidate."))
        return _back(minutes_import)
    now = timezone.now()
    if request.POST.get("action") == "reject":
        count = services.import_candidates_reject(candidates=chosen, by=request.user, now=now)
        messages.success(
            request,
            ngettext("%(count)d candidate rejected.", "%(count)d candidates rejected.", count)
            % {"count": count},
        )
    else:
        result = services.import_candidates_accept(candidates=chosen, by=request.user, now=now)
        messages.success(
            request,
            _("%(accepted)d accepted (%(created)d new items); %(duplicates)d were already items.")
            % {"accepted": result.accepted, "created": result.created, "duplicates": result.duplicates},
        )
    return _back(minutes_import)


@login_required
@require_POST
def promote(request: HttpRequest, pk: int, candidate_pk: int):
    minutes_import = _import(request, pk)
    candidate = _candidate(minutes_import, candidate_pk)
    try:
        candidate = services.import_candidate_promote(
            candidate=candidate, by=request.user, now=timezone.now()
        )
    except services.ReviewError:
        messages.error(request, _("Only a sentence that was not proposed can be promoted."))
        return _back(minutes_import)
    if candidate.state == CandidateState.DUPLICATE:
        messages.info(request, _("This sentence already is an item."))
    else:
        messages.success(request, _("Added to the proposed follow-ups: edit it and accept it there."))
    return _back(minutes_import, f"c{candidate.pk}")
