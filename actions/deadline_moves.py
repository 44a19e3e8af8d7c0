"""Which deadlines move, and why, when what they count from moves: planned in memory.

`plan_moves` is pure: it takes deadlines already loaded (each relative one wired to the
in-memory meeting, session and deadline it counts from) and returns every move in the
order the services apply it, without writing anything. `meeting_dates_plan` loads what a
change of a meeting's days reaches and plans it: `meeting_update_dates` applies that plan,
and the admin's meeting form asks it whether the deadlines can follow, with no dry run.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actions.models import Deadline, DeadlineMode, RuleAnchor
from followup_dates import dates
from meetings.models import Meeting

# A chain of deadlines deeper than this is a cycle that slipped past validation.
MAX_RECOMPUTES = 1000
ANCHOR_CYCLE = _("Deadlines count from each other in a circle.")
ENDS_BEFORE_START = _("The last day cannot be before the first day.")
RULE_UNREADABLE = _("“%(label)s”: %(reason)s")
RULE_OUT_OF_RANGE = _("“%(label)s”: its rule gives a date outside the range this tracker handles.")

DEADLINE_PAST_LIMIT = _(
    "“%(label)s” would be due on %(due)s, after its limit of %(limit)s: change the limit "
    "first, or move the meeting less."
)

Cause = dict | None


def limit_check(deadline: Deadline) -> None:
    """Refuse a due day past the deadline's "no later than" (ValidationError, nothing saved)."""
    if deadline.latest_on is not None and deadline.due_on > deadline.latest_on:
        raise ValidationError(
            {
                "latest_on": ValidationError(
                    DEADLINE_PAST_LIMIT,
                    code="past_limit",
                    params={
                        "label": deadline.label,
                        "due": deadline.due_on.isoformat(),
                        "limit": deadline.latest_on.isoformat(),
                    },
                )
            }
        )


def resolve(deadline: Deadline) -> dates.DueDate:
    """The rule's due date, or a ValidationError naming the deadline (never a bare crash)."""
    try:
        return deadline.resolved_due()
    except dates.DateInputError as error:
        raise ValidationError(
            {
                "rule_amount": ValidationError(
                    RULE_UNREADABLE,
                    code=error.code,
                    params={"label": deadline.label, "reason": error.message},
                )
            }
        ) from error
    except (OverflowError, ValueError) as error:
        raise ValidationError(
            {
                "rule_amount": ValidationError(
                    RULE_OUT_OF_RANGE, code="out_of_range", params={"label": deadline.label}
                )
            }
        ) from error


@dataclass(frozen=True)
class PlannedMove:
    deadline: Deadline  # holds its final due after the whole plan
    before: dict[str, str]
    after: dict[str, str]
    cause: Cause


def plan_moves(
    *, seeds: Sequence[tuple[Deadline, Cause]], dependents: Mapping[int, Sequence[Deadline]]
) -> list[PlannedMove]:
    """Re-resolve relative deadlines, then everything counting from the ones that moved.

    Only deadlines whose due moment actually changes move; each move carries its own cause
    (what it counts from moved). `dependents[pk]` are the relative deadlines counting from
    deadline `pk`. Mutates the given deadlines' due fields; touches no database.
    """
    queue = deque(seeds)
    moves: list[PlannedMove] = []
    visits: Counter[int] = Counter()
    while queue:
        deadline, cause = queue.popleft()
        visits[deadline.pk] += 1
        if visits[deadline.pk] > MAX_RECOMPUTES:
            raise ValidationError({"anchor_deadline": ANCHOR_CYCLE}, code="anchor_cycle")
        if not deadline.is_relative:
            continue
        before = deadline.snapshot()
        deadline.set_due(resolve(deadline))
        after = deadline.snapshot()
        if before == after:
            continue
        limit_check(deadline)
        moves.append(PlannedMove(deadline, before, after, cause))
        because = {"kind": "deadline", "label": deadline.label, "from": before, "to": after}
        queue.extend(
            (dependent, because)
            for dependent in sorted(dependents.get(deadline.pk, ()), key=lambda d: (d.due_at, d.pk))
        )
    return moves


def load_graph(
    seeds: Iterable[tuple[Deadline, Cause]], *, meeting: Meeting | None = None, lock: bool = False
) -> tuple[list[tuple[Deadline, Cause]], dict[int, list[Deadline]]]:
    """The seeds and every relative deadline counting from them (transitively), loaded once
    and wired to each other in memory (and to `meeting`, whose days may be unsaved).
    With `lock`, the rows are locked for the caller's transaction."""
    rows = Deadline.objects.select_related("meeting", "anchor_session__meeting", "anchor_deadline")
    if lock:
        rows = rows.select_for_update(of=("self",))
    seeds = list(seeds)
    nodes = {d.pk: d for d in rows.filter(pk__in=[d.pk for d, _cause in seeds])}
    frontier = set(nodes)
    while frontier:
        found = [
            d
            for d in rows.filter(anchor_deadline_id__in=frontier, mode=DeadlineMode.RELATIVE)
            if d.pk not in nodes
        ]
        nodes.update((d.pk, d) for d in found)
        frontier = {d.pk for d in found}
    dependents: dict[int, list[Deadline]] = {}
    for deadline in nodes.values():
        if meeting is not None:
            if deadline.meeting_id == meeting.pk:
                deadline.meeting = meeting
            if deadline.anchor_session is not None and deadline.anchor_session.meeting_id == meeting.pk:
                deadline.anchor_session.meeting = meeting
        if deadline.anchor_deadline_id in nodes:
            deadline.anchor_deadline = nodes[deadline.anchor_deadline_id]
            if deadline.mode == DeadlineMode.RELATIVE:
                dependents.setdefault(deadline.anchor_deadline_id, []).append(deadline)
    return [(nodes[d.pk], cause) for d, cause in seeds if d.pk in nodes], dependents


def _meeting_seeds(meeting: Meeting, causes: dict[str, Cause]) -> list[tuple[Deadline, Cause]]:
    """Relative deadlines counting from the meeting or its sessions, each with its cause."""
    anchored = (
        Deadline.objects.filter(mode=DeadlineMode.RELATIVE)
        .filter(
            Q(
                meeting=meeting,
                rule_anchor__in=[
                    RuleAnchor.MEETING_START,
                    RuleAnchor.MEETING_END,
                    RuleAnchor.DELEGATION_RETURN,
                ],
            )
            | Q(rule_anchor=RuleAnchor.SESSION, anchor_session__meeting=meeting)
        )
        .order_by("due_at", "pk")
    )
    generic = {"kind": "meeting", "meeting": meeting.short_label}
    return [(deadline, causes.get(deadline.rule_anchor, generic)) for deadline in anchored]


def meeting_dates_plan(
    *,
    meeting: Meeting,
    start_on: date,
    end_on: date,
    old_start: date,
    old_end: date,
    old_return: date | None = None,
    lock: bool = False,
) -> list[PlannedMove]:
    """Every deadline move that giving `meeting` the days start_on–end_on (from old_start–
    old_end, and the delegation's return from old_return to `meeting.return_day`) causes,
    planned without writing. `meeting` gets the new days in memory."""
    if end_on < start_on:
        raise ValidationError({"end_on": ValidationError(ENDS_BEFORE_START, code="ends_before_start")})
    meeting.start_on, meeting.end_on = start_on, end_on
    label = meeting.short_label
    causes: dict[str, Cause] = {}
    if old_start != start_on:
        causes[RuleAnchor.MEETING_START] = {
            "kind": "meeting_start",
            "meeting": label,
            "from": old_start.isoformat(),
            "to": start_on.isoformat(),
        }
    if old_end != end_on:
        causes[RuleAnchor.MEETING_END] = {
            "kind": "meeting_end",
            "meeting": label,
            "from": old_end.isoformat(),
            "to": end_on.isoformat(),
        }
    if old_return is not None and old_return != meeting.return_day:
        causes[RuleAnchor.DELEGATION_RETURN] = {
            "kind": "delegation_return",
            "meeting": label,
            "from": old_return.isoformat(),
            "to": meeting.return_day.isoformat(),
        }
    seeds, dependents = load_graph(_meeting_seeds(meeting, causes), meeting=meeting, lock=lock)
    return plan_moves(seeds=seeds, dependents=dependents)
