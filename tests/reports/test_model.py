"""The reader's second opinion: a logistic model over the clause's words and the date it holds."""

from __future__ import annotations

from reports import model
from reports.extract import extract
from reports.layout import read_text
from tests.reports.conftest import CONTEXT, REPORT


def _seen(excerpt: str) -> dict[str, float]:
    return model.features(excerpt=excerpt, due_precision="day", counted=False, source="paragraph")


def test_training_learns_which_words_mark_a_follow_up() -> None:
    follow_ups = ["Members are invited to submit comments by 30 June", "請各經濟體於 6 月底前提供意見"]
    background = ["Coverage reached 92 per cent in 2024", "該國 5G 覆蓋率已達 92%"]
    examples = [(_seen(text), 1) for text in follow_ups * 5] + [(_seen(text), 0) for text in background * 5]
    trained = model.Model(model.train(examples))
    assert trained.probability(_seen("Members are invited to submit views by 1 May")) > 0.5
    assert trained.probability(_seen("Coverage reached 80 per cent in 2023")) < 0.5
    assert trained.probability(_seen("請各經濟體於 7 月底前提供資料")) > trained.probability(
        _seen("覆蓋率已達 80%")
    )


def test_training_is_reproducible() -> None:
    examples = [(_seen("submit comments by 30 June"), 1), (_seen("coverage reached 92%"), 0)] * 3
    assert model.train(examples, seed=3) == model.train(examples, seed=3)


def test_the_shipped_model_loads_with_its_threshold() -> None:
    shipped = model.load()
    assert shipped is not None
    assert 0 < shipped.threshold < shipped.promote < 1  # surer to add a proposal than to keep one
    assert len(shipped.weights) > 1000


def test_a_clause_rated_between_the_thresholds_stays_where_the_rules_put_it() -> None:
    from reports.candidates import Candidate, Mention
    from reports.second_opinion import apply_second_opinion

    def candidate(excerpt: str) -> Candidate:
        return Candidate(excerpt, excerpt, None, None, None, "", "our_task", "", 0.5, block=0, span=(0, 1))

    unsure = model.Model({}, threshold=0.3, promote=0.7)  # no weights: every clause rates 50 %
    kept = candidate("Members to send comments.")
    listed = candidate("The group noted the figures.")
    mention = Mention(listed.excerpt, "no request", None, None, "", 0, (0, 1), listed)
    proposed, not_proposed = apply_second_opinion(unsure, [kept], [mention])
    assert [c.excerpt for c in proposed] == [kept.excerpt]
    assert [m.excerpt for m in not_proposed] == [listed.excerpt]


def test_the_second_opinion_moves_clauses_between_the_lists_and_drops_none() -> None:
    blocks = read_text(REPORT.read_text(encoding="utf-8"))
    rules = extract(blocks, CONTEXT, second_opinion=False)
    both = extract(blocks, CONTEXT)

    def spans(extraction):
        return {(c.block, c.span) for c in extraction.candidates} | {
            (m.block, m.span) for m in extraction.mentions
        }

    assert spans(both) == spans(rules)
    moved_down = {(c.block, c.span) for c in rules.candidates} - {(c.block, c.span) for c in both.candidates}
    for mention in both.mentions:
        if (mention.block, mention.span) in moved_down:
            assert "model" in mention.reason
    moved_up = {(c.block, c.span) for c in both.candidates} - {(c.block, c.span) for c in rules.candidates}
    for candidate in both.candidates:
        if (candidate.block, candidate.span) in moved_up:
            assert "model" in candidate.note
