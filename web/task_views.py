"""The lists of items: my tasks, the delegation's, the staff overview, the meetings and a
meeting's page, and their CSV exports."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from actions.models import OPEN_STATUSES, ActionItem, Deadline, Status
from actions.visibility import visible_items, visible_meetings
from reports.views import may_review
from tracker.spreadsheet import safe_row
from tracker.templatetags.tracker_dates import reader_prefs
from web import list_views, lists, overview, svg
from web.links import absolute_url
from web.models import SavedViewList
from web.rows import item_rows, row_labels
from web.saved_views import saved_views_context


def _my_filtered(request):
    now = timezone.now()
    form = lists.filter_form(request.GET or None, user=request.user, list_name=SavedViewList.TASKS)
    items = lists.apply_filters(lists.my_items(request.user), form.values(), now=now)
    return form, items, now


@login_required
@require_GET
def my_tasks(request):
    if (
        request.user.is_staff
        and not request.GET
        and not lists.my_items(request.user).filter(status__in=OPEN_STATUSES).exists()
    ):
        return redirect("web:overview")  # staff own little: they start from the overview
    form, items, now = _my_filtered(request)
    items = list(items)
    rows = item_rows(items, user=request.user, now=now)
    if lists.is_every_open_item(form.values()):
        # the rows are the navigation's count: no second query for it
        request.nav_counts = {"open_count": len(rows), "overdue_count": sum(row.is_overdue for row in rows)}
    return render(
        request,
        "web/tasks.html",
        {
            **list_views.list_tools_context(request, items),
            "nav": "tasks",
            "form": form,
            "groups": lists.group_my_items(rows, now=now),
            "row_labels": row_labels(),
            "item_count": len(rows),
            "now": now,
            "export_url": reverse("web:tasks_csv") + _query(request),
            **saved_views_context(request, form, SavedViewList.TASKS),
        },
    )


def _query(request) -> str:
    return f"?{request.GET.urlencode()}" if request.GET else ""


@login_required
@require_GET
def my_tasks_csv(request):
    _form, items, now = _my_filtered(request)
    return _csv(request, items, now=now, filename="my-tasks.csv")


def _delegation_filtered(request):
    meetings = lists.headed_meetings(request.user)
    if not meetings.exists():
        raise PermissionDenied(_("Only heads of delegation and staff see the delegation view."))
    now = timezone.now()
    form = lists.filter_form(request.GET or None, user=request.user, list_name=SavedViewList.DELEGATION)
    items = visible_items(request.user).filter(meeting__in=meetings.values("pk"))
    return form, lists.apply_filters(items, form.values(), now=now), now


@login_required
@require_GET
def delegation(request):
    form, items, now = _delegation_filtered(request)
    items = list(items)
    rows = item_rows(items, user=request.user, now=now)
    return render(
        request,
        "web/delegation.html",
        {
            **list_views.list_tools_context(request, items),
            "nav": "delegation",
            "form": form,
            "members": lists.group_by_owner(rows),
            "row_labels": row_labels(),
            "item_count": len(rows),
            "late_count": sum(row.is_overdue for row in rows),
            "now": now,
            "export_url": reverse("web:delegation_csv") + _query(request),
            **saved_views_context(request, form, SavedViewList.DELEGATION),
        },
    )


@login_required
@require_GET
def delegation_csv(request):
    _form, items, now = _delegation_filtered(request)
    return _csv(request, items, now=now, filename="delegation.csv")


def _csv(request, items, *, now, filename: str) -> HttpResponse:
    """UTF-8 with a BOM, so Excel opens the Chinese text correctly."""
    style, language, _zone = reader_prefs(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        safe_row(
            [
                _("Meeting"),
                _("No."),
                _("Title"),
                _("Kind"),
                _("Status"),
                _("Responsible organization"),
                _("Owner"),
                _("Due"),
                _("Due (UTC)"),
                _("Overdue"),
                _("Report section"),
                _("Link"),
            ]
        )
    )
    for item in items:
        deadline = item.deadline
        # Titles, names and sections are user input: no cell may start a formula.
        writer.writerow(
            safe_row(
                [
                    item.meeting.short_label,
                    item.number,
                    item.title,
                    item.get_kind_display(),
                    item.get_status_display(),
                    str(item.responsible or ""),
                    item.owner.display_name if item.owner else "",
                    deadline.due_display(style=style, language=language) if deadline else "",
                    deadline.due_at.isoformat() if deadline else "",
                    _("yes") if item.is_overdue(now) else "",
                    item.source_section,
                    absolute_url(reverse("web:item", args=[item.pk])),
                ]
            )
        )
    return response


@login_required
@require_GET
def staff_overview(request):
    """Staff and heads: every meeting's progress, who is late, what is due this week."""
    user = request.user
    headed = lists.headed_meetings(user)
    if not headed.exists():
        raise PermissionDenied(_("Only heads of delegation and staff see the overview."))
    now = timezone.now()
    meetings = visible_meetings(user).filter(pk__in=headed.values("pk"))
    items = visible_items(user).filter(meeting__in=meetings.values("pk"))
    progress = overview.meeting_progress(meetings, now=now)
    week = overview.due_this_week(items, now=now)
    return render(
        request,
        "web/overview.html",
        {
            "nav": "overview",
            "now": now,
            "progress": [(row, svg.progress_bar(row.summary)) for row in progress],
            "by_organization": overview.overdue_by_organization(items, now=now),
            "by_person": overview.overdue_by_person(items, now=now),
            "week_rows": item_rows(week, user=user, now=now),
            "row_labels": row_labels(),
            "show_owner": True,
            **list_views.list_tools_context(request, week),
        },
    )


# --- meetings -----------------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request):
    progress = overview.meeting_progress(visible_meetings(request.user), now=timezone.now())
    return render(
        request,
        "web/meeting_list.html",
        {
            "nav": "meetings",
            "progress": [(row, svg.progress_bar(row.summary)) for row in progress],
        },
    )


@login_required
@require_GET
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    now = timezone.now()
    items = list(visible_items(request.user).filter(meeting=meeting).with_related().order_by("number"))
    sessions = list(meeting.sessions.order_by("starts_at", "code"))
    by_session: dict[int | None, list[ActionItem]] = {}
    for item in items:
        by_session.setdefault(item.session_id, []).append(item)
    for session in sessions:
        session.item_list = by_session.get(session.pk, [])
    summary = lists.progress(items, now=now)
    deadlines = list(Deadline.objects.filter(meeting=meeting).order_by("due_at"))
    style, language, zone = reader_prefs(request.user)
    from followups.services import adoption_halves, preparation_for

    return render(
        request,
        "web/meeting.html",
        {
            "preparation": preparation_for(meeting),
            "recommendations": list(meeting.recommendations.select_related("item")),
            "adoption_halves": adoption_halves(meeting, today=timezone.localdate(now)),
            "proposed": [item for item in items if item.status == Status.PROPOSED],
            "nav": "meetings",
            "meeting": meeting,
            "sessions": sessions,
            "unsessioned": by_session.get(None, []),
            "summary": summary,
            "chart": svg.progress_bar(summary),
            "timeline": svg.timeline(
                meeting, deadlines, items, now=now, style=style, language=language, zone=zone
            ),
            "now": now,
            "export_url": reverse("web:meeting_csv", args=[meeting.pk]),
            "item_count": len(items),
            "import_url": (
                reverse("reports:upload", args=[meeting.pk]) if may_review(request.user, meeting) else ""
            ),
        },
    )


@login_required
@require_GET
def meeting_csv(request, pk: int):
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    items = visible_items(request.user).filter(meeting=meeting).with_related().order_by("number")
    return _csv(request, items, now=timezone.now(), filename=f"{meeting.slug}.csv")
