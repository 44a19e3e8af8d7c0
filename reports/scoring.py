"""Score the reader on a labelled corpus: recall (right date and precision), precision, review recall.

A corpus is a folder of documents, each with a `<slug>.json` label file (see
tests/reports/corpus/README.md): the meeting, every follow-up (a phrase of its sentence or
row, its due date and precision) and some distractors. A candidate matches a follow-up
when the follow-up's phrase is in the candidate's excerpt; it is right when its due date
and precision are the labelled ones. Each candidate counts for one follow-up at most.

    recall         follow-ups proposed with the right date and precision / follow-ups
    precision      candidates that match a follow-up / candidates
    review recall  follow-ups that appear in the review at all (proposed, or listed as
                   "mentions a date — not proposed") / follow-ups
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from followup_dates import calendars
from reports.candidates import Candidate, Extraction, MeetingContext, SessionContext
from reports.extract import extract
from reports.layout import blocks
from reports.readers import read_pieces
from reports.text import squeeze


@dataclass
class DocumentScore:
    slug: str
    genre: str
    language: str
    split: str
    follow_ups: int
    right: int
    candidates: int
    true_candidates: int
    in_review: int
    missed: list[str] = field(default_factory=list)  # "phrase (expected → got)"
    false: list[str] = field(default_factory=list)
    not_in_review: list[str] = field(default_factory=list)
    distractors_proposed: list[str] = field(default_factory=list)


# The labelled corpus shipped with the tests: what score_reports and train_reader_model read.
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "reports" / "corpus"


def labelled_context(meeting: dict, title: str) -> MeetingContext:
    """The meeting of a report labelled with its sessions (tests/reports/telwg70_labelled.json)."""
    return MeetingContext(
        start_on=date.fromisoformat(meeting["start_on"]),
        end_on=date.fromisoformat(meeting["end_on"]),
        calendar=meeting["calendar"],
        title=title,
        sessions=tuple(
            SessionContext(s["name"], date.fromisoformat(s["on"]), tuple(s["keywords"]))
            for s in meeting["sessions"]
        ),
    )


def context_for(labels: dict) -> MeetingContext:
    meeting = labels["meeting"]
    calendar, note = calendars.choose(
        meeting_calendar=meeting.get("holiday_calendar", ""),
        host_calendar=meeting.get("host_country", ""),
        venue=meeting.get("venue", ""),
        venue_zone=meeting.get("venue_zone", ""),
    )
    return MeetingContext(
        start_on=date.fromisoformat(meeting["start_on"]),
        end_on=date.fromisoformat(meeting["end_on"]),
        calendar=calendar,
        calendar_note=note,
        title=meeting.get("title", ""),
    )


def _due(candidate: Candidate) -> tuple[str | None, str | None]:
    return (candidate.due_date.isoformat() if candidate.due_date else None, candidate.due_precision)


def matches(needle: str, text: str) -> bool:
    """Is the labelled phrase `needle` this excerpt's (both squeezed)? A labelled phrase may run
    over two sentences ("Lead: Canada. Target: Q3 2026"): the reader's sentence inside it is the
    same follow-up. A table row's excerpt joins its cells with "|"; a phrase typed across its cells
    ("因應指引 產業政策委員會 下次會議前") is that row."""
    if "|" in text and "|" not in needle:
        text = text.replace("|", "")
    if needle in text:
        return True
    whole, text = text, text.rstrip(".。;；,，")
    if len(text) >= 0.5 * len(needle) and text in needle:
        return True
    # "…evaluation form; it takes five minutes": the phrase starts at the end of this sentence, with
    # at least 40 % of it and at least 12 characters.
    overlap = max(12, int(0.4 * len(needle)))
    # ("→ PN within 5 WD." and "PN within 5 WD. NB Good Fri/Easter Mon": its full stop counts)
    if any(
        text.endswith(needle[:size]) or whole.endswith(needle[:size])
        for size in range(len(needle) - 1, overlap - 1, -1)
    ):
        return True
    # "…was well received in the room; I will put it in writing": the phrase ends with this clause,
    # with at least 40 % of it.
    return len(text) >= overlap and needle.endswith(text)


def score_document(labels: dict, extraction: Extraction, slug: str) -> DocumentScore:
    follow_ups = labels["follow_ups"]
    candidates = extraction.candidates
    needles = [squeeze(f["excerpt_contains"]) for f in follow_ups]
    texts = [squeeze(c.excerpt) for c in candidates]

    claimed: dict[int, int] = {}  # candidate index → follow-up index
    right: set[int] = set()
    # Right dates first, then any text match, so a wrong-date twin does not take a right one's place.
    for want_right in (True, False):
        for f_index, follow_up in enumerate(follow_ups):
            if f_index in right or (not want_right and f_index in claimed.values()):
                continue
            expected = (follow_up.get("due_date"), follow_up.get("due_precision"))
            for c_index, candidate in enumerate(candidates):
                if c_index in claimed or not matches(needles[f_index], texts[c_index]):
                    continue
                if want_right and _due(candidate) != expected:
                    continue
                claimed[c_index] = f_index
                if want_right:
                    right.add(f_index)
                break
    mention_texts = [squeeze(m.excerpt) for m in extraction.mentions]
    score = DocumentScore(
        slug=slug,
        genre=labels.get("genre", ""),
        language=labels.get("language", ""),
        split=labels.get("split", "dev"),
        follow_ups=len(follow_ups),
        right=len(right),
        candidates=len(candidates),
        true_candidates=len(claimed),
        in_review=0,
    )
    for f_index, follow_up in enumerate(follow_ups):
        needle = needles[f_index]
        in_review = any(matches(needle, t) for t in texts) or any(matches(needle, t) for t in mention_texts)
        score.in_review += in_review
        if not in_review:
            score.not_in_review.append(follow_up["excerpt_contains"])
        if f_index not in right:
            got = [_due(c) for c, t in zip(candidates, texts, strict=True) if matches(needle, t)]
            expected = (follow_up.get("due_date"), follow_up.get("due_precision"))
            score.missed.append(
                f"{follow_up['excerpt_contains']} (expected {expected}, got {got or 'nothing'})"
            )
    for c_index, candidate in enumerate(candidates):
        if c_index not in claimed:
            score.false.append(f"{_due(candidate)} {candidate.kind}: {candidate.excerpt[:90]}")
    for distractor in labels.get("not_follow_ups", []):
        needle = squeeze(distractor["excerpt_contains"])
        if any(needle in t for t in texts):
            score.distractors_proposed.append(distractor["excerpt_contains"])
    return score


def corpus_files(folder: Path, splits: Iterable[str]) -> list[tuple[Path, dict]]:
    wanted = set(splits)
    out = []
    for label_file in sorted(folder.glob("*.json")):
        labels = json.loads(label_file.read_text(encoding="utf-8"))
        if labels.get("split", "dev") in wanted:
            out.append((label_file.parent / labels["document"], labels))
    return out


def score_corpus(
    folder: Path, splits: Sequence[str] = ("dev",), *, second_opinion: bool = True
) -> list[DocumentScore]:
    scores = []
    for document, labels in corpus_files(folder, splits):
        extraction = extract(
            blocks(read_pieces(document)), context_for(labels), second_opinion=second_opinion
        )
        scores.append(score_document(labels, extraction, document.stem))
    return scores


def table(scores: Sequence[DocumentScore], key: str) -> list[tuple[str, int, int, int, int, int, int]]:
    """Rows (group, follow-ups, right, candidates, true candidates, in review, documents) by `key`."""
    groups: dict[str, list[DocumentScore]] = {}
    for score in scores:
        groups.setdefault(getattr(score, key), []).append(score)
    rows = []
    for name, members in sorted(groups.items()):
        rows.append(
            (
                name,
                sum(s.follow_ups for s in members),
                sum(s.right for s in members),
                sum(s.candidates for s in members),
                sum(s.true_candidates for s in members),
                sum(s.in_review for s in members),
                len(members),
            )
        )
    return rows


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "—"
