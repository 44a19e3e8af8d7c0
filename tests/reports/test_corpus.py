"""The reader on the labelled corpus (tests/reports/corpus): what it proposes and what the review shows.

`manage.py score_reports` prints the same figures per document, genre and language. The
held-out part was written with the rest but no rule was tuned on it; its figures are printed
here and quoted in the closing notes, and held to a floor only so that a change that breaks
the reader on unseen documents fails.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import pytest

from reports import scoring
from reports.text import squeeze
from tests.reports.conftest import CORPUS

DOCUMENTS = sorted(CORPUS.glob("*.json"))


def _show(text: str) -> None:
    sys.stdout.write(text + "\n")


@pytest.fixture(scope="module")
def scores():
    return {split: scoring.score_corpus(CORPUS, (split,)) for split in ("dev", "held_out")}


def test_the_corpus_is_varied_and_a_third_is_held_out() -> None:
    labels = [json.loads(path.read_text(encoding="utf-8")) for path in DOCUMENTS]
    assert len(labels) >= 24
    assert len({label["genre"] for label in labels}) >= 8
    assert {label["language"] for label in labels} >= {"zh-Hant", "en", "mixed"}
    assert {label["document"].rsplit(".", 1)[1] for label in labels} == {"txt", "docx", "pdf"}
    held_out = sum(label["split"] == "held_out" for label in labels)
    assert held_out * 3 >= len(labels) - 8  # a third of the documents written before tuning


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_labels_point_at_the_document(path) -> None:
    """Each labelled phrase occurs once in its document; each date lies after the meeting."""
    from reports.layout import blocks
    from reports.readers import read_pieces

    labels = json.loads(path.read_text(encoding="utf-8"))
    read = blocks(read_pieces(CORPUS / labels["document"]))
    # a table's "|" is layout, not words: the phrase may be typed with or without it
    text = squeeze(" ".join(" ".join([b.text, *(cell for _role, cell in b.cells)]) for b in read)).replace(
        "|", ""
    )
    meeting_end = date.fromisoformat(labels["meeting"]["end_on"])
    for follow_up in labels["follow_ups"]:
        assert squeeze(follow_up["excerpt_contains"]).replace("|", "") in text, follow_up["excerpt_contains"]
        if follow_up["due_date"]:
            assert date.fromisoformat(follow_up["due_date"]) > meeting_end


def test_every_labelled_follow_up_is_in_the_review(scores) -> None:
    """Nothing is dropped silently: what is not proposed is listed as 'not proposed'."""
    missing = {s.slug: s.not_in_review for split in scores.values() for s in split if s.not_in_review}
    assert missing == {}


def _totals(part) -> tuple[float, float, int]:
    follow_ups = sum(s.follow_ups for s in part)
    return (
        sum(s.right for s in part) / follow_ups,
        sum(s.true_candidates for s in part) / sum(s.candidates for s in part),
        follow_ups,
    )


def test_recall_and_precision(scores) -> None:
    for split, part in scores.items():
        recall, precision, follow_ups = _totals(part)
        _show(
            f"\n{split}: {len(part)} documents, {follow_ups} follow-ups, recall {recall:.2f}, "
            f"precision {precision:.2f}"
        )
        for name, n, right, candidates, true, _in_review, _docs in scoring.table(part, "genre"):
            _show(
                f"  {name}: {n} follow-ups, recall {scoring.ratio(right, n)}, "
                f"precision {scoring.ratio(true, candidates)}"
            )
    dev_recall, dev_precision, _ = _totals(scores["dev"])
    held_recall, held_precision, _ = _totals(scores["held_out"])
    assert (dev_recall, dev_precision) >= (0.8, 0.8)
    assert held_recall >= 0.7
    assert held_precision >= 0.7
