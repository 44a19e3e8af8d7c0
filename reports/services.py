"""Report import writes: record an upload and its candidates, edit, promote, accept and reject.

The reading itself is pure (`reports.extract`); this module gives it the meeting's context
(dates, sessions, the working-day calendar and where it came from) and turns the review's
decisions into action items. Every change of state is one keyword-only atomic function:

* `minutes_import_create` records an upload: its blocks (for the review's text column), every
  proposed candidate (`pending`, or `duplicate` when it already is an item: same import key,
  the same sentence the same distance from the meeting, or the same title typed by hand) and
  every sentence not proposed (`mention`).
* `import_candidate_update` keeps a reviewer's edits (title in both languages, due date,
  owner, responsible, kind, session); the reader's own values stay in `data["read"]`.
* `import_candidate_promote` makes a "not proposed" sentence a pending candidate.
* `import_candidates_accept` creates (or opens) the items, with their deadlines;
  `import_candidates_reject` drops what was proposed.

`manage.py import_minutes` creates `proposed` items at once (they can be assigned before
anyone reviews); the review's accept opens them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from actions import services
from actions.models import (
    ActionItem,
    Activity,
    ActivityVerb,
    Deadline,
    DeadlineMode,
    ItemKind,
    RuleAnchor,
    RuleDirection,
    Status,
)
from followup_dates import dates
from meetings.models import (
    Meeting,
    Organization,
    OrganizationKind,
    Participant,
    Session,
)
from reports.candidates import Candidate, Extraction, MeetingContext, SessionContext
from reports.duplicates import find_existing_item, import_key_for, meeting_items
from reports.extract import extract
from reports.layout import HEADING, Block
from reports.lookup import ImportLookup
from reports.models import CandidateState, ImportCandidate, MinutesImport
from reports.notes import as_json as notes_json
from reports.notes import render as render_notes
from reports.parties import OUR_DEFAULT
from reports.sessions import session_keywords

EDITABLE = (
    "title",
    "title_en",
    "due_date",
    "due_precision",
    "kind",
    "owner",
    "responsible_org",
    "session_id",
)
EDIT_REFUSED_NOT_PENDING = "Only a pending candidate can be edited."
PROMOTE_REFUSED = "Only a sentence that was not proposed can be promoted."


# --- The meeting as the reader sees it ---------------------------------------------------------------


def meeting_calendar(meeting: Meeting) -> tuple[str | None, str]:
    """The working-day calendar of a meeting and where it came from (Meeting.working_day_calendar)."""
    return meeting.working_day_calendar()


def our_names(meeting: Meeting) -> tuple[str, ...]:
    """How the report may name us: our delegation's words, our agencies, our delegates."""
    agencies = Organization.objects.filter(kind=OrganizationKind.OUR_AGENCY).values_list(
        "name", "abbreviation"
    )
    people = (
        Participant.objects.filter(meeting=meeting)
        .select_related("user")
        .values_list("user__full_name", flat=True)
    )
    names = [*OUR_DEFAULT]
    for name, abbreviation in agencies:
        names.extend(n for n in (name, abbreviation) if n and len(n) >= 2)
    for full_name in people:
        # "沈信雄", or the Chinese part of "毛胤立 Mao Yin-li".
        for part in re.split(r"\s{1,}(?=[A-Za-z])", full_name or "")[:1]:
            if len(part) >= 2:
                names.append(part.strip())
    return tuple(dict.fromkeys(names))


def meeting_context(meeting: Meeting, blocks: Sequence[Block] = ()) -> MeetingContext:
    """The meeting's dates, calendar, sessions (with the report headings that cover them), our names."""
    headings = "\n".join(b.text for b in blocks if b.kind == HEADING)
    sessions = tuple(
        SessionContext(session.name, session.local_date, session_keywords(session.report_section, headings))
        for session in meeting.sessions.select_related("meeting").order_by("starts_at", "code")
    )
    calendar, note = meeting_calendar(meeting)
    return MeetingContext(
        start_on=meeting.start_on,
        end_on=meeting.end_on,
        calendar=calendar,
        calendar_note=note,
        our_names=our_names(meeting),
        sessions=sessions,
        title=meeting.short_label,
    )


def read_report(
    meeting: Meeting, blocks: Sequence[Block], *, progress: Callable[[int, int], None] | None = None
) -> Extraction:
    return extract(blocks, meeting_context(meeting, blocks), progress=progress)


# --- Recording an import -------------------------------------------------------------------------------


def _block_json(block: Block) -> dict:
    return {"kind": block.kind, "text": block.text, "level": block.level}


@transaction.atomic
def minutes_import_create(
    *,
    meeting: Meeting,
    file_name: str,
    sha256: str,
    extraction: Extraction | Iterable[Candidate | dict],
    by: User | None,
    now: datetime,
) -> MinutesImport:
    """Record an upload, its blocks, its candidates and the sentences it did not propose."""
    if isinstance(extraction, Extraction):
        candidates: list[Candidate | dict] = list(extraction.candidates)
        mentions = extraction.mentions
        blocks = [_block_json(b) for b in extraction.blocks]
        notes = notes_json(extraction.notes)
        frame_end = extraction.frame.end_on.isoformat()
    else:
        candidates, mentions, blocks, notes, frame_end = (
            list(extraction),
            [],
            [],
            [],
            meeting.end_on.isoformat(),
        )
    minutes_import = MinutesImport.objects.create(
        meeting=meeting,
        file_name=file_name[:255],
        sha256=sha256,
        uploaded_by=by,
        created_at=now,
        blocks=blocks,
        notes=notes,
    )
    items = meeting_items(meeting)
    seen: set[str] = set()
    rows = []
    position = 0
    for candidate in candidates:
        position += 1
        data = candidate.as_json() if isinstance(candidate, Candidate) else dict(candidate)
        data.setdefault("frame_end", frame_end)
        key = import_key_for(meeting, data)
        existing = find_existing_item(items, data, key, meeting)
        state = CandidateState.DUPLICATE if existing or key in seen else CandidateState.PENDING
        seen.add(key)
        rows.append(
            ImportCandidate(
                minutes_import=minutes_import,
                position=position,
                data=data,
                import_key=key,
                state=state,
                item=existing,
            )
        )
    for mention in mentions:
        position += 1
        data = mention.candidate.as_json()
        data.update(frame_end=frame_end, reason=mention.reason)
        rows.append(
            ImportCandidate(
                minutes_import=minutes_import,
                position=position,
                data=data,
                import_key=import_key_for(meeting, data),
                state=CandidateState.NOT_PROPOSED,
            )
        )
    ImportCandidate.objects.bulk_create(rows)
    minutes_import.candidate_count = len(candidates)
    minutes_import.save(update_fields=["candidate_count"])
    return minutes_import


# --- Review: edit, promote -------------------------------------------------------------------------------


class ReviewError(ValueError):
    """A review change that cannot be made; the message says why."""


@transaction.atomic
def import_candidate_update(
    *, candidate: ImportCandidate, changes: dict, by: User | None, now: datetime
) -> ImportCandidate:
    """Keep a reviewer's edits on a pending candidate; the reader's values stay in data["read"]."""
    candidate = ImportCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.state != CandidateState.PENDING:
        raise ReviewError(EDIT_REFUSED_NOT_PENDING)
    data = dict(candidate.data)
    read = data.setdefault("read", {key: data.get(key) for key in EDITABLE if key in data})
    for key, value in changes.items():
        if key not in EDITABLE:
            continue
        if key not in read and key in data:
            read[key] = data[key]
        data[key] = value
    if "due_date" in changes:
        data["rule"] = None  # a date a person chose is a date, not the reader's rule
        data["due_edited"] = True
    data["edited_by"], data["edited_at"] = (by.pk if by else None), now.isoformat()
    candidate.data = data
    candidate.save(update_fields=["data"])
    return candidate


@transaction.atomic
def import_candidate_promote(
    *, candidate: ImportCandidate, by: User | None, now: datetime
) -> ImportCandidate:
    """A sentence the reader did not propose becomes a pending candidate (or a duplicate)."""
    candidate = (
        ImportCandidate.objects.select_for_update(of=("self",))
        .select_related("minutes_import__meeting")
        .get(pk=candidate.pk)
    )
    if candidate.state != CandidateState.NOT_PROPOSED:
        raise ReviewError(PROMOTE_REFUSED)
    meeting = candidate.minutes_import.meeting
    data = dict(candidate.data)
    data["promoted_by"], data["promoted_at"] = (by.pk if by else None), now.isoformat()
    data.setdefault("title", data.get("excerpt", "")[:80])
    key = import_key_for(meeting, data)
    existing = find_existing_item(meeting_items(meeting), data, key, meeting)
    candidate.data, candidate.import_key = data, key
    candidate.state = CandidateState.DUPLICATE if existing else CandidateState.PENDING
    candidate.item = existing
    candidate.save(update_fields=["data", "import_key", "state", "item"])
    return candidate


# --- Accept and reject ------------------------------------------------------------------------------------


@transaction.atomic
def deadline_create_from_candidate(
    *,
    meeting: Meeting,
    data: dict,
    key: str,
    set_by: Organization | None,
    anchor_session: Session | None,
    label: str,
) -> Deadline | None:
    """An absolute deadline (due_date + precision) or a relative one (the candidate's rule)."""
    if not data.get("due_date"):
        return None
    deadline_key = f"import-{key[:20]}"
    existing = Deadline.objects.filter(meeting=meeting, key=deadline_key).first()
    if existing is not None:
        return existing
    zone = Deadline.default_zone(meeting=meeting, set_by=set_by)
    deadline = Deadline(
        meeting=meeting,
        key=deadline_key,
        label=label[:300],
        set_by=set_by,
        zone=zone,
        source_excerpt=data.get("excerpt", ""),
    )
    rule = data.get("rule")
    anchor = (rule or {}).get("anchor")
    if (rule and anchor in {RuleAnchor.MEETING_START, RuleAnchor.MEETING_END}) or (
        rule and anchor == RuleAnchor.SESSION and anchor_session is not None
    ):
        deadline.mode = DeadlineMode.RELATIVE
        deadline.rule_amount = int(rule["amount"])
        deadline.rule_unit = rule["unit"]
        deadline.rule_direction = RuleDirection.AFTER
        deadline.rule_anchor = anchor
        deadline.anchor_session = anchor_session if anchor == RuleAnchor.SESSION else None
        deadline.calendar = rule.get("calendar") or ""
        due = deadline.resolved_due()
    else:
        due = dates.DueDate(
            on=date.fromisoformat(data["due_date"]),
            precision=dates.Precision(data.get("due_precision") or "day"),
        )
    deadline.set_due(due)
    deadline.full_clean()
    deadline.save()
    return deadline


def _description(data: dict, responsible: Organization | None) -> str:
    lines = []
    written = (data.get("responsible") or "").strip()
    if written and responsible is None:
        lines.append(_("Responsible as written in the report: {written}").format(written=written))
    if data.get("note"):
        shown = render_notes(data.get("notes"), data["note"])  # in the reviewer's language
        lines.append(_("Import note: {note}").format(note=shown))
    return "\n".join(lines)


def _create_item(
    *, candidate: ImportCandidate, lookup: ImportLookup, status: str, by: User | None, now: datetime
) -> ActionItem:
    data, meeting = candidate.data, lookup.meeting
    responsible = (
        next((o for o in lookup.organizations if o.pk == data["responsible_org"]), None)
        if data.get("responsible_org")
        else lookup.responsible(data.get("responsible", ""))
    )
    session = lookup.session(data)
    title = (data.get("title") or data.get("excerpt") or "")[:300]
    deadline = deadline_create_from_candidate(
        meeting=meeting,
        data=data,
        key=candidate.import_key,
        set_by=lookup.setter(data, responsible),
        anchor_session=session,
        label=title,
    )
    owner = User.objects.filter(pk=data["owner"]).first() if data.get("owner") else None
    # A candidate whose kind was never set is ours until someone says otherwise.
    kind = data.get("kind") if data.get("kind") in ItemKind.values else ItemKind.OUR_TASK
    item = services.action_item_create(
        meeting=meeting,
        title=title,
        title_en=(data.get("title_en") or "")[:300],
        kind=kind,
        by=by,
        now=now,
        status=status,
        session=session,
        source_excerpt=data.get("excerpt", ""),
        source_section=(data.get("section") or "")[:200],
        responsible=responsible,
        owner=owner,
        deadline=deadline,
        description=_description(data, responsible),
        ends_on=date.fromisoformat(data["ends_on"]) if data.get("ends_on") else None,
        import_key=candidate.import_key,
    )
    Activity.objects.create(
        item=item,
        actor=by,
        verb=ActivityVerb.IMPORTED,
        created_at=now,
        data={
            "file": candidate.minutes_import.file_name,
            "import": candidate.minutes_import_id,
            "confidence": data.get("confidence"),
        },
    )
    return item


@dataclass
class AcceptResult:
    accepted: int = 0
    created: int = 0
    duplicates: int = 0


@transaction.atomic
def import_candidates_accept(
    *, candidates: Iterable[ImportCandidate], by: User | None, now: datetime, status: str = Status.OPEN
) -> AcceptResult:
    """Pending candidates become items with `status` (a proposed item of theirs is opened).

    With status=proposed (the command) the candidates stay pending, waiting for review.
    """
    result = AcceptResult()
    lookups: dict[int, ImportLookup] = {}
    items_by_meeting: dict[int, list[ActionItem]] = {}
    for candidate in candidates:
        candidate = (
            ImportCandidate.objects.select_for_update(of=("self",))
            .select_related("minutes_import__meeting", "item")
            .get(pk=candidate.pk)
        )
        if candidate.state != CandidateState.PENDING:
            continue
        meeting = candidate.minutes_import.meeting
        if meeting.pk not in lookups:
            # One review at a time per meeting: a concurrent accept of the same follow-up waits
            # here, then finds the item the other one created instead of adding a second.
            Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
            lookups[meeting.pk] = ImportLookup.load(meeting)
            items_by_meeting[meeting.pk] = meeting_items(meeting)
        item = candidate.item
        if item is None:
            existing = find_existing_item(
                items_by_meeting[meeting.pk], candidate.data, candidate.import_key, meeting
            )
            if existing is not None:
                candidate.state, candidate.item = CandidateState.DUPLICATE, existing
                candidate.save(update_fields=["state", "item"])
                result.duplicates += 1
                continue
            item = _create_item(
                candidate=candidate, lookup=lookups[meeting.pk], status=status, by=by, now=now
            )
            items_by_meeting[meeting.pk].append(item)
            candidate.item = item
            result.created += 1
        elif item.status == Status.PROPOSED and status != Status.PROPOSED:
            services.action_item_set_status(
                item=item, status=status, by=by, now=now, note=_("Accepted in the report import review.")
            )
        if status != Status.PROPOSED:
            candidate.state = CandidateState.ACCEPTED
            candidate.decided_by, candidate.decided_at = by, now
            result.accepted += 1
        candidate.save(update_fields=["state", "item", "decided_by", "decided_at"])
    return result


@transaction.atomic
def import_candidates_reject(*, candidates: Iterable[ImportCandidate], by: User | None, now: datetime) -> int:
    """Pending candidates are rejected; a proposed item made for one is dropped, nothing is created."""
    count = 0
    for candidate in candidates:
        candidate = (
            ImportCandidate.objects.select_for_update(of=("self",))
            .select_related("item")
            .get(pk=candidate.pk)
        )
        if candidate.state != CandidateState.PENDING:
            continue
        if candidate.item is not None and candidate.item.status == Status.PROPOSED:
            services.action_item_set_status(
                item=candidate.item,
                status=Status.DROPPED,
                by=by,
                now=now,
                note=_("Rejected in the report import review."),
            )
        candidate.state = CandidateState.REJECTED
        candidate.decided_by, candidate.decided_at = by, now
        candidate.save(update_fields=["state", "decided_by", "decided_at"])
        count += 1
    return count


def pending_for(minutes_import: MinutesImport):
    return minutes_import.candidates.filter(state=CandidateState.PENDING)
