"""Pages of a meeting series: the series page, the next meeting's preparation list, the
carry-forward and confirm steps, and the pre-meeting briefing. Thin: check who may, call
one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from actions.models import ActionItem, Status
from actions.visibility import can_manage_item, visible_items, visible_meetings
from followups import briefing, services
from meetings.models import MeetingSeries
from web import lists

NOTHING_SELECTED = gettext_lazy("Choose at least one item.")


@login_required
@require_GET
def series_detail(request, pk: int):
    series = get_object_or_404(MeetingSeries, pk=pk)
    meetings = list(visible_meetings(request.user).filter(meeting_series=series).order_by("start_on", "pk"))
    if not meetings and not request.user.is_staff:
        raise PermissionDenied(_("You take part in no meeting of this series."))
    now = timezone.now()
    items = list(
        visible_items(request.user)
        .filter(meeting__in=meetings)
        .with_related()
        .order_by("meeting__start_on", "number")
    )
    by_meeting: dict[int, list[ActionItem]] = {}
    for item in items:
        by_meeting.setdefault(item.meeting_id, []).append(item)
    for meeting in meetings:
        meeting.summary = lists.progress(by_meeting.get(meeting.pk, []), now=now)
        meeting.item_count = len(by_meeting.get(meeting.pk, []))
    latest = meetings[-1] if meetings else None
    still_open = [
        item for item in items if item.is_open and latest is not None and item.meeting_id != latest.pk
    ]
    return render(
        request,
        "followups/series.html",
        {
            "nav": "meetings",
            "series": series,
            "meetings": meetings,
            "still_open": still_open,
            "now": now,
        },
    )


def _staff_only(request) -> None:
    if not request.user.is_staff:
        raise PermissionDenied(_("Only staff may do this."))


@login_required
@require_POST
def meeting_carry(request, pk: int):
    """Carry the selected open items of the previous meeting to this one, in one step."""
    _staff_only(request)
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    ids = [value for value in request.POST.getlist("item") if value.isdigit()]
    if not ids:
        messages.error(request, NOTHING_SELECTED)
        return redirect("web:meeting", pk=meeting.pk)
    items = list(ActionItem.objects.filter(pk__in=ids).select_related("meeting"))
    try:
        carried = services.items_carry_forward(
            items=items, to_meeting=meeting, by=request.user, now=timezone.now()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:meeting", pk=meeting.pk)
    messages.success(
        request,
        ngettext("%(n)d item carried to this meeting.", "%(n)d items carried to this meeting.", len(carried))
        % {"n": len(carried)},
    )
    return redirect("web:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_confirm(request, pk: int):
    """Confirm the follow-ups the series' templates proposed for this meeting."""
    _staff_only(request)
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    ids = [value for value in request.POST.getlist("item") if value.isdigit()]
    items = list(meeting.action_items.filter(pk__in=ids, status=Status.PROPOSED))
    if not items:
        messages.error(request, NOTHING_SELECTED)
        return redirect("web:meeting", pk=meeting.pk)
    confirmed = services.follow_ups_confirm(items=items, by=request.user, now=timezone.now())
    messages.success(
        request,
        ngettext("%(n)d follow-up confirmed.", "%(n)d follow-ups confirmed.", len(confirmed))
        % {"n": len(confirmed)},
    )
    return redirect("web:meeting", pk=meeting.pk)


@login_required
@require_POST
def item_for_next_meeting(request, pk: int):
    """Mark (or unmark) an open item "for the next meeting"."""
    item = get_object_or_404(visible_items(request.user).select_related("meeting"), pk=pk)
    if not can_manage_item(request.user, item):
        raise PermissionDenied(_("Only the owner, the head of delegation and staff may do this."))
    if request.POST.get("unmark"):
        services.item_unmark_for_next_meeting(item=item)
        messages.success(request, _("No longer marked for the next meeting."))
        return redirect("web:item", pk=item.pk)
    try:
        services.item_mark_for_next_meeting(
            item=item, by=request.user, now=timezone.now(), note=request.POST.get("note", "")[:2000]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:item", pk=item.pk)
    messages.success(request, _("Marked for the next meeting."))
    return redirect("web:item", pk=item.pk)


def _briefing_meeting(request, pk: int):
    return get_object_or_404(visible_meetings(request.user).select_related("meeting_series"), pk=pk)


@login_required
@require_GET
def meeting_briefing(request, pk: int):
    """The pre-meeting briefing, as a printable page."""
    meeting = _briefing_meeting(request, pk)
    content = briefing.briefing_content(meeting=meeting, user=request.user)
    return render(
        request, "followups/briefing.html", {"nav": "meetings", "meeting": meeting, "briefing": content}
    )


@login_required
@require_GET
def meeting_briefing_docx(request, pk: int):
    """The pre-meeting briefing as .docx (the format ministries circulate)."""
    meeting = _briefing_meeting(request, pk)
    data = briefing.briefing_docx(meeting=meeting, user=request.user)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}-briefing.docx"'
    return response


# --- Recommendations and their half-yearly adoption table ----------------------------------

ADOPTION_FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@require_GET
def adoption_table(request, pk: int, year: int, half: int, fmt: str):
    """The 建議事項採行情形追蹤表 of a meeting's trip report for one half-year."""
    from followup_dates import dates
    from followups import adoption_table as table
    from tracker.templatetags.tracker_dates import reader_prefs

    meeting = _briefing_meeting(request, pk)
    if fmt not in ADOPTION_FORMATS:
        raise Http404
    style, language, _zone = reader_prefs(request.user)
    build = table.adoption_docx if fmt == "docx" else table.adoption_xlsx
    try:
        data = build(meeting=meeting, year=year, half=half, style=style, language=language)
    except dates.DateInputError as error:
        return HttpResponseBadRequest(str(error.message))
    response = HttpResponse(data, content_type=ADOPTION_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}-adoption-{year}-H{half}.{fmt}"'
    return response


@login_required
@require_POST
def recommendation_adoption(request, pk: int):
    """Set a recommendation's adoption status (owner, head of delegation, staff)."""
    from followups.models import AdoptionStatus, Recommendation

    item = get_object_or_404(visible_items(request.user).select_related("meeting"), pk=pk)
    recommendation = get_object_or_404(Recommendation, item=item)
    if not can_manage_item(request.user, item):
        raise PermissionDenied(_("Only the owner, the head of delegation and staff may do this."))
    status = request.POST.get("status", "")
    if status not in AdoptionStatus.values:
        messages.error(request, _("Choose an adoption status."))
        return redirect("web:item", pk=item.pk)
    try:
        services.recommendation_set_adoption(
            recommendation=recommendation,
            status=status,
            reason=request.POST.get("reason", "")[:4000],
            by=request.user,
            now=timezone.now(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:item", pk=item.pk)
    messages.success(request, _("Adoption status saved."))
    return redirect("web:item", pk=item.pk)
