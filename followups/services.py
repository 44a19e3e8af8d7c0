"""Writes for meeting series: proposing a meeting's recurring follow-ups from the series'
templates, confirming them, and carrying open items to the next meeting.

Keyword-only and atomic, like actions/services.py (whose services these call: an item is
created, its status changed and its history logged only there, through
actions/activity_log.py; deadlines through actions/deadline_services.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from actions import deadline_services
from actions import services as actions_services
from actions.activity_log import log_activity
from actions.models import ActionItem, ActivityVerb, DeadlineMode, ItemKind, Status
from followups import rules
from followups.models import (
    AdoptionStatus,
    AdoptionUpdate,
    CarriedItem,
    FollowUpTemplate,
    ProposedFollowUp,
    Recommendation,
)
from meetings.models import Meeting, MeetingSeries, Participant

TEMPLATE_RULE_DOES_NOT_RESOLVE = _("The template “%(title)s” cannot give a date for %(meeting)s: %(reason)s")
CARRY_NOT_OPEN = _("“%(title)s” is not open: only open items are carried to the next meeting.")
CARRY_NOT_NEXT = _("%(meeting)s is not the next meeting of the series after %(source)s.")
CARRY_STAFF_ONLY = _("Only staff carry items to the next meeting.")
CARRY_NO_SERIES = _("%(meeting)s belongs to no meeting series, so it has no next meeting.")


@dataclass(frozen=True)
class Proposal:
    """What a template gives for one meeting, before anything is written."""

    template: FollowUpTemplate
    due_on: date
    latest_on: date | None
    owner: User | None


def meeting_days(meeting: Meeting) -> rules.MeetingDays:
    series = meeting.meeting_series
    return rules.MeetingDays(
        start_on=meeting.start_on,
        end_on=meeting.end_on,
        returns_on=meeting.returns_on,
        calendar=meeting.holiday_calendar or (series.holiday_calendar if series else ""),
    )


def templates_for(series: MeetingSeries | None) -> list[FollowUpTemplate]:
    """The series' templates and the defaults for all meetings; a series' own template
    replaces a default with the same key."""
    chosen: dict[str, FollowUpTemplate] = {}
    for template in (
        FollowUpTemplate.objects.for_series(series)
        .select_related("responsible", "set_by", "series")
        .order_by("order", "key")
    ):
        if template.key not in chosen or template.series_id is not None:
            chosen[template.key] = template
    return sorted(chosen.values(), key=lambda t: (t.order, t.key))


def _default_owner(template: FollowUpTemplate, meeting: Meeting) -> User | None:
    if not template.owner_role or meeting.pk is None:
        return None
    participants = Participant.objects.filter(
        meeting=meeting, role=template.owner_role, user__isnull=False, user__is_active=True
    )
    if template.responsible_id:
        own = participants.filter(organization_id=template.responsible_id).first()
        if own is not None:
            return own.user
    first = participants.order_by("id").first()
    return first.user if first else None


def follow_ups_preview(*, meeting: Meeting) -> list[Proposal]:
    """Resolve every template of the meeting's series on its days (writes nothing).

    Raises ValidationError (TEMPLATE_RULE_DOES_NOT_RESOLVE) for the first rule that cannot.
    """
    days = meeting_days(meeting)
    proposals = []
    for template in templates_for(meeting.meeting_series):
        try:
            due_on = rules.resolve(template.rule, days)
        except rules.RuleError as error:
            raise ValidationError(
                TEMPLATE_RULE_DOES_NOT_RESOLVE,
                code="rule_does_not_resolve",
                params={"title": template.title, "meeting": meeting.short_label, "reason": error.message},
            ) from error
        latest_on = due_on + timedelta(days=template.limit_days) if template.limit_days is not None else None
        proposals.append(
            Proposal(
                template=template, due_on=due_on, latest_on=latest_on, owner=_default_owner(template, meeting)
            )
        )
    return proposals


@transaction.atomic
def follow_ups_propose(*, meeting: Meeting, by: User | None, now: datetime) -> list[ActionItem]:
    """Propose the series' recurring follow-ups for `meeting` (status "proposed": staff
    confirm them). Each gets a deadline with the template's rule, counting from this
    meeting's days, so moving the meeting moves it. A template already proposed for the
    meeting is skipped. Every rule is resolved before anything is written: one that does
    not resolve refuses the whole proposal (ValidationError)."""
    proposals = follow_ups_preview(meeting=meeting)
    done = set(ProposedFollowUp.objects.filter(meeting=meeting).values_list("template_id", flat=True))
    days = meeting_days(meeting)
    created = []
    for proposal in proposals:
        template = proposal.template
        if template.pk in done:
            continue
        responsible = template.responsible
        authority = template.set_by or responsible
        zone = authority.time_zone if authority and authority.time_zone else meeting.venue_zone
        deadline = deadline_services.deadline_create(
            meeting=meeting,
            key=deadline_services._free_deadline_key(meeting, f"series-{template.key}"),
            label=template.title,
            by=by,
            now=now,
            mode=DeadlineMode.RELATIVE,
            zone=zone,
            set_by=template.set_by,
            rule_amount=template.rule_amount,
            rule_unit=template.rule_unit,
            rule_direction=template.rule_direction,
            rule_anchor=template.rule_anchor,
            calendar=template.calendar or days.calendar,
        )
        if proposal.latest_on is not None:
            deadline.latest_on = proposal.latest_on
            deadline.save(update_fields=["latest_on"])
        fields: dict[str, Any] = {
            "title_en": template.title_en,
            "description": template.description,
            "responsible": responsible,
            "owner": proposal.owner,
            "deadline": deadline,
            "status": Status.PROPOSED,
        }
        item = actions_services.action_item_create(
            meeting=meeting, title=template.title, kind=template.kind, by=by, now=now, **fields
        )
        ProposedFollowUp.objects.create(template=template, meeting=meeting, item=item)
        created.append(item)
    return created


@transaction.atomic
def series_meeting_create(
    *,
    series: MeetingSeries,
    number: int | None,
    slug: str,
    title: str,
    start_on: date,
    end_on: date,
    venue: str,
    by: User | None,
    now: datetime,
    **fields: Any,
) -> Meeting:
    """Create the next meeting of a series (its usual calendar and zone unless given) and
    propose its recurring follow-ups; a template that does not resolve refuses it all."""
    meeting = Meeting(
        meeting_series=series,
        series=series.label,
        number=number,
        slug=slug,
        title=title,
        start_on=start_on,
        end_on=end_on,
        venue=venue,
        venue_zone=fields.pop("venue_zone", "") or series.zone or settings.TIME_ZONE,
        holiday_calendar=fields.pop("holiday_calendar", "") or series.holiday_calendar,
        **fields,
    )
    meeting.full_clean()
    meeting.save()
    follow_ups_propose(meeting=meeting, by=by, now=now)
    return meeting


@transaction.atomic
def follow_ups_confirm(*, items: list[ActionItem], by: User | None, now: datetime) -> list[ActionItem]:
    """Staff confirm proposed follow-ups: they become open (reminders start)."""
    confirmed = []
    for item in items:
        if item.status == Status.PROPOSED:
            confirmed.append(
                actions_services.action_item_set_status(item=item, status=Status.OPEN, by=by, now=now)
            )
    return confirmed


# --- Carrying open items to the next meeting ---------------------------------------------


@transaction.atomic
def item_mark_for_next_meeting(
    *, item: ActionItem, by: User | None, now: datetime, note: str = ""
) -> CarriedItem:
    """Mark an open item "for the next meeting" (once per meeting; marking again keeps the
    first mark)."""
    if not item.is_open:
        raise ValidationError(CARRY_NOT_OPEN, code="not_open", params={"title": item.title})
    carried, _created = CarriedItem.objects.get_or_create(
        item=item,
        from_meeting=item.meeting,
        defaults={"note": note.strip(), "marked_by": by, "marked_at": now},
    )
    return carried


@transaction.atomic
def item_unmark_for_next_meeting(*, item: ActionItem) -> None:
    CarriedItem.objects.filter(item=item, from_meeting=item.meeting, to_meeting__isnull=True).delete()


def _may_carry(user: User | None) -> bool:
    return user is None or user.is_staff


@transaction.atomic
def items_carry_forward(
    *, items: list[ActionItem], to_meeting: Meeting, by: User | None, now: datetime, note: str = ""
) -> list[CarriedItem]:
    """Carry the selected open items to `to_meeting`, the next meeting of their series, in
    one step. Each item stays the same item (its history with it); the carry is logged
    on it and the next meeting lists it. All or nothing: one item that cannot go refuses
    the lot."""
    if not _may_carry(by):
        raise PermissionDenied(CARRY_STAFF_ONLY)
    carried = []
    for item in items:
        if not item.is_open:
            raise ValidationError(CARRY_NOT_OPEN, code="not_open", params={"title": item.title})
        source = item.meeting
        if source.meeting_series_id is None:
            raise ValidationError(CARRY_NO_SERIES, code="no_series", params={"meeting": source.short_label})
        if source.next_in_series() != to_meeting:
            raise ValidationError(
                CARRY_NOT_NEXT,
                code="not_next",
                params={"meeting": to_meeting.short_label, "source": source.short_label},
            )
        row, _created = CarriedItem.objects.select_for_update().get_or_create(
            item=item, from_meeting=source, defaults={"note": note.strip(), "marked_by": by, "marked_at": now}
        )
        if row.to_meeting_id == to_meeting.pk:
            carried.append(row)
            continue
        row.to_meeting, row.carried_by, row.carried_at = to_meeting, by, now
        row.save(update_fields=["to_meeting", "carried_by", "carried_at"])
        log_activity(
            item=item,
            verb=ActivityVerb.CARRIED,
            by=by,
            now=now,
            text=note.strip(),
            data={"to": to_meeting.short_label, "to_id": to_meeting.pk},
        )
        carried.append(row)
    return carried


def preparation_for(meeting: Meeting) -> dict[str, list[CarriedItem]]:
    """The next meeting's preparation list: items carried to it, and items of the previous
    meeting marked for it but not carried yet."""
    carried = list(
        CarriedItem.objects.filter(to_meeting=meeting)
        .select_related("item__meeting", "item__session", "item__owner", "item__deadline", "from_meeting")
        .order_by("from_meeting__start_on", "item__number")
    )
    previous = meeting.previous_in_series()
    marked = []
    if previous is not None:
        marked = list(
            CarriedItem.objects.filter(
                from_meeting=previous,
                to_meeting__isnull=True,
                item__status__in=[Status.OPEN, Status.IN_PROGRESS],
            )
            .select_related("item__meeting", "item__session", "item__owner", "item__deadline", "from_meeting")
            .order_by("item__number")
        )
    return {"carried": carried, "marked": marked}


@transaction.atomic
def meeting_join_series(*, meeting: Meeting, series: MeetingSeries) -> Meeting:
    """Put an existing meeting in a series (its label follows the series'); nothing is
    proposed: its follow-ups already exist."""
    meeting.meeting_series = series
    meeting.series = series.label
    meeting.full_clean()
    meeting.save(update_fields=["meeting_series", "series"])
    return meeting


# --- Recommendations of the trip report (心得與建議) ------------------------------------

RECOMMENDATION_NEEDS_REASON = _("Say why the recommendation is not adopted.")
RECOMMENDATIONS_NONE_FOUND = _(
    "No recommendation was found: the report has no “參、心得與建議” section with headed items (一)(二)…."
)


@transaction.atomic
def recommendations_import(
    *, meeting: Meeting, report_text: str, by: User | None, now: datetime, responsible=None
) -> list[Recommendation]:
    """Track each headed item of the report's 心得與建議 as a recommendation (an item of
    kind "recommendation", adoption not yet decided). Importing again adds only new ones."""
    from followups.recommendations import recommendations_in_report

    titles = recommendations_in_report(report_text)
    if not titles:
        raise ValidationError(RECOMMENDATIONS_NONE_FOUND, code="no_recommendations")
    existing = {rec.position: rec for rec in Recommendation.objects.filter(meeting=meeting)}
    created = []
    for position, title in enumerate(titles, start=1):
        if position in existing:
            continue
        item = actions_services.action_item_create(
            meeting=meeting,
            title=title,
            kind=ItemKind.RECOMMENDATION,
            by=by,
            now=now,
            responsible=responsible,
            source_section="參、心得與建議",
            source_excerpt=title,
        )
        created.append(
            Recommendation.objects.create(
                item=item, meeting=meeting, position=position, status_changed_at=now
            )
        )
    return created


@transaction.atomic
def recommendation_set_adoption(
    *, recommendation: Recommendation, status: str, reason: str, by: User | None, now: datetime
) -> Recommendation:
    """Record the adoption status (adopted / in progress / not adopted, with its reason); the
    item logs it and an adopted or rejected recommendation is closed."""
    reason = reason.strip()
    status = AdoptionStatus(status)
    if status == AdoptionStatus.NOT_ADOPTED and not reason:
        raise ValidationError(
            {"reason": ValidationError(RECOMMENDATION_NEEDS_REASON, code="reason_required")}
        )
    old = recommendation.status
    if (old, recommendation.reason) == (status, reason):
        return recommendation
    recommendation.status, recommendation.reason = status, reason
    recommendation.status_changed_at = now
    recommendation.save(update_fields=["status", "reason", "status_changed_at"])
    AdoptionUpdate.objects.create(recommendation=recommendation, status=status, reason=reason, by=by, at=now)
    item = recommendation.item
    log_activity(
        item=item,
        verb=ActivityVerb.ADOPTION,
        by=by,
        now=now,
        text=reason,
        data={
            "from": old,
            "to": status.value,
            "from_label": str(AdoptionStatus(old).label),
            "to_label": str(status.label),
        },
    )
    closes = {AdoptionStatus.ADOPTED: Status.DONE, AdoptionStatus.NOT_ADOPTED: Status.DROPPED}
    target = closes.get(status, Status.IN_PROGRESS if status == AdoptionStatus.IN_PROGRESS else Status.OPEN)
    actions_services.action_item_set_status(item=item, status=target, by=by, now=now, note=reason)
    return recommendation


def adoption_halves(meeting: Meeting, *, today: date) -> list[tuple[int, int]]:
    """The half-years from the delegation's return to today (newest first, at most 6)."""
    start = meeting.return_day
    halves = []
    year, half = start.year, 1 if start.month <= 6 else 2
    while (year, half) <= (today.year, 1 if today.month <= 6 else 2) and len(halves) < 20:
        halves.append((year, half))
        year, half = (year, 2) if half == 1 else (year + 1, 1)
    return list(reversed(halves))[:6] or [(start.year, 1 if start.month <= 6 else 2)]
