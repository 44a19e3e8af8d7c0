"""The admin's change forms as a browser posts them, for tests of several modules."""

from zoneinfo import ZoneInfo

from meetings.models import Meeting, Organization, Participant, Session


def meeting_form(meeting: Meeting, **changes) -> dict:
    """The change form as the admin renders it for `meeting`, with `changes` applied.

    Inline session times are posted as the form shows them: a day and a time at the venue.
    """
    zone = ZoneInfo(meeting.venue_zone)
    data = {
        "series": meeting.series,
        "number": meeting.number,
        "slug": meeting.slug,
        "title": meeting.title,
        "title_en": meeting.title_en,
        "start_on": "2025-03-03",
        "end_on": "2025-03-07",
        "venue": meeting.venue,
        "venue_zone": meeting.venue_zone,
        "host": meeting.host_id,
        "holiday_calendar": "KR",
        "report_title": meeting.report_title,
        "notes": meeting.notes,
        "reason": "",
    }
    for prefix, model in (("sessions", Session), ("participants", Participant)):
        rows = list(model.objects.filter(meeting=meeting))
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for n, row in enumerate(rows):
            data[f"{prefix}-{n}-id"] = row.pk
            data[f"{prefix}-{n}-meeting"] = meeting.pk
            if model is Session:
                starts, ends = row.starts_at.astimezone(zone), row.ends_at.astimezone(zone)
                data.update(
                    {
                        f"{prefix}-{n}-code": row.code,
                        f"{prefix}-{n}-name": row.name,
                        f"{prefix}-{n}-kind": row.kind,
                        f"{prefix}-{n}-starts_at": f"{starts:%Y-%m-%d %H:%M}",
                        f"{prefix}-{n}-ends_at": f"{ends:%Y-%m-%d %H:%M}",
                        f"{prefix}-{n}-chair": row.chair,
                        f"{prefix}-{n}-report_section": row.report_section,
                    }
                )
            else:
                data.update(
                    {
                        f"{prefix}-{n}-name": row.name,
                        f"{prefix}-{n}-organization": row.organization_id,
                        f"{prefix}-{n}-title": row.title,
                        f"{prefix}-{n}-role": row.role,
                        f"{prefix}-{n}-role_detail": row.role_detail,
                        f"{prefix}-{n}-email": row.email,
                        f"{prefix}-{n}-user": row.user_id or "",
                    }
                )
    data.update(changes)
    return data


def deadline_form(telwg70, **changes) -> dict:
    data = {
        "meeting": telwg70.pk,
        "key": "new-deadline",
        "label": "A new deadline",
        "set_by": Organization.objects.get(code="apec-secretariat").pk,
        "zone": "",
        "mode": "absolute",
        "due": "",
        "rule_amount": "",
        "rule_unit": "",
        "rule_direction": "after",
        "rule_anchor": "",
        "anchor_session": "",
        "anchor_deadline": "",
        "calendar": "",
        "source_excerpt": "",
        "reason": "",
        "confirm_past": "on",  # the demo's dates are past; tests of the question set it ""
    }
    data.update(changes)
    return data
