"""Render one reminder email (one recipient, one or more items) in the reader's language."""

from collections import defaultdict
from datetime import date, datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from followup_dates import dates
from followup_dates import reminder_plan as planner
from followup_dates.reader import Reader, style_for
from reminders import tokens
from reminders.addresses import reply_address
from reminders.models import Reminder, ReminderRole
from tracker.readers import reader_for, reader_language
from tracker.text import single_line


def _slot_line(row: Reminder, *, now: datetime, zone: str) -> str:
    """What this reminder says at `now`: the time actually left, not the slot it was planned
    for (a catch-up of the 7-day reminder mailed two days late says "due in 5 days")."""
    due_day = date.fromisoformat(row.slot_key.rsplit("@", 1)[-1])
    kind, days = planner.countdown(due_at=row.due_at, due_day=due_day, now=now, zone=zone)
    if row.role == ReminderRole.ESCALATION:
        return ngettext("Escalation: %(days)d day overdue", "Escalation: %(days)d days overdue", days) % {
            "days": days
        }
    if kind == "due":
        if days == 0:
            return _("Due today")
        return ngettext("Due in %(days)d day", "Due in %(days)d days", days) % {"days": days}
    if days == 0:
        return _("The deadline passed today")
    return ngettext("%(days)d day overdue", "%(days)d days overdue", days) % {"days": days}


def _reader(rows: list[Reminder]) -> tuple[str, str, str]:
    """(language, zone, date style) of the recipient (a Reader, tracker/readers.py);
    focal points get the site's language and their organisation's zone."""
    user = rows[0].user
    if user is not None:
        reader = reader_for(user, language=user.language or settings.LANGUAGE_CODE)
    else:
        zone = (
            rows[0].item.responsible.time_zone if rows[0].item.responsible_id else ""
        ) or settings.TIME_ZONE
        language = reader_language(settings.LANGUAGE_CODE)
        reader = Reader(style_for(language), language, zone)
    return reader.language, reader.zone, reader.style


def _reply_hint(count: int, has_account: bool) -> str:
    if not has_account or reply_address(0) is None:
        return ""
    if count == 1:
        return _(
            "Reply to this email to add a comment; a first line of “完成” or “done” "
            "marks the item done, and attached files become its evidence."
        )
    return _(
        "Reply to this email to add a comment: start with the item's number "
        "(e.g. “#12 完成” marks item 12 done); attached files become its evidence."
    )


def build_reminder_message(*, rows: list[Reminder], now: datetime) -> EmailMultiAlternatives:
    """One email listing every item in `rows` (one recipient), grouped by meeting."""
    language, zone, style = _reader(rows)
    user = rows[0].user
    site = settings.SITE_URL
    escalation = any(row.role == ReminderRole.ESCALATION for row in rows)
    optional = any(row.optional for row in rows) and not escalation
    with translation.override(language):
        meetings: dict[int, dict] = {}
        by_meeting: dict[int, list[dict]] = defaultdict(list)
        for row in rows:
            item, deadline = row.item, row.item.deadline
            meetings.setdefault(item.meeting_id, {"meeting": item.meeting, "items": []})
            done_url = ""
            if user is not None and row.role != ReminderRole.ESCALATION:
                done_url = site + reverse(
                    "reminders:reminder-done", args=[tokens.done_token(item_id=item.pk, user_id=user.pk)]
                )
            by_meeting[item.meeting_id].append(
                {
                    "row": row,
                    "item": item,
                    "what": _slot_line(row, now=now, zone=zone),
                    "due": dates.format_due_date(deadline.due, style=style, language=language),
                    "due_instant": dates.format_instant(
                        row.due_at,
                        reader_zone=zone,
                        deadline_zone=deadline.zone,
                        style=style,
                        language=language,
                    ),
                    "url": f"{site}/items/{item.pk}/",
                    "done_url": done_url,
                    "owner": item.owner.display_name if item.owner_id else "",
                }
            )
        groups = []
        for meeting_id, entry in meetings.items():
            groups.append({"meeting": entry["meeting"], "items": by_meeting[meeting_id]})
        first = groups[0]["items"][0]
        if len(rows) == 1:
            # single_line: a title stored before input refused control characters must
            # still give a valid header (a CR/LF is a BadHeaderError, a reminder lost).
            subject = _("%(what)s: %(title)s") % {
                "what": first["what"],
                "title": single_line(first["item"].title),
            }
        else:
            subject = ngettext(
                "%(count)d follow-up needs your attention",
                "%(count)d follow-ups need your attention",
                len(rows),
            ) % {"count": len(rows)}
        if escalation:
            subject = _("[Escalation] %(subject)s") % {"subject": subject}
        unsubscribe_url = ""
        if optional and user is not None:
            unsubscribe_url = site + reverse(
                "reminders:reminder-unsubscribe", args=[tokens.unsubscribe_token(user_id=user.pk)]
            )
        context = {
            "recipient_name": user.display_name if user else rows[0].recipient_email,
            "groups": groups,
            "escalation": escalation,
            "unsubscribe_url": unsubscribe_url,
            "sent_on": dates.format_instant(now, reader_zone=zone, style=style, language=language),
            "site_url": site,
            "lang": "zh-Hant" if language == "zh-hant" else language,
            "reply_hint": _reply_hint(len(rows), user is not None),
        }
        text = render_to_string("reminders/email/reminder.txt", context)
        html = render_to_string("reminders/email/reminder.html", context)
    headers = {
        "Message-ID": rows[0].message_id,
        "Auto-Submitted": "auto-generated",
        # ", ": a header can be folded only at white space, and a line past 998 bytes is
        # refused by strict relays (RFC 5321) -- a digest of 200 items would never arrive.
        "X-Tracker-Reminders": ", ".join(str(row.pk) for row in rows),
    }
    if unsubscribe_url:
        mailto = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>, <mailto:{mailto}?subject=unsubscribe>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # Replies come back to the tracker (reminders/): a signed +token names this email.
    reply_to = reply_address(rows[0].pk)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[rows[0].recipient_address],
        headers=headers,
        reply_to=[reply_to] if reply_to else None,
    )
    message.attach_alternative(html, "text/html")
    return message
