"""The reader's second opinion: a small logistic model trained on the labelled corpus.

The cue rules (`reports.decision`) decide first; this model then reads each clause the rules
proposed or listed — its words, its Chinese character pairs, the kind of date it holds, whether a
rule counted that date, and whether it is a sentence, a list item or a table row — and gives the
probability that it is a follow-up. It does not see the rules' verdict: trained on the documents
the rules were tuned on, a model that sees it learns to trust it more than it deserves on a
report nobody has seen (on 12 documents first read after training, 2026-12-04: 279 → 281 of 311
follow-ups right, precision 0.88 → 0.91 without the verdict). A proposal the model rates below
`THRESHOLD` moves to the "not proposed" list, with the model's doubt as its reason; a listed
clause it rates at `PROMOTE` or above moves up, with a note saying so. Two thresholds, because a
missed follow-up costs more than a false one (the review rejects that in one click): the model
must be surer to add a proposal than to keep one. Nothing is dropped: the review shows both lists.

Pure Python, no model downloaded at run time: the weights are `reports/model.json`, written by
`manage.py train_reader_model` from the corpus's dev documents (never the held-out ones).
Retrain it after changing the rules, since the clauses it is trained on are the ones they find.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("model.json")
# Both chosen by cross-validation on the dev documents, a writer left out at a time (see
# `train_reader_model --cross-validate`, and there why that still undervalues promoting). On
# 2026-12-06, 150 documents: promoting at 0.40 → 0.50 cost 8 of 3,515 follow-ups (3178 → 3170) and
# raised precision from 0.860 to 0.878.
THRESHOLD = 0.10  # a proposal rated below it goes to the "not proposed" list
PROMOTE = 0.50  # a listed clause rated at it or above is proposed
_WORD = re.compile(r"[a-z]+")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def features(*, excerpt: str, due_precision: str | None, counted: bool, source: str) -> dict[str, float]:
    """What the model sees of one clause: its own words and the date it holds, not the rules' verdict."""
    found: dict[str, float] = {
        "bias": 1.0,
        f"precision:{due_precision}": 1.0,
        f"source:{source}": 1.0,
        f"counted:{counted}": 1.0,  # a deadline counted by a rule (working days, before a meeting)
    }
    text = re.sub(r"\d", "0", excerpt.casefold())
    words = _WORD.findall(text)
    for word in words:
        found[f"w:{word}"] = 1.0
    for first, second in itertools.pairwise(words):
        found[f"b:{first}_{second}"] = 1.0
    for run in _CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            found[f"c:{run[i : i + 2]}"] = 1.0
    scale = math.sqrt(len(found))
    return {name: value / scale for name, value in found.items()}


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Model:
    weights: Mapping[str, float]
    threshold: float = THRESHOLD
    promote: float = PROMOTE

    def probability(self, seen: Mapping[str, float]) -> float:
        return _sigmoid(sum(self.weights.get(name, 0.0) * value for name, value in seen.items()))


def train(
    examples: Sequence[tuple[Mapping[str, float], int]],
    *,
    epochs: int = 15,
    l2: float = 1e-4,
    rate: float = 0.5,
    seed: int = 0,
) -> dict[str, float]:
    """Logistic regression by AdaGrad over the examples (features, 1 if a follow-up else 0)."""
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    order = list(range(len(examples)))
    shuffle = random.Random(seed).shuffle  # noqa: S311 - a reproducible order, not a secret
    for _ in range(epochs):
        shuffle(order)
        for index in order:
            seen, truth = examples[index]
            error = _sigmoid(sum(weights.get(name, 0.0) * value for name, value in seen.items())) - truth
            for name, value in seen.items():
                gradient = error * value + l2 * weights.get(name, 0.0)
                squares[name] = squares.get(name, 0.0) + gradient * gradient
                weights[name] = weights.get(name, 0.0) - rate * gradient / math.sqrt(squares[name] + 1e-8)
    return weights


def save(weights: Mapping[str, float], path: Path = MODEL_PATH, *, about: str = "") -> int:
    """Write the weights that matter (rounded); returns how many were kept."""
    kept = {name: round(value, 3) for name, value in sorted(weights.items()) if abs(value) >= 0.05}
    path.write_text(
        json.dumps(
            {"about": about, "threshold": THRESHOLD, "promote": PROMOTE, "weights": kept},
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    return len(kept)


@functools.cache
def load(path: Path = MODEL_PATH) -> Model | None:
    """The shipped model, or None (the rules alone) when there is none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    threshold = float(data.get("threshold", THRESHOLD))
    return Model(weights=data["weights"], threshold=threshold, promote=float(data.get("promote", threshold)))


def examples(items: Iterable[tuple[Mapping[str, float], bool]]) -> list[tuple[Mapping[str, float], int]]:
    return [(seen, 1 if truth else 0) for seen, truth in items]
