"""Print the report reader's recall and precision on a labelled corpus, per genre and in total."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from reports import scoring

DEFAULT_CORPUS = scoring.CORPUS


class Command(BaseCommand):
    help = (
        "Score the report import on the labelled corpus (tests/reports/corpus): recall with the right "
        "due date and precision, precision, and how many follow-ups the review shows at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="Folder of documents and labels.")
        parser.add_argument(
            "--split",
            choices=["dev", "held_out", "all"],
            default="dev",
            help="Which part of the corpus (held_out: the part no rule was tuned on).",
        )
        parser.add_argument(
            "--rules-only",
            action="store_true",
            help="Score the cue rules alone, without the trained model's second opinion.",
        )
        parser.add_argument(
            "--details",
            action="store_true",
            help="List each miss and each false candidate (dev documents only).",
        )

    def handle(self, *args, corpus: str, split: str, details: bool, rules_only: bool, **options):
        splits = ("dev", "held_out") if split == "all" else (split,)
        scores = scoring.score_corpus(Path(corpus), splits, second_opinion=not rules_only)
        for key, title in (("slug", "document"), ("genre", "genre"), ("language", "language")):
            self.stdout.write(f"\n| {title} | follow-ups | recall | precision | review recall | docs |")
            self.stdout.write("|---|---|---|---|---|---|")
            for name, follow_ups, right, candidates, true, in_review, docs in scoring.table(scores, key):
                self.stdout.write(
                    f"| {name} | {follow_ups} | {scoring.ratio(right, follow_ups)} | "
                    f"{scoring.ratio(true, candidates)} | {scoring.ratio(in_review, follow_ups)} | {docs} |"
                )
        follow_ups = sum(s.follow_ups for s in scores)
        right = sum(s.right for s in scores)
        candidates = sum(s.candidates for s in scores)
        true = sum(s.true_candidates for s in scores)
        in_review = sum(s.in_review for s in scores)
        self.stdout.write(
            f"\nTotal ({', '.join(splits)}): {len(scores)} documents, {follow_ups} follow-ups, "
            f"recall {scoring.ratio(right, follow_ups)} ({right}), "
            f"precision {scoring.ratio(true, candidates)} "
            f"({true}/{candidates}), review recall {scoring.ratio(in_review, follow_ups)}"
        )
        if details:
            for score in scores:
                if score.split != "dev":
                    continue
                self.stdout.write(f"\n## {score.slug}")
                for line in score.missed:
                    self.stdout.write(f"  missed  {line}")
                for line in score.false:
                    self.stdout.write(f"  false   {line}")
                for line in score.not_in_review:
                    self.stdout.write(f"  NOT IN REVIEW {line}")
                for line in score.distractors_proposed:
                    self.stdout.write(f"  distractor proposed: {line}")
