"""From a report's blocks to follow-up candidates, and the date-bearing lines not proposed.

Pure. The layers, each in its own module and tested on its own:

    layout     the file's pieces → blocks with their heading path (`reports.layout`)
    sentences  a block → sentences → clauses (`reports.sentences`)
    temporal   a clause → every date, period, relative deadline and meeting anchor
    parties    who acts, and who a request is addressed to
    decision   follow-up or background; kind; who is responsible
    model      a second opinion on each verdict, trained on the labelled corpus

`reports.report_frame` reads what frames the dates, `reports.primary_dates` chooses the date a
clause is about, `reports.candidates` holds what goes in and out.

`extract()` runs them over a whole report. Before reading a single follow-up it reads the
report for what frames its dates: the meeting's own dates as the report states them (a
report imported into a meeting whose dates were moved, as in the demo, still reads "3 月 13
日" as the report meant it), the delegation's return, and every later meeting whose dates
the report gives anywhere ("TEL 71 … 7 月 29 日至 8 月 4 日", "the next session will be held
from 9 to 13 May 2026"), so that "before the next meeting" has a date.

Nothing is dropped silently: every clause or table row that holds a date after the meeting
(or a request) and is not proposed becomes a `Mention` with the reason, for the review.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from django.utils.translation import gettext_noop

from followup_dates.dates import DueDate, Precision
from followup_dates.text import number
from reports import decision as rules
from reports import model as reader_model
from reports.addressees import everyone_addressed
from reports.candidates import Candidate, Extraction, MeetingContext, Mention
from reports.characters import width
from reports.clause_dates import dates_of_its_own, group_clauses, states_a_purpose
from reports.due_cells import meeting_days_cell, row_dates
from reports.layout import HEADING, ITEM, ROW, Block, nfkc, strip_marker, todo_title
from reports.notes import note
from reports.parties import actors
from reports.primary_dates import choose_primaries, meeting_month, without_the_meeting_counted_from
from reports.report_frame import (
    Sentence,
    day_lines,
    later_meetings,
    message_days,
    next_meeting_section,
    own_frame,
    report_returned_on,
    report_written_on,
    series_next_key,
    session_for,
)
from reports.second_opinion import apply_second_opinion
from reports.sentences import Span, clauses, sentences
from reports.temporal import (
    COUNT_BEFORE,
    NEXT_MEETING,
    Expression,
    Frame,
    count_back,
    current_meeting,
    expressions,
    meeting_refs,
    numeric_order,
)
from reports.text import Normalised
from reports.titles import title_for

OUR_TASK, EXTERNAL, EVENT = rules.OUR_TASK, rules.EXTERNAL, rules.EVENT
ANCHOR_SESSION = "session"
_PRECISION_NOTES = {
    "month": note(gettext_noop("a month: the due date is its last day")),
    "quarter": note(gettext_noop("a quarter: the due date is its last day")),
    "half": note(gettext_noop("a half-year: the due date is its last day")),
    "year": note(gettext_noop("a year: the due date is its last day")),
}


# --- Reading ----------------------------------------------------------------------------------------

_LEAD_IN = re.compile(r"[:：]\s*$")
_DEADLINE_WORD = re.compile(r"期限|截止|deadline|due", re.IGNORECASE)
# A clause pointing back at a deadline stated before it.
_THE_DEADLINE = re.compile(
    r"(?:依|於|在|按)\s*(?:秘書處|主席|大會|該)?\s*(?:所訂)?\s*(?:之)?\s*(?:期限|截止日|截止期限|時限)\s*(?:前|內)?"
    r"|\b(?:by|before)\s+(?:that|the\s+same)\s+(?:deadline|date|cut-?off)\b",
    re.IGNORECASE,
)
# "The webinar held in January drew 300 participants": an event told as past in words the PAST cue
# leaves alone ("held" may be "to be held"; a sentence with PAST itself never prefers the future).
_HELD_BEFORE = re.compile(
    r"\b(?:held|drew|attracted|hosted|organi[sz]ed|convened|attended)\b|已|舉行了|舉辦了", re.IGNORECASE
)
_EXCERPT_MAX = 1200


def _units(text: str, span: Span) -> list[Span]:
    """A sentence cut at ；/; — the excerpt a candidate shows (as the review and --json print it)."""
    return clauses(text, span, split_commas=False)


def extract(
    blocks: Sequence[Block],
    context: MeetingContext,
    *,
    progress: Callable[[int, int], None] | None = None,
    second_opinion: bool = True,
) -> Extraction:
    """The follow-ups a report proposes, and every other clause worth a look.

    `second_opinion`: let the trained model (`reports.model`) move clauses between the two
    lists; False gives the cue rules' verdicts alone."""
    start_on, end_on, returned_on, notes = own_frame(blocks, context)
    frame = Frame(
        start_on,
        end_on,
        calendar=context.calendar,
        returned_on=returned_on,
        numeric_order=numeric_order(block.text for block in blocks),
    )
    frame = replace(frame, written_on=report_written_on(blocks, frame))
    frame = replace(frame, returned_on=returned_on or report_returned_on(blocks, frame))
    items: list[Sentence] = []
    days, messages = day_lines(blocks, frame), message_days(blocks, frame)
    day: date | None = None
    written: date | None = None
    for index, block in enumerate(blocks):
        day, written = days.get(index, day), messages.get(index, written)
        # Headings are read too: "Next meeting: 14–16 October 2025" may be one.
        session = session_for((*block.path, block.text) if block.kind == HEADING else block.path, context)
        # an action line with its owner is one sentence, however it is written
        for span in [Span(0, len(block.text))] if _one_action(block) else sentences(block.text):
            items.append(
                Sentence(index, block, Normalised.of(span.of(block.text)), span, session, day, written)
            )
    next_key = series_next_key(context.title)
    later = later_meetings(items, frame, next_key, context.title)
    current = current_meeting(context.title)
    later.pop(current or "", None)
    frame = replace(frame, later=later, current=current)
    if context.calendar_note:
        notes.append(context.calendar_note)
    reader = _Reader(blocks=list(blocks), context=context, frame=frame)
    total = len(items)
    for done, item in enumerate(items, start=1):
        reader.sentence(item)
        if progress is not None:
            progress(done, total)
    candidates, mentions = _once(reader.candidates), _once(reader.mentions)
    model = reader_model.load() if second_opinion else None
    if model is not None:
        candidates, mentions = apply_second_opinion(model, candidates, mentions)
    return Extraction(candidates, mentions, list(blocks), frame, notes)


def _ahead(expression: Expression, frame: Frame, clause_text: str) -> bool:
    """Does the date lie after the meeting? A quarter or a half-year under way counts when the
    clause looks ahead and months of it remain ("confirmed her intention to visit Ottawa in the
    first half of 2026", said in February 2026); "2026 年" said in 2026 is only the present."""
    if expression.after(frame.end_on):
        return True
    last = expression.last_day
    return (
        expression.due is not None
        and expression.due.precision in {Precision.QUARTER, Precision.HALF}
        and last is not None
        and (last - frame.end_on).days >= 60
        and rules.cue(rules.FUTURE, clause_text)
        and not rules.cue(rules.PAST, clause_text)
    )


def _numbered_note(block: Block) -> bool:
    """ "4. PH critical minerals memo — 3/10" under "待辦 / follow-up": a short numbered line of a
    to-do list is a note, like a bullet (a numbered paragraph of a record is not)."""
    return (
        block.kind == ITEM
        and width(block.text) <= 100
        and bool(block.path)
        and width(block.path[-1]) <= 40
        and todo_title(strip_marker(block.path[-1]))
    )


def _one_action(block: Block) -> bool:
    """ "AI: [Embassy] deliver the dipnote to MRE. Text is cleared; pls deliver by Tue 4/28.": an
    action line with its owner is one action, however many sentences and clauses it is written in."""
    return bool(block.owner) and block.kind != ROW and len(block.text) <= 320


def _once(found: list) -> list:
    """One proposal (or mention) per table row and date: a row whose action reads as two
    sentences ("A2. Send comments …") gives its row and due date once. Two clauses of one
    sentence stay two (their spans differ)."""
    seen: set[tuple] = set()
    kept = []
    for entry in found:
        row = (entry.candidate if isinstance(entry, Mention) else entry).source == "row"
        key = (entry.block, None if row else entry.span, entry.excerpt, entry.due_date, entry.due_precision)
        if key not in seen:
            seen.add(key)
            kept.append(entry)
    return kept


@dataclass
class _Reader:
    blocks: list[Block]
    context: MeetingContext
    frame: Frame
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    lead_in: tuple[int, str | None] | None = None  # (block index, addressee) of a "…invited Members to:"
    recent: str | None = None  # the later meeting named last: "the session" refers to it
    deadlines: dict[tuple[str, ...], Expression] = field(default_factory=dict)  # by section; () the last
    last_dates: dict[tuple[str, ...], Expression] = field(default_factory=dict)  # any date ahead, by section

    def sentence(self, item: Sentence) -> None:
        block = item.block
        text = item.norm.text
        named = [r.key for r in meeting_refs(text) if r.key in self.frame.later]
        # "NEXT WP2: 8–9 Jun 2026": the sentence that dates a later meeting names it too.
        dated_here = [key for key, later in self.frame.later.items() if later.where == item.norm.original]
        if named or dated_here:
            self.recent = (named or dated_here)[-1]
        # A month without a year falls after the meeting only in a sentence that looks ahead (or names an
        # event not said to be past: "an intersessional webinar … sometime in January").
        looks_ahead = any(
            rules.cue(p, text) for p in (rules.FUTURE, rules.DEADLINE, rules.REQUEST, rules.OBLIGATION)
        ) or (rules.cue(rules.EVENT_WORDS, text) and not _HELD_BEFORE.search(text))
        frame = replace(
            self.frame,
            said_on=item.session.on if item.session else item.day,
            written_on=item.written or self.frame.written_on,
            recent=self.recent,
            prefer_future=(
                (looks_ahead or block.bullet or bool(block.owner))
                and not (rules.cue(rules.PAST, text) and not rules.cue(rules.FUTURE, text))
            )
            or block.kind == ROW,
            told_as_future=(
                rules.cue(rules.FUTURE, text)
                and rules.cue(rules.HELD, text)
                and not rules.cue(rules.PAST, text)
            ),
        )
        found = self._the_deadline(expressions(text, frame), text, block)
        addressee_before: str | None = self._inherited(item)
        sentence_actors = actors(text, self.context.our_names)
        # The sentence's own addressee ("Members were invited to …"), carried to its clauses.
        one_action = _one_action(block)
        whole = Span(0, len(item.norm.original))
        for unit in [whole] if one_action else _units(item.norm.original, whole):
            unit_norm = Normalised.of(unit.of(item.norm.original))
            n_start = item.norm.from_original(unit.start)
            n_end = item.norm.from_original(unit.end)
            unit_exprs = [e for e in found if n_start <= e.start < n_end]
            pieces = (
                [Span(n_start, n_end)]
                if one_action
                else group_clauses(
                    clauses(text, Span(n_start, n_end), split_commas=True),
                    # Its own deadline, even one counted from an undated event ("…分送各代表團，各代表團
                    # 於收到後兩週內提出修正意見"), makes a clause a follow-up of its own.
                    [
                        e
                        for e in unit_exprs
                        if (e.due is not None and e.after(frame.end_on))
                        or e.meeting
                        or (e.due is None and e.role == "by")
                    ],
                    text,
                )
            )
            unit_addressee = (
                everyone_addressed(text[n_start:n_end], self.context.our_names) or addressee_before
            )
            for piece in pieces:
                self._clause(item, frame, piece, unit, unit_norm, found, sentence_actors, unit_addressee)
                addressee_here = everyone_addressed(text[piece.start : piece.end], self.context.our_names)
                if addressee_here:
                    unit_addressee = addressee_here
            addressee_before = (
                unit_addressee
                if unit.of(item.norm.original).rstrip().endswith(("；", ";"))
                else addressee_before
            )
        if _LEAD_IN.search(item.norm.original):
            self.lead_in = (
                item.block_index,
                everyone_addressed(text, self.context.our_names) or addressee_before,
            )
        elif block.kind != ITEM and item.span.end >= len(block.text.rstrip()) - 1:
            self.lead_in = None if self.lead_in and self.lead_in[0] != item.block_index else self.lead_in

    def _the_deadline(self, found: list[Expression], text: str, block: Block) -> list[Expression]:
        """ "…依秘書處期限提交", "in time for the deadline": the deadline stated before it.

        That is a date the sentence calls a deadline ("期限為 11 月 21 日") before the pointer, or
        else the last deadline of the section (of the report, when the section has none)."""
        section = block.path[:2]
        ahead = [
            e
            for e in found
            if e.due is not None
            and e.after(self.frame.end_on)
            # "before EU deadline of 15 May 2026": called a deadline, whatever its preposition
            and (e.role == "by" or _DEADLINE_WORD.search(text[max(0, e.start - 14) : e.start]))
        ]
        pointer = _THE_DEADLINE.search(text)
        source = None
        later_date = any(
            e.start <= (pointer.start() if pointer else 0) < e.end
            or (e.due is not None and e.start > (pointer.start() if pointer else 0))
            for e in found
        )
        dated_before = [
            e for e in found if e.due is not None and pointer is not None and e.end <= pointer.start()
        ]
        # "請…於 6 月 19 日前核可，俾於期限前提交": the purpose of a dated request, no deadline of its own
        purpose = bool(dated_before) and states_a_purpose(text[dated_before[-1].end : pointer.start()])
        if pointer is not None and not later_date and not purpose:
            named = [
                e
                for e in found
                if e.due is not None
                and e.end <= pointer.start()
                and e.after(self.frame.end_on)
                and _DEADLINE_WORD.search(text[max(0, e.start - 12) : e.end + 6])
            ]
            source = named[-1] if named else self.deadlines.get(section) or self.deadlines.get(())
            if not named and re.search(r"\bdate\b", pointer.group(), re.IGNORECASE):
                # "Before that date, …": the date the text has just given, deadline or not
                source = self.last_dates.get(section) or source
        if ahead:
            self.deadlines[section] = ahead[-1]
            self.deadlines[()] = ahead[-1]
        dated = [e for e in found if e.due is not None and e.after(self.frame.end_on)]
        if dated:
            self.last_dates[section] = dated[-1]
        if pointer is None or source is None:
            return found
        pointed = replace(
            source,
            start=pointer.start(),
            end=pointer.end(),
            text=pointer.group(),
            role="by",
            note=note(gettext_noop("the deadline given before: {date}"), date=source.text),
        )
        count = COUNT_BEFORE.search(text[: pointer.start()]) if source.due is not None else None
        if count and pointer.group().casefold().startswith("before"):
            # "at least 5 working days before that deadline": counted back from it.
            on = count_back(source.due.on, number(count["n"]) or 0, count["unit"], self.frame.calendar)
            if on is None:
                return found
            pointed = replace(
                pointed,
                start=count.start(),
                due=DueDate.day(on),
                rule=None,
                note=note(
                    gettext_noop("{count} before the deadline given before: {date}"),
                    count=count.group().strip(),
                    date=source.text,
                ),
            )
        return sorted([*found, pointed], key=lambda e: e.start)

    def _inherited(self, item: Sentence) -> str | None:
        if self.lead_in is None:
            return None
        index, addressee = self.lead_in
        if item.block.kind == ITEM and item.block_index > index:
            return addressee
        return None

    def _clause(
        self,
        item: Sentence,
        frame: Frame,
        piece: Span,
        unit: Span,
        unit_norm: Normalised,
        found: Sequence[Expression],
        sentence_actors,
        addressee: str | None,
    ) -> None:
        block = item.block
        text = item.norm.text
        clause_text = text[piece.start : piece.end]
        exprs = [e for e in found if piece.start <= e.start < piece.end]
        dated = [e for e in exprs if e.due is not None]
        ahead = [e for e in dated if _ahead(e, frame, clause_text)]
        past = [e for e in dated if e not in ahead]
        future = dates_of_its_own(ahead, text, piece)
        undated = [
            e for e in exprs if e.due is None and (e.vague or e.meeting or (e.rule is None and e.note))
        ]
        clause_actors = [a for a in sentence_actors if piece.start <= a.start < piece.end]
        own_addressee = everyone_addressed(clause_text, self.context.our_names)
        addressee = own_addressee or addressee
        ours_named = any(a.ours for a in clause_actors) or bool(
            re.search(r"\b(?:we|our)\b", clause_text, re.I)
        )
        later_refs = [r for r in meeting_refs(clause_text) if r.key in frame.later]
        later_ref = later_refs[0].key if later_refs else None
        held_at = bool(later_refs) and bool(_AT_THE_MEETING.search(clause_text[: later_refs[0].start]))
        if (
            later_ref is None
            and block.kind != ROW
            and next_meeting_section(block)
            and NEXT_MEETING in frame.later
        ):
            meeting = frame.later[NEXT_MEETING]
            if any(e.due is not None and e.due.on == meeting.first_on for e in future):
                later_ref = NEXT_MEETING  # "11. Date of next meeting" / "Tuesday 10 March 2026, 6.00pm"
        row = None
        if block.owner and block.kind != ROW:
            # "- [MK] survey to go live (Q1)": an action with its owner, read like a table row.
            row = {"action": nfkc(clause_text), "owner": "" if block.owner == "—" else block.owner}
            if block.done:
                row["status"] = "done"
        if block.kind == ROW:
            row = {name: nfkc(value) for name, value in block.cells}
            future, past, undated, exprs = row_dates(block, frame, future, past, undated, exprs)
            ours_named = ours_named or any(
                a.ours for a in actors(row.get("owner", ""), self.context.our_names)
            )
        primaries = without_the_meeting_counted_from(
            [meeting_month(e, clause_text, later_ref, frame) for e in choose_primaries(future, undated)]
        )
        if not primaries:
            primaries = [None]
        for primary in primaries:
            if block.done and row is None:
                row = {"action": nfkc(clause_text), "status": "done"}
            clause = rules.Clause(
                text=clause_text,
                sentence=text,
                primary=primary,
                future=future,
                past=past,
                actors=clause_actors,
                headings=block.path,
                addressee=addressee,
                ours_named=ours_named,
                in_list=block.bullet or bool(block.owner) or _numbered_note(block),
                row=row,
                our_default=self.context.our_names[0],
                quoted=block.quoted,
                form_field=block.form_field,
                later_meeting=later_ref,
                heading=block.kind == HEADING,
                next_meeting_section=block.kind != HEADING and next_meeting_section(block),
                meeting_year=frame.end_on.year,
                action_line=bool(block.owner) and block.kind != ROW,
            )
            verdict = rules.decide(clause)
            if verdict.proposed and primary is None and later_ref and (verdict.kind == EVENT or held_at):
                meeting = frame.later[later_ref]
                primary = Expression(
                    0,
                    0,
                    later_ref,
                    meeting.due,
                    ends_on=meeting.ends_on,
                    meeting=later_ref,
                    note=note(
                        gettext_noop("at {meeting}, which the report dates {start} to {end} (in: {where}…)"),
                        meeting=later_ref,
                        start=meeting.first_on.isoformat(),
                        end=meeting.last_on.isoformat(),
                        where=meeting.where[:40],
                    ),
                )
            if verdict.proposed and primary is None and _TAKES_PART.search(clause_text):
                primary = _the_event_it_is_about(found, piece, frame)
            candidate = self._candidate(
                item, piece, unit, clause_text, primary, exprs, future, verdict, addressee, later_ref
            )
            if verdict.proposed:
                self.candidates.append(candidate)
                held = meeting_days_cell(block, frame, primary) if block.kind == ROW else None
                if held is not None:  # the row's meeting too, on its own dates
                    event = rules.Decision(True, EVENT, verdict.responsible, confidence=verdict.confidence)
                    self.candidates.append(
                        self._candidate(
                            item, piece, unit, clause_text, held, exprs, future, event, addressee, later_ref
                        )
                    )
            elif (
                future
                or primary is not None
                or block.kind == ROW
                or _worth_listing(
                    clause_text,
                    exprs,
                    frame,
                    follow_up_place=block.kind == ITEM
                    or bool(rules.FOLLOW_UP_SECTION.search(" ".join(block.path[-1:]))),
                )
            ):
                start, end = item.norm.to_original(piece.start, piece.end)
                self.mentions.append(
                    Mention(
                        excerpt=candidate.excerpt,
                        reason=verdict.reason,
                        due_date=candidate.due_date,
                        due_precision=candidate.due_precision,
                        section=candidate.section,
                        block=item.block_index,
                        span=(item.span.start + start, item.span.start + end),
                        candidate=replace(
                            candidate,
                            note="; ".join(filter(None, [candidate.note, f"not proposed: {verdict.reason}"])),
                            notes=(
                                *candidate.notes,
                                note(gettext_noop("not proposed: {reason}"), reason=verdict.reason),
                            ),
                        ),
                    )
                )

    def _candidate(
        self,
        item: Sentence,
        piece: Span,
        unit: Span,
        clause_text: str,
        primary: Expression | None,
        exprs: Sequence[Expression],
        future: Sequence[Expression],
        verdict: rules.Decision,
        addressee: str | None,
        later_ref: str | None,
    ) -> Candidate:
        block = item.block
        frame = self.frame
        notes = list(verdict.notes)
        due_date = precision = ends_on = rule = None
        confidence = verdict.confidence
        if primary is not None and primary.due is not None:
            due_date, precision, ends_on = primary.due.on, str(primary.due.precision), primary.ends_on
            if primary.rule is not None:
                rule = dict(primary.rule)
                if rule["anchor"] == ANCHOR_SESSION and item.session is not None:
                    rule["session"] = item.session.name
                    notes.append(
                        note(
                            gettext_noop("counted from the session on {on} ({session})"),
                            on=item.session.on.isoformat(),
                            session=item.session.name,
                        )
                    )
                elif rule["anchor"] == "meeting_end" and not primary.note:
                    notes.append(
                        note(
                            gettext_noop("counted from the meeting's last day, {on}"),
                            on=frame.end_on.isoformat(),
                        )
                    )
                if rule.get("calendar"):
                    notes.append(
                        note(
                            gettext_noop("working days on the {code} holiday calendar"), code=rule["calendar"]
                        )
                    )
            if ends_on is not None:
                notes.append(
                    note(
                        gettext_noop("runs {start} to {end}, the due date is its first day"),
                        start=due_date.isoformat(),
                        end=ends_on.isoformat(),
                    )
                )
            if primary.year_assumed:
                notes.append(
                    note(gettext_noop("no year written, taken from the meeting ({year})"), year=due_date.year)
                )
            if precision != str(Precision.DAY):
                notes.append(_PRECISION_NOTES[precision])
            if re.search(r"(?<!\d)1\d\d\s*年|民國", primary.text):
                notes.append(note(gettext_noop("ROC year converted (民國 + 1911)")))
            if primary.note:
                notes.append(primary.note)
            others = [e for e in future if e is not primary and e.due is not None and e.due != primary.due]
            if others:
                notes.append(
                    note(
                        gettext_noop("also mentions {dates}"),
                        dates=", ".join(
                            f"{e.text.strip()} ({e.due.on.isoformat()})" for e in others if e.due
                        ),
                    )
                )
        elif primary is not None:
            notes.append(
                primary.note
                or note(gettext_noop("「{text}」 could not be read as a date"), text=primary.text)
            )
        else:
            notes.append(note(gettext_noop("no date is written for this")))
            if later_ref and later_ref in frame.later:
                meeting = frame.later[later_ref]
                notes.append(
                    note(
                        gettext_noop("{meeting} is {start} to {end}, so it is needed before then"),
                        meeting=later_ref,
                        start=meeting.first_on.isoformat(),
                        end=meeting.last_on.isoformat(),
                    )
                )
        if re.search(r"暫定|tentative|provisional", clause_text, re.I):
            notes.append(note(gettext_noop("tentative in the report")))
            confidence -= 0.1
        section = _section_name(block.path)
        start, end = item.norm.to_original(piece.start, piece.end)
        if block.kind == ROW:
            excerpt = " | ".join(value for _name, value in block.cells)
        else:
            excerpt = unit.of(item.norm.original).strip()
        responsible = verdict.responsible or ""
        return Candidate(
            excerpt=excerpt[:_EXCERPT_MAX],
            title=title_for(
                item.norm.text[piece.start : piece.end],
                primary,
                block,
                verdict.kind,
                responsible if verdict.kind != OUR_TASK else "",
            ),
            due_date=due_date,
            due_precision=precision,
            rule=rule,
            responsible=responsible,
            kind=verdict.kind,
            section=section,
            confidence=round(max(0.1, min(confidence, 0.95)), 2),
            note="; ".join(dict.fromkeys(n for n in notes if n)),
            notes=tuple(dict.fromkeys(n for n in notes if n)),
            ends_on=ends_on,
            session=item.session.name if item.session else None,
            source={ROW: "row", ITEM: "item"}.get(block.kind, "paragraph"),
            block=item.block_index,
            span=(item.span.start + start, item.span.start + end),
        )


# "…host the Forum in Cairo from 18 to 20 November 2025, and invited member States to participate at a
# senior level": taking part in an event the sentence has just dated is due on its first day.
# "to organize, during SCP/38, a session", "OECD to present its stocktake at DEWG #2": done at that
# meeting, so due on its first day (a Chinese "於 TEL72" is read by `reports.temporal.anchored`).
_AT_THE_MEETING = re.compile(
    r"\b(?:at|during|on\s+the\s+margins?\s+of|in\s+the\s+margins?\s+of)\s+(?:the\s+|its\s+)?$",
    re.IGNORECASE,
)
_TAKES_PART = re.compile(r"\b(?:participate|attend|take\s+part|join)\b|出席|參加|參與|與會", re.IGNORECASE)


def _the_event_it_is_about(found: Sequence[Expression], piece: Span, frame: Frame) -> Expression | None:
    events = [
        e
        for e in found
        if e.end <= piece.start
        and e.due is not None
        and e.role != "by"
        and (e.ends_on is not None or e.meeting is not None)
        and e.after(frame.end_on)
    ]
    if not events:
        return None
    event = events[-1]
    return replace(
        event, note=note(gettext_noop("the first day of the event it is about: {date}"), date=event.text)
    )


# An instruction to a colleague, at the start of a sentence or after a dash: "just check with …",
# "make sure …", "pls chase …"
_IMPERATIVE = re.compile(
    r"(?:^|[-–—:;,.]\s+)(?:(?:just|pls|please|also|and)\s+)?(?:check|confirm|make\s+sure|chase|follow\s+up"
    r"|ask|let\s+(?:me|us)\s+know|remember\s+to|don't\s+forget|do\s+not\s+forget|reply|loop\s+in"
    r"|touch\s+base|flag|book|register)\b",
    re.IGNORECASE,
)


# What a reader should still see, though no rule proposes it: a suggestion or an offer, a question
# put to a colleague, a need, a chance to nominate, a deadline word without a date.
_WORTH_A_LOOK = re.compile(
    r"\b(?:I|we)\s+(?:suggest|propose|recommend)\b|\b(?:suggest|propose|recommend)\s+(?:that\s+)?(?:we|you|the\s+Ministry)\b"
    r"|^(?:Can|Could|Would|Will|Shall)\s+(?:you|we|I|[A-Z][a-z]+)\b[^?]*\?"
    r"|\b(?:needs?|needed|awaits?|awaiting)\s+(?:our|your|a|an|the)\s+(?:answer|reply|response|decision|input|views|comments|confirmation|sign-off|clearance)\b"
    r"|\b(?:may|can)\s+(?:nominate|submit|apply|propose|register|send)\b"
    r"|\b(?:offered|offers|volunteered|volunteers)\b|\b(?:COB|EOD|EOW|ASAP)\b"
    r"|建議|願於|願意|表示願|允諾|同意提供|將另|請(?!參|見)"
    r"|^\W{0,3}(?:TODO|To\s?do|TO\s?DO|ACTION|Action|待辦)\b",  # "TODO HT: update the tracker before Belem."
    re.MULTILINE,
)


def _worth_listing(text: str, exprs: Sequence[Expression], frame: Frame, *, follow_up_place: bool) -> bool:
    """Not proposed, but shown in the review: any date (a reader may have placed it in the wrong
    year), a request, a decision to meet, anything that looks ahead; and every list item and
    every sentence of a follow-up section."""
    if exprs:
        return True
    if (rules.cue(rules.REQUEST, text) or rules.cue(rules.OBLIGATION, text)) and rules.cue(rules.INPUT, text):
        return True
    if rules.cue(rules.MEETING_EVENT, text) and re.search(r"decid|agree|決定|決議|同意", text, re.I):
        return True
    if any(
        rules.cue(p, text)
        for p in (rules.COMMITMENT, rules.FUTURE, rules.REQUEST, rules.OBLIGATION, rules.DEADLINE)
    ):
        return True  # "Deadline for adding items to the airgram is normally 10 days before"
    if _IMPERATIVE.search(text) or _WORTH_A_LOOK.search(text.strip()):
        return True  # "… - just check with Trade Policy (DFAT) before we say yes."
    return follow_up_place  # a list item or a follow-up section: terse notes say what to do in few words


def _section_name(path: Sequence[str]) -> str:
    return " › ".join(path[-2:]) if path else ""
