"""Which item a proposed follow-up already is: the import key, the same sentence, a like title.

Re-importing a report, or importing one whose follow-ups were typed by hand, must find the
items that exist instead of proposing them twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from actions.models import ActionItem
from meetings.models import Meeting
from reports.text import squeeze


def normalise(text: str) -> str:
    """NFKC, no white space, no closing punctuation: the same sentence however it was typed."""
    return squeeze(text).rstrip("。.;；,，:：!！?？")


def import_key_for(meeting: Meeting, data: dict) -> str:
    """Stable for the same meeting, sentence, title and due: re-importing a report finds its items."""
    raw = "\n".join(
        (
            meeting.slug,
            normalise(data.get("excerpt", "")),
            normalise(data.get("title", "")),
            str(due_offset(meeting, data)),
        )
    )
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def due_offset(meeting: Meeting, data: dict) -> int | None:
    """Days from the meeting's last day to the due date, as the report's own frame counts them."""
    if not data.get("due_date"):
        return None
    end = date.fromisoformat(data["frame_end"]) if data.get("frame_end") else meeting.end_on
    return (date.fromisoformat(data["due_date"]) - end).days


def similar(a: str, b: str) -> float:
    """Dice coefficient of character pairs: '上傳國情報告至 ACS' ~ '國情報告上傳 ACS'."""
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return 0.0
    pairs_a = {a[i : i + 2] for i in range(len(a) - 1)} or {a}
    pairs_b = {b[i : i + 2] for i in range(len(b) - 1)} or {b}
    return 2 * len(pairs_a & pairs_b) / (len(pairs_a) + len(pairs_b))


def find_existing_item(
    items: Sequence[ActionItem], data: dict, key: str, meeting: Meeting
) -> ActionItem | None:
    """The item this candidate already is.

    The same import key; or the same source sentence (one contains the other) the same number
    of days from the meeting (so a demo meeting moved to this week still recognises its
    items); or, for items typed by hand without a sentence, a title at least 60 % alike with
    the same due distance.
    """
    for item in items:
        if item.import_key and item.import_key == key:
            return item
    excerpt = normalise(data.get("excerpt", ""))
    offset = due_offset(meeting, data)
    for item in items:
        item_offset = (item.deadline.due_on - meeting.end_on).days if item.deadline_id else None
        if item_offset != offset:
            continue
        source = normalise(item.source_excerpt)
        if len(excerpt) >= 8 and len(source) >= 8 and (excerpt in source or source in excerpt):
            return item
        if similar(item.title, data.get("title", "")) >= 0.6:
            return item
    return None


def meeting_items(meeting: Meeting) -> list[ActionItem]:
    return list(ActionItem.objects.filter(meeting=meeting).select_related("deadline"))
