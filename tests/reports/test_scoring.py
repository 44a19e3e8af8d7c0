"""The scorer: which candidate a labelled phrase is."""

from __future__ import annotations

from reports.scoring import matches
from reports.text import squeeze


def test_a_phrase_running_into_the_next_sentence_matches_the_sentence_it_starts_in() -> None:
    sentence = squeeze("AI: [ALL agencies] clearances back to USTR by noon Wed 4/29.")
    assert matches(squeeze("by noon Wed 4/29. Silence = clear."), sentence)
    assert not matches(squeeze("Wed 4/29. Silence = clear and more words here"), sentence)  # 9 characters
