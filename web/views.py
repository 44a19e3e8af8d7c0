"""The delegates' pages: thin views that check visibility, validate a form and call one service."""

from __future__ import annotations

import calendar as pycalendar
import csv
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from accounts.keys import secret_hash
from actions import deadline_services, services
from actions.evidence import EvidenceError
from actions.models import OPEN_STATUSES, ActionItem, Deadline, Evidence, Status
from actions.visibility import can_manage_item, visible_items, visible_meetings
from followup_dates import dates
from reports.views import may_review
from tracker.spreadsheet import safe_row
from tracker.templatetags.tracker_dates import reader_prefs
from web import forms, ical, list_views, lists, overview, svg
from web import services as web_services
from web.models import FeedToken, SavedViewList
from web.rows import item_rows, row_labels
from web.saved_views import saved_views_context


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


# --- lists ---------------------------------------------------------------------------------


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
                    _absolute(reverse("web:item", args=[item.pk])),
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


# --- one item -----------------------------------------------------------------------------


def _visible_item(request, pk: int) -> ActionItem:
    return get_object_or_404(visible_items(request.user).with_related(), pk=pk)


def _managed_item(request, pk: int) -> ActionItem:
    item = _visible_item(request, pk)
    if not can_manage_item(request.user, item):
        raise PermissionDenied(_("Only the owner, the head of delegation and staff may do this."))
    return item


def _item_page(request, item: ActionItem, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    style, language, _zone = reader_prefs(request.user)
    # The latest first: the page shows six and folds the older ones.
    activities = list(item.activities.select_related("actor").order_by("-created_at", "-id"))
    for entry in activities:
        entry.line = entry.describe(style=style, language=language)
        entry.local_on = timezone.localtime(entry.created_at).date()
    manage = can_manage_item(request.user, item)
    shared = []
    if item.deadline_id:
        shared = list(
            item.deadline.items.exclude(pk=item.pk).order_by("number").values_list("number", "title")
        )
    today = timezone.localdate()
    context = {
        "nav": "",
        "item": item,
        "activities": activities,
        "can_manage": manage,
        "evidence": list(item.evidence.select_related("added_by")),
        "watchers": list(item.watchers.all()),
        "shared_items": shared,
        "now": timezone.now(),
        "moves_shared": bool(item.deadline_id)
        and deadline_services.may_move_deadline(request.user, item.deadline),
        "completed_on": timezone.localdate(item.completed_at) if item.completed_at else None,
        "comment_form": bound.get("comment") or forms.CommentForm(),
        "open_form": next(iter(bound), ""),  # the disclosure holding a form with errors
        "carried": list(item.carried.select_related("from_meeting", "to_meeting")),
        **_recommendation_context(item),
    }
    if manage:
        context.update(
            {
                "status_form": bound.get("status") or forms.StatusForm(initial={"status": item.status}),
                "complete_form": bound.get("complete") or forms.CompleteForm(),
                "reassign_form": bound.get("reassign")
                or forms.ReassignForm(item=item, initial={"owner": item.owner_id}),
                "deadline_form": bound.get("deadline") or forms.DeadlineForm(today=today),
                "evidence_form": bound.get("evidence") or forms.EvidenceForm(),
            }
        )
    return render(request, "web/item.html", context, status=status)


def _recommendation_context(item: ActionItem) -> dict:
    from followups.models import AdoptionStatus, Recommendation

    recommendation = Recommendation.objects.filter(item=item).first()
    return {"recommendation": recommendation, "adoption_choices": AdoptionStatus.choices}


@login_required
@require_GET
def item_detail(request, pk: int):
    return _item_page(request, _visible_item(request, pk))


def _done(request, item: ActionItem, message: str):
    messages.success(request, message)
    return redirect("web:item", pk=item.pk)


def _invalid(request, item, key, form):
    messages.error(request, _("Please correct the errors below."))
    return _item_page(request, item, bound={key: form}, status=400)


@login_required
@require_POST
def item_comment(request, pk: int):
    item = _visible_item(request, pk)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, "comment", form)
    services.comment_add(item=item, by=request.user, text=form.cleaned_data["text"], now=timezone.now())
    return _done(request, item, _("Comment added."))


@login_required
@require_POST
def item_status(request, pk: int):
    item = _managed_item(request, pk)
    form = forms.StatusForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, "status", form)
    services.action_item_set_status(
        item=item,
        status=form.cleaned_data["status"],
        by=request.user,
        note=form.cleaned_data["note"],
        now=timezone.now(),
    )
    return _done(request, item, _("Status changed to %(status)s.") % {"status": item.get_status_display()})


@login_required
@require_POST
def item_complete(request, pk: int):
    item = _managed_item(request, pk)
    form = forms.CompleteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, "complete", form)
    services.action_item_complete(
        item=item, by=request.user, note=form.cleaned_data["note"], now=timezone.now()
    )
    return _done(request, item, _("Marked as done."))


@login_required
@require_POST
def item_reassign(request, pk: int):
    item = _managed_item(request, pk)
    form = forms.ReassignForm(request.POST, item=item)
    if not form.is_valid():
        return _invalid(request, item, "reassign", form)
    services.action_item_reassign(
        item=item,
        owner=form.cleaned_data["owner"],
        by=request.user,
        reason=form.cleaned_data["reason"],
        now=timezone.now(),
    )
    return _done(
        request, item, _("Reassigned to %(name)s.") % {"name": form.cleaned_data["owner"].display_name}
    )


@login_required
@require_POST
def item_deadline(request, pk: int):
    item = _managed_item(request, pk)
    form = forms.DeadlineForm(request.POST, today=timezone.localdate())
    if item.deadline is None:
        form.add_error(None, _("This item has no deadline to move; staff set one in the admin."))
    elif item.deadline.is_relative:
        form.add_error(
            None,
            _(
                "This deadline follows a rule (e.g. working days after the "
                "meeting); staff change it in the admin."
            ),
        )
    if not form.is_valid():
        return _invalid(request, item, "deadline", form)
    try:
        if deadline_services.may_move_deadline(request.user, item.deadline):
            # Staff, the head (or the owner of every item on it): the shared deadline moves.
            deadline_services.deadline_move(
                deadline=item.deadline,
                to=form.cleaned_data["due"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        else:  # this item only, as the API's move-deadline: it gets a deadline of its own
            deadline_services.action_item_move_deadline(
                item=item,
                due=form.cleaned_data["due"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
    except (ValidationError, dates.DateInputError, OverflowError) as error:
        # e.g. 31 Dec 9999 at 23:59:59 in a zone west of UTC is past the last storable instant
        form.add_error(
            None,
            error if isinstance(error, ValidationError) else _("This date cannot be used as a deadline."),
        )
        return _invalid(request, item, "deadline", form)
    return _done(request, item, _("Deadline moved."))


@login_required
@require_POST
def item_evidence(request, pk: int):
    item = _managed_item(request, pk)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, item, "evidence", form)
    try:
        services.evidence_add(
            item=item,
            by=request.user,
            now=timezone.now(),
            file=form.cleaned_data["file"],
            url=form.cleaned_data["url"],
            note=form.cleaned_data["note"],
        )
    except (EvidenceError, ValidationError) as error:
        form.add_error(None, str(getattr(error, "message", error)))
        return _invalid(request, item, "evidence", form)
    return _done(request, item, _("Evidence attached."))


@login_required
@require_GET
def evidence_download(request, pk: int):
    evidence = get_object_or_404(
        Evidence.objects.filter(item__in=visible_items(request.user).values("pk")), pk=pk
    )
    if not evidence.file:
        return HttpResponseRedirect(evidence.url)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing from storage.")) from error
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name)


# --- calendar -----------------------------------------------------------------------------


@login_required
@require_GET
def month_calendar(request):
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        first = date(year, month, 1)
        if not 1912 <= year <= 9998:  # ROC years, and room for the next month's link
            raise ValueError(year)
    except (ValueError, OverflowError):  # OverflowError: a month number beyond any C integer
        first = today.replace(day=1)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start, end = weeks[0][0], weeks[-1][-1]
    zone = timezone.get_current_timezone()
    # A day or two of margin: a deadline's day in another zone can differ from the reader's.
    after = datetime.combine(start - timedelta(days=2), time(), tzinfo=zone)
    before = datetime.combine(end + timedelta(days=2), time(), tzinfo=zone)
    items = (
        lists.my_items(request.user)
        .exclude(status=Status.DROPPED)
        .filter(deadline__due_at__gte=after, deadline__due_at__lt=before)
        .with_related()
        .order_by("deadline__due_at", "number")
    )
    by_day: dict[date, list[ActionItem]] = {}
    for item in items:
        day = (
            item.deadline.due_at.astimezone(zone).date()
            if item.deadline.precision == "day"
            else item.deadline.due_on
        )
        by_day.setdefault(day, []).append(item)
    style, language, _zone = reader_prefs(request.user)
    year = dates.gregorian_to_roc(first.year) if style == "roc" else first.year
    if language == "zh-hant":
        title = f"{'民國 ' if style == 'roc' else ''}{year} 年 {first.month} 月"
    else:
        title = f"{first:%B} {'ROC ' if style == 'roc' else ''}{year}"
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return render(
        request,
        "web/calendar.html",
        {
            "nav": "calendar",
            "first": first,
            "month_title": title,
            "today": today,
            "now": timezone.now(),
            "weeks": [[(d, by_day.get(d, []), d.month == first.month) for d in week] for week in weeks],
            "weekday_names": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}",
            "this_month": f"{today:%Y-%m}",
        },
    )


@require_GET
def feed(request, token: str):
    """A calendar app fetches this without a session: the secret token is the credential."""
    found = FeedToken.objects.select_related("user", "meeting").filter(token_hash=secret_hash(token)).first()
    if found is None or not found.user.is_active:
        raise Http404(_("No such calendar feed."))
    if not found.is_active:
        return HttpResponse(
            _("This calendar feed was revoked."), status=410, content_type="text/plain; charset=utf-8"
        )
    user = found.user
    if found.meeting is not None:
        if not visible_meetings(user).filter(pk=found.meeting_id).exists():
            raise Http404(_("No such calendar feed."))
        items = visible_items(user).filter(meeting_id=found.meeting_id)
        name = found.meeting.short_label
    else:
        items = lists.my_items(user)
        name = None
    items = (
        items.filter(deadline__isnull=False)
        .with_related()
        .annotate(last_change_at=Max("activities__created_at"))
        .order_by("pk")
    )
    # Calendar apps send no Accept-Language: the feed speaks the owner's language.
    with translation.override(user.language or settings.LANGUAGE_CODE):
        if name is None:
            name = _("My follow-ups")
        body = ical.build_calendar(
            items,
            name=str(name),
            site_url=settings.SITE_URL,
            now=timezone.now(),
            item_url=lambda item: _absolute(reverse("web:item", args=[item.pk])),
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


# --- preferences and language -------------------------------------------------------------


def _likely_zones(user) -> list[str]:
    venues = visible_meetings(user).order_by("-start_on").values_list("venue_zone", flat=True)
    return [user.time_zone, *venues[:10]]


def _preferences_page(request, *, form=None, feed_form=None, new_feed_url=None, status=200):
    user = request.user
    form = form or forms.PreferencesForm(
        likely_zones=_likely_zones(user),
        initial={
            "language": user.language,
            "time_zone": user.time_zone,
            "date_style": user.date_style,
            "reminder_mode": user.reminder_mode,
            "optional_reminders": user.optional_reminders,
        },
    )
    return render(
        request,
        "web/preferences.html",
        {
            "nav": "preferences",
            "form": form,
            "feed_form": feed_form or forms.FeedTokenForm(meetings=visible_meetings(user)),
            "tokens": list(user.feed_tokens.select_related("meeting")),
            "new_feed_url": new_feed_url,
            "new_webcal_url": "webcal:" + new_feed_url.split(":", 1)[1] if new_feed_url else "",
        },
        status=status,
    )


@login_required
def preferences(request):
    if request.method != "POST":
        return _preferences_page(request)
    form = forms.PreferencesForm(request.POST, likely_zones=_likely_zones(request.user))
    if not form.is_valid():
        return _preferences_page(request, form=form, status=400)
    web_services.user_preferences_update(user=request.user, now=timezone.now(), **form.cleaned_data)
    translation.activate(request.user.language)
    messages.success(request, _("Preferences saved."))
    response = redirect("web:preferences")
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, request.user.language)
    return response


@login_required
@require_POST
def feed_create(request):
    form = forms.FeedTokenForm(request.POST, meetings=visible_meetings(request.user))
    if not form.is_valid():
        return _preferences_page(request, feed_form=form, status=400)
    _token, raw = web_services.feed_token_create(
        user=request.user, meeting=form.cleaned_data["meeting"], now=timezone.now()
    )
    messages.success(request, _("Calendar feed created. Copy its address now: it is shown only once."))
    return _preferences_page(request, new_feed_url=_absolute(reverse("web:feed", args=[raw])))


@login_required
@require_POST
def feed_revoke(request, pk: int):
    token = get_object_or_404(FeedToken, pk=pk, user=request.user)
    web_services.feed_token_revoke(token=token, now=timezone.now())
    messages.success(request, _("Calendar feed revoked; calendars using it stop updating."))
    return redirect("web:preferences")


@require_POST
def language_switch(request):
    """Django's set_language, which also remembers the choice on the signed-in user."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        web_services.user_language_set(user=request.user, language=language)
    return set_language(request)
