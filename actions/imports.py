"""Meeting report import: the meeting's context for the extractor, duplicate checks and the writes.

The hard part (finding follow-ups in a text) is the pure `actions.minutes`; this module
connects it to the database. Reading is `meeting_context` and `find_existing_item`; every
change of state is one keyword-only atomic service below (`minutes_import_create`,
`import_candidates_accept`, `import_candidates_reject`, `deadline_create_from_candidate`).
They live here rather than in actions/services.py because they only concern the import.

Review flow (the decision the issue left open):

* An import records a `MinutesImport` and one `ImportCandidate` per follow-up found. A
  candidate that is already an item (same import key, or the same source sentence and due
  date as an item typed in by hand or loaded from the fixture) is marked `duplicate` and
  points at that item; it is never created again.
* `manage.py import_minutes` also creates an item for each new candidate, with status
  `proposed`: the follow-ups exist (and can be assigned) at once, but wait for a person.
* In the admin review, *accept* makes the candidate's item `open` (creating it first when
  the upload came through the admin, which creates nothing by itself); *reject* drops a
  proposed item, or writes no item at all.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from actions import services
from actions.minutes import Candidate, MeetingContext, SessionContext, extract_candidates
from actions.models import (
    ActionItem,
    Activity,
    ActivityVerb,
    CandidateState,
    Deadline,
    DeadlineMode,
    ImportCandidate,
    MinutesImport,
    RuleAnchor,
    RuleDirection,
    Status,
)
from meetings.models import Meeting, Organization, OrganizationKind, Participant, ParticipantRole, Session
from tracker import dates

SECRETARIAT_CODE = "apec-secretariat"
ECONOMIES_CODE = "apec-economies"
OUR_NAMES = ("我國", "中華台北", "Chinese Taipei", "我國代表")
_SECRETARIAT_NAMES = ("秘書處", "APEC 秘書處", "APEC秘書處", "大會秘書", "Secretariat", "APEC Secretariat",
                      "The Secretariat")
_ECONOMIES_NAMES = ("各經濟體", "所有經濟體", "會員經濟體", "Economies", "All economies", "Member economies")
_DEFAULT_CALENDAR = "TW"


# --- Normalised text and the import key -----------------------------------------------------


def normalise(text: str) -> str:
    """NFKC, no white space, no closing punctuation: the same sentence however it was typed."""
    squeezed = "".join(unicodedata.normalize("NFKC", text or "").split()).casefold()
    return squeezed.rstrip("。.;；,，:：!！?？")


def import_key_for(meeting: Meeting, data: dict) -> str:
    """Stable for the same meeting, sentence and title: re-importing a report finds its items."""
    raw = "\n".join((meeting.slug, normalise(data.get("excerpt", "")), normalise(data.get("title", ""))))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# --- The meeting as the extractor sees it ---------------------------------------------------

_CN = "一二三四五六七八九十"
_MARKER = re.compile(
    rf"(?:[壹貳參肆伍陸柒捌玖拾]+、|[{_CN}]+、|\(\s*[{_CN}]+\s*\)|(?<!\d)\d{{1,2}}\s*[.、](?!\d))\s*"
)
_RANGE = re.compile(rf"\(\s*([{_CN}]+)\s*\)\s*[–—~\-－至]\s*\(\s*([{_CN}]+)\s*\)")
_TOP = re.compile(rf"^\s*[{_CN}]+、")
_SUB = re.compile(rf"^\s*\(\s*([{_CN}]+)\s*\)\s*(.+?)\s*(?:[.…]{{2,}}.*|\t.*)?$")
_ABBREVIATION = re.compile(r"\([A-Za-z][A-Za-z0-9 &-]{1,15}\)")


def _cn_number(text: str) -> int:
    """一 … 十九, as section numbers go."""
    digits = {ch: i for i, ch in enumerate(_CN, start=1)}
    if text.startswith("十"):
        return 10 + (digits[text[1]] if len(text) > 1 else 0)
    if len(text) >= 2 and text[1] == "十":
        return digits[text[0]] * 10 + (digits[text[2]] if len(text) > 2 else 0)
    return digits.get(text, 0)


def _nfkc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _sub_headings(text: str, parent: str, low: int, high: int) -> list[str]:
    """Titles of headings (low)…(high) under the top-level heading whose title is `parent`."""
    titles: list[str] = []
    inside = False
    for raw in text.splitlines():
        line = _nfkc(raw.split("\t")[0])
        if _TOP.match(line):
            inside = _MARKER.sub("", line, count=1).strip() == parent
            continue
        match = _SUB.match(line) if inside else None
        if match and low <= _cn_number(match.group(1)) <= high:
            title = match.group(2).strip()
            if title and title not in titles:
                titles.append(title)
    return titles


def session_keywords(report_section: str, text: str = "") -> tuple[str, ...]:
    """Words of the report headings that cover a session, from its `report_section`.

    "六、(一) 資通訊科技發展與政策指導分組 (DPSG)" gives the heading's title, the title without
    its parenthesis and "(DPSG)"; "四、大會 (六)–(十二)" gives the titles of sub-headings
    (六) to (十二) of "四、大會" as the report itself writes them.
    """
    section = _nfkc(report_section)
    if not section:
        return ()
    span = _RANGE.search(section)
    if span is not None:
        parent = _MARKER.sub("", section[: span.start()], count=1).strip()
        low, high = _cn_number(span.group(1)), _cn_number(span.group(2))
        return tuple(_sub_headings(text, parent, low, high)) if text and parent else ()
    title = _MARKER.split(section)[-1].strip()
    if not title:
        return ()
    words = [title]
    bare = _ABBREVIATION.sub("", title).strip()
    if bare and bare != title:
        words.append(bare)
    words.extend(m.group() for m in _ABBREVIATION.finditer(title))
    return tuple(dict.fromkeys(words))


def meeting_calendar(meeting: Meeting) -> str:
    if meeting.holiday_calendar:
        return meeting.holiday_calendar
    if meeting.host_id and meeting.host.holiday_calendar:
        return meeting.host.holiday_calendar
    return _DEFAULT_CALENDAR


def meeting_context(meeting: Meeting, text: str = "") -> MeetingContext:
    """The meeting's dates, calendar and sessions (with their local days and headings)."""
    sessions = tuple(
        SessionContext(session.name, session.local_date, session_keywords(session.report_section, text))
        for session in meeting.sessions.select_related("meeting").order_by("starts_at", "code")
    )
    return MeetingContext(
        start_on=meeting.start_on, end_on=meeting.end_on, calendar=meeting_calendar(meeting),
        our_names=OUR_NAMES, sessions=sessions,
    )


def extract_for_meeting(meeting: Meeting, text: str, *,
                        progress: Callable[[int, int], None] | None = None) -> list[Candidate]:
    return extract_candidates(text, meeting_context(meeting, text), progress=progress)


# --- Who is responsible ---------------------------------------------------------------------


@dataclass
class _Lookup:
    """What one import needs from the database, read once."""

    meeting: Meeting
    organizations: list[Organization]
    our_agency: Organization | None
    sessions: dict[str, Session]

    @classmethod
    def load(cls, meeting: Meeting) -> _Lookup:
        head = (Participant.objects.filter(meeting=meeting, role=ParticipantRole.HEAD)
                .select_related("organization").order_by("id").first())
        sessions: dict[str, Session] = {}
        for session in meeting.sessions.select_related("meeting").order_by("starts_at", "code"):
            sessions.setdefault(session.name, session)
        return cls(meeting=meeting, organizations=list(Organization.objects.all()),
                   our_agency=head.organization if head else None, sessions=sessions)

    def by_code(self, code: str) -> Organization | None:
        return next((org for org in self.organizations if org.code == code), None)

    def responsible(self, written: str) -> Organization | None:
        """"我國" -> our agency, "秘書處" -> the secretariat, "各經濟體" -> the economies, names."""
        key = normalise(written)
        if not key:
            return None
        if key in {normalise(n) for n in OUR_NAMES}:
            return self.our_agency
        if key in {normalise(n) for n in _SECRETARIAT_NAMES}:
            return self.by_code(SECRETARIAT_CODE)
        if key in {normalise(n) for n in _ECONOMIES_NAMES}:
            return self.by_code(ECONOMIES_CODE)
        exact = [org for org in self.organizations
                 if key in {normalise(org.name), normalise(org.name_en), normalise(org.abbreviation)}]
        if len(exact) == 1:
            return exact[0]
        # "中國" is written for 中國大陸: an economy whose name starts with what was written.
        prefixed = [org for org in self.organizations
                    if org.kind == OrganizationKind.ECONOMY and len(key) >= 2
                    and normalise(org.name).startswith(key)]
        return prefixed[0] if len(prefixed) == 1 else None

    def setter(self, data: dict, responsible: Organization | None) -> Organization | None:
        """Whose clock the due day ends on: the secretariat when it set the deadline, else who acts."""
        excerpt = normalise(data.get("excerpt", ""))
        if data.get("due_date") and any(normalise(n) in excerpt for n in ("秘書處", "secretariat")):
            return self.by_code(SECRETARIAT_CODE) or responsible
        return responsible

    def session(self, data: dict) -> Session | None:
        rule = data.get("rule") or {}
        name = rule.get("session") or data.get("session")
        return self.sessions.get(name) if name else None


# --- Duplicates -----------------------------------------------------------------------------


def _item_due_on(item: ActionItem) -> date | None:
    return item.deadline.due_on if item.deadline_id else None


def find_existing_item(items: Sequence[ActionItem], data: dict, key: str) -> ActionItem | None:
    """The item this candidate already is: same import key, or same sentence and due day."""
    for item in items:
        if item.import_key and item.import_key == key:
            return item
    excerpt = normalise(data.get("excerpt", ""))
    due_on = date.fromisoformat(data["due_date"]) if data.get("due_date") else None
    if len(excerpt) < 8:
        return None
    for item in items:
        source = normalise(item.source_excerpt)
        if len(source) >= 8 and (excerpt in source or source in excerpt) and _item_due_on(item) == due_on:
            return item
    return None


def _meeting_items(meeting: Meeting) -> list[ActionItem]:
    return list(ActionItem.objects.filter(meeting=meeting).select_related("deadline"))


# --- Writes ---------------------------------------------------------------------------------


@transaction.atomic
def minutes_import_create(*, meeting: Meeting, file_name: str, sha256: str,
                          candidates: Iterable[Candidate | dict], by: User | None,
                          now: datetime) -> MinutesImport:
    """Record an upload and its candidates; those that already are items are marked duplicate."""
    minutes_import = MinutesImport.objects.create(
        meeting=meeting, file_name=file_name[:255], sha256=sha256, uploaded_by=by, created_at=now,
    )
    items = _meeting_items(meeting)
    seen: set[str] = set()
    rows = []
    for position, candidate in enumerate(candidates, start=1):
        data = candidate.as_json() if isinstance(candidate, Candidate) else dict(candidate)
        key = import_key_for(meeting, data)
        existing = find_existing_item(items, data, key)
        state = CandidateState.DUPLICATE if existing or key in seen else CandidateState.PENDING
        seen.add(key)
        rows.append(ImportCandidate(minutes_import=minutes_import, position=position, data=data,
                                    import_key=key, state=state, item=existing))
    ImportCandidate.objects.bulk_create(rows)
    minutes_import.candidate_count = len(rows)
    minutes_import.save(update_fields=["candidate_count"])
    return minutes_import


@transaction.atomic
def deadline_create_from_candidate(*, meeting: Meeting, data: dict, key: str,
                                   set_by: Organization | None, anchor_session: Session | None,
                                   label: str) -> Deadline | None:
    """An absolute deadline (due_date + precision) or a relative one (the candidate's rule)."""
    if not data.get("due_date"):
        return None
    deadline_key = f"import-{key[:20]}"
    existing = Deadline.objects.filter(meeting=meeting, key=deadline_key).first()
    if existing is not None:
        return existing
    zone = (set_by.time_zone if set_by and set_by.time_zone else "") or meeting.venue_zone
    deadline = Deadline(
        meeting=meeting, key=deadline_key, label=label[:300], set_by=set_by, zone=zone,
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
        due = dates.DueDate(on=date.fromisoformat(data["due_date"]),
                            precision=dates.Precision(data.get("due_precision") or "day"))
    deadline.due_on, deadline.precision = due.on, due.precision.value
    deadline.due_at = dates.due_at(due, zone)
    deadline.full_clean()
    deadline.save()
    return deadline


def _description(data: dict, responsible: Organization | None) -> str:
    lines = []
    written = (data.get("responsible") or "").strip()
    if written and responsible is None:
        lines.append(_("Responsible as written in the report: {written}").format(written=written))
    if data.get("note"):
        lines.append(_("Import note: {note}").format(note=data["note"]))
    return "\n".join(lines)


def _create_item(*, candidate: ImportCandidate, lookup: _Lookup, status: str, by: User | None,
                 now: datetime) -> ActionItem:
    data, meeting = candidate.data, lookup.meeting
    responsible = lookup.responsible(data.get("responsible", ""))
    session = lookup.session(data)
    title = (data.get("title") or data.get("excerpt") or "")[:300]
    deadline = deadline_create_from_candidate(
        meeting=meeting, data=data, key=candidate.import_key, set_by=lookup.setter(data, responsible),
        anchor_session=session, label=title,
    )
    item = services.action_item_create(
        meeting=meeting, title=title, kind=data["kind"], by=by, now=now, status=status,
        session=session, source_excerpt=data.get("excerpt", ""),
        source_section=(data.get("section") or "")[:200], responsible=responsible,
        deadline=deadline, description=_description(data, responsible),
        ends_on=date.fromisoformat(data["ends_on"]) if data.get("ends_on") else None,
        import_key=candidate.import_key,
    )
    Activity.objects.create(
        item=item, actor=by, verb=ActivityVerb.IMPORTED, created_at=now,
        data={"file": candidate.minutes_import.file_name, "import": candidate.minutes_import_id,
              "confidence": data.get("confidence")},
    )
    return item


@dataclass
class AcceptResult:
    accepted: int = 0
    created: int = 0
    duplicates: int = 0


@transaction.atomic
def import_candidates_accept(*, candidates: Iterable[ImportCandidate], by: User | None, now: datetime,
                             status: str = Status.OPEN) -> AcceptResult:
    """Pending candidates become items with `status` (a proposed item of theirs is opened).

    With status=proposed (the command) the candidates stay pending, waiting for review.
    """
    result = AcceptResult()
    lookups: dict[int, _Lookup] = {}
    items_by_meeting: dict[int, list[ActionItem]] = {}
    for candidate in candidates:
        candidate = ImportCandidate.objects.select_for_update(of=("self",)).select_related(
            "minutes_import__meeting", "item").get(pk=candidate.pk)
        if candidate.state != CandidateState.PENDING:
            continue
        meeting = candidate.minutes_import.meeting
        if meeting.pk not in lookups:
            # One review at a time per meeting: a concurrent accept of the same follow-up waits
            # here, then finds the item the other one created instead of adding a second.
            Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
            lookups[meeting.pk] = _Lookup.load(meeting)
            items_by_meeting[meeting.pk] = _meeting_items(meeting)
        item = candidate.item
        if item is None:
            existing = find_existing_item(items_by_meeting[meeting.pk], candidate.data, candidate.import_key)
            if existing is not None:
                candidate.state, candidate.item = CandidateState.DUPLICATE, existing
                candidate.save(update_fields=["state", "item"])
                result.duplicates += 1
                continue
            item = _create_item(candidate=candidate, lookup=lookups[meeting.pk], status=status, by=by,
                                now=now)
            items_by_meeting[meeting.pk].append(item)
            candidate.item = item
            result.created += 1
        elif item.status == Status.PROPOSED and status != Status.PROPOSED:
            services.action_item_set_status(item=item, status=status, by=by, now=now,
                                            note=_("Accepted in the report import review."))
        if status != Status.PROPOSED:
            candidate.state = CandidateState.ACCEPTED
            candidate.decided_by, candidate.decided_at = by, now
            result.accepted += 1
        candidate.save(update_fields=["state", "item", "decided_by", "decided_at"])
    return result


@transaction.atomic
def import_candidates_reject(*, candidates: Iterable[ImportCandidate], by: User | None,
                             now: datetime) -> int:
    """Pending candidates are rejected; a proposed item made for one is dropped, nothing is created."""
    count = 0
    for candidate in candidates:
        candidate = (ImportCandidate.objects.select_for_update(of=("self",)).select_related("item")
                     .get(pk=candidate.pk))
        if candidate.state != CandidateState.PENDING:
            continue
        if candidate.item is not None and candidate.item.status == Status.PROPOSED:
            services.action_item_set_status(item=candidate.item, status=Status.DROPPED, by=by, now=now,
                                            note=_("Rejected in the report import review."))
        candidate.state = CandidateState.REJECTED
        candidate.decided_by, candidate.decided_at = by, now
        candidate.save(update_fields=["state", "decided_by", "decided_at"])
        count += 1
    return count


def pending_for(minutes_import: MinutesImport):
    return minutes_import.candidates.filter(Q(state=CandidateState.PENDING))
