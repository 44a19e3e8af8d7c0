"""The trained model's second opinion over the rules' candidates and mentions (`reports.model`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from django.utils.translation import gettext_noop

from reports import model as reader_model
from reports.candidates import Candidate, Mention
from reports.notes import note


def model_features(candidate: Candidate) -> dict[str, float]:
    return reader_model.features(
        excerpt=candidate.excerpt,
        due_precision=candidate.due_precision,
        counted=candidate.rule is not None,
        source=candidate.source,
    )


def apply_second_opinion(
    model: reader_model.Model, candidates: Sequence[Candidate], mentions: Sequence[Mention]
) -> tuple[list[Candidate], list[Mention]]:
    """Proposals the model doubts go to the list; listed clauses it believes in come up."""
    kept: list[Candidate] = []
    listed: list[Mention] = []
    for candidate in candidates:
        chance = model.probability(model_features(candidate))
        if chance >= model.threshold:
            kept.append(candidate)
            continue
        doubt = note(
            gettext_noop("the reader's model doubts it is a follow-up ({chance})"), chance=f"{chance:.0%}"
        )
        listed.append(
            Mention(
                excerpt=candidate.excerpt,
                reason=doubt,
                due_date=candidate.due_date,
                due_precision=candidate.due_precision,
                section=candidate.section,
                block=candidate.block,
                span=candidate.span,
                candidate=replace(
                    candidate,
                    note="; ".join(filter(None, [candidate.note, f"not proposed: {doubt}"])),
                    notes=(*candidate.notes, note(gettext_noop("not proposed: {reason}"), reason=doubt)),
                ),
            )
        )
    for mention in mentions:
        chance = model.probability(model_features(mention.candidate))
        if chance < model.promote:
            listed.append(mention)
            continue
        belief = note(gettext_noop("proposed by the reader's model ({chance})"), chance=f"{chance:.0%}")
        promoted = mention.candidate
        kept.append(
            replace(
                promoted,
                note="; ".join(filter(None, [promoted.note.split("; not proposed: ")[0], str(belief)])),
                notes=(*promoted.notes[:-1], belief),
                confidence=round(min(chance, 0.6), 2),
            )
        )
    order = lambda found: (found.block if found.block is not None else -1, found.span or (0, 0))  # noqa: E731
    return sorted(kept, key=order), sorted(listed, key=order)
