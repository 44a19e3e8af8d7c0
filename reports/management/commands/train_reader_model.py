"""Train the reader's second opinion (reports/model.json) on the corpus's dev documents."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from reports import model as reader_model
from reports import scoring
from reports.candidates import MeetingContext
from reports.extract import extract
from reports.layout import blocks
from reports.readers import read_pieces
from reports.second_opinion import model_features
from reports.text import squeeze

DEFAULT_CORPUS = scoring.CORPUS


TELWG70 = Path(settings.BASE_DIR) / "tests" / "reports" / "telwg70_labelled.json"
TELWG70_REPORT = Path(settings.BASE_DIR) / "tests" / "data" / "telwg70-report-zh-Hant.txt"


def _telwg70() -> tuple[Path, dict, MeetingContext]:
    """The worked example, labelled in its own format, with its sessions."""
    labelled = json.loads(TELWG70.read_text(encoding="utf-8"))
    context = scoring.labelled_context(labelled["meeting"], "APEC TELWG 70")
    labels = {
        "split": "dev",
        "genre": "apec-trip-report",
        "language": "zh-Hant",
        "follow_ups": [
            {
                "excerpt_contains": f["excerpt_contains"],
                "due_date": f["expected"].get("due_date"),
                "due_precision": f["expected"].get("due_precision"),
            }
            for f in labelled["report_follow_ups"]
        ],
    }
    return TELWG70_REPORT, labels, context


def _document(path: Path, labels: dict, context: MeetingContext | None = None):
    """The rules' extraction of one document and its examples: every clause proposed or listed,
    marked 1 when a labelled follow-up is its sentence."""
    extraction = extract(
        blocks(read_pieces(path)), context or scoring.context_for(labels), second_opinion=False
    )
    needles = [squeeze(f["excerpt_contains"]) for f in labels["follow_ups"]]
    items = [(c, True) for c in extraction.candidates] + [(m.candidate, False) for m in extraction.mentions]
    examples = [
        (
            model_features(candidate),
            any(scoring.matches(needle, squeeze(candidate.excerpt)) for needle in needles),
        )
        for candidate, _proposed in items
    ]
    return extraction, items, reader_model.examples(examples)


class Command(BaseCommand):
    help = (
        "Train the report reader's second opinion on the labelled corpus's dev documents and write "
        "reports/model.json; --cross-validate first prints leave-one-document-out figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="Folder of documents and labels.")
        parser.add_argument(
            "--output", default=str(reader_model.MODEL_PATH), help="Where to write the model."
        )
        parser.add_argument(
            "--cross-validate",
            action="store_true",
            help="Before training, score each writer's dev documents with a model trained on the others'.",
        )

    def handle(self, *args, corpus: str, output: str, cross_validate: bool, **options):
        documents = []
        for path, labels in scoring.corpus_files(Path(corpus), ("dev",)):
            extraction, items, examples = _document(path, labels)
            documents.append((path.stem, labels, extraction, items, examples))
        if TELWG70.exists():
            path, labels, context = _telwg70()
            extraction, items, examples = _document(path, labels, context)
            documents.append(("telwg70", labels, extraction, items, examples))
        if cross_validate:
            self._cross_validate(documents)
        examples = [example for *_rest, found in documents for example in found]
        weights = reader_model.train(examples)
        kept = reader_model.save(
            weights,
            Path(output),
            about=f"trained by manage.py train_reader_model on {len(documents)} dev documents, "
            f"{len(examples)} clauses",
        )
        reader_model.load.cache_clear()
        self.stdout.write(
            f"Wrote {output}: {kept} weights from {len(examples)} clauses of {len(documents)} documents."
        )

    def _cross_validate(self, documents) -> None:
        """One model per writer left out (a writer's documents share a style, so leaving out one
        document flatters the model), then every pair of thresholds on its ratings. The rules were
        tuned on these documents, so what they leave unproposed holds fewer follow-ups than an
        unseen report's: these figures undervalue what the model adds by promoting."""
        follow_ups = sum(len(labels["follow_ups"]) for _slug, labels, *_ in documents)
        writer = lambda slug: slug.split("-")[0]  # noqa: E731 - "ab-eu-council-…" is writer ab's
        rated = []  # per document: (slug, labels, extraction, [(candidate, proposed, chance)])
        for left_out in sorted({writer(slug) for slug, *_ in documents}):
            others = [e for slug, *_rest, found in documents if writer(slug) != left_out for e in found]
            model = reader_model.Model(reader_model.train(others))
            for slug, labels, extraction, items, _examples in documents:
                if writer(slug) == left_out:
                    chances = [(c, proposed, model.probability(model_features(c))) for c, proposed in items]
                    rated.append((slug, labels, extraction, chances))
        self.stdout.write("| keep a proposal at | propose a listed clause at | recall | precision |")
        self.stdout.write("|---|---|---|---|")
        grid = [(None, None)] + [
            (keep, promote) for keep in (0.05, 0.1, 0.15, 0.2) for promote in (0.25, 0.4, 0.5, 0.6, 0.8)
        ]
        for keep, promote in grid:
            right = candidates = true = 0
            for slug, labels, extraction, chances in rated:
                chosen = [
                    c
                    for c, proposed, chance in chances
                    if (proposed if keep is None else chance >= (keep if proposed else promote))
                ]
                score = scoring.score_document(labels, replace(extraction, candidates=chosen), slug)
                right += score.right
                candidates += score.candidates
                true += score.true_candidates
            names = ("rules alone", "—") if keep is None else (f"{keep:.2f}", f"{promote:.2f}")
            self.stdout.write(
                f"| {names[0]} | {names[1]} | {scoring.ratio(right, follow_ups)} ({right}/{follow_ups}) | "
                f"{scoring.ratio(true, candidates)} ({true}/{candidates}) |"
            )
