"""Items by their due day: the month calendar, and the iCal feed a calendar app subscribes to."""

from __future__ import annotations

import calendar as pycalendar
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.keys import secret_hash
from actions.models import ActionItem, Status
from actions.visibility import visible_items, visible_meetings
from followup_dates import dates
from tracker.templatetags.tracker_dates import reader_prefs
from web import ical, lists
from web.links import absolute_url
from web.models import FeedToken


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
            item_url=lambda item: absolute_url(reverse("web:item", args=[item.pk])),
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
