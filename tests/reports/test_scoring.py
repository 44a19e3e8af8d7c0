"""The scorer: which candidate a labelled phrase is."""

from __future__ import annotations

from reports.scoring import matches
from reports.text import squeeze


def test_a_phrase_running_into_the_next_sentence_matches_the_sentence_it_starts_in() -> None:
    sentence = squeeze("AI: [ALL agencies] clearances back to USTR by noon Wed 4/29.")
    assert matches(squeeze("by noon Wed 4/29. Silence = clear."), sentence)
    assert not matches(squeeze("Wed 4/29. Silence = clear and more words here"), sentence)  # 9 characters


def test_a_phrase_typed_across_a_row_s_cells_matches_that_row() -> None:
    row = squeeze("6 | 歐盟電池護照因應指引 | 產業政策委員會 | 下次會議前 | 提出初稿")
    assert matches(squeeze("因應指引 產業政策委員會 下次會議前"), row)
    assert matches(squeeze("| 產業政策委員會 | 下次會議前 |"), row)
    assert not matches(squeeze("產業政策委員會 年底前"), row)


def test_a_phrase_running_over_a_clause_matches_the_clause_it_ends_in() -> None:
    clause = squeeze("I will put it in writing.")
    assert matches(squeeze("was well received in the room; I will put it in writing"), clause)
    assert not matches(squeeze("was well received in the room, and at length; I will put it"), clause)


def test_the_full_stop_a_phrase_runs_over_counts_towards_its_overlap() -> None:
    sentence = squeeze("- e-gram to posts and OGDs → PN within 5 WD.")
    assert matches(squeeze("PN within 5 WD. NB Good Fri/Easter Mon"), sentence)  # 15 of 38 characters
