"""deadline_moves.plan_moves is pure: deadlines in memory in, the moves out, no database."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from actions.deadline_moves import ANCHOR_CYCLE, plan_moves
from actions.models import Deadline, DeadlineMode, RuleAnchor
from followup_dates import dates
from meetings.models import Meeting


def _relative(pk, *, anchor, amount, meeting, on_deadline=None, label=None):
    deadline = Deadline(
        pk=pk,
        meeting=meeting,
        key=f"d{pk}",
        label=label or f"D{pk}",
        zone="Asia/Seoul",
        mode=DeadlineMode.RELATIVE,
        rule_amount=amount,
        rule_unit="days",
        rule_direction="after",
        rule_anchor=anchor,
        anchor_deadline=on_deadline,
    )
    deadline.set_due(deadline.resolved_due())
    return deadline


@pytest.fixture
def chain():
    meeting = Meeting(
        pk=1,
        start_on=date(2025, 3, 3),
        end_on=date(2025, 3, 7),
        venue_zone="Asia/Seoul",
        series="APEC TELWG",
        number=70,
    )
    first = _relative(1, anchor=RuleAnchor.MEETING_END, amount=7, meeting=meeting)
    second = _relative(2, anchor=RuleAnchor.DEADLINE, amount=3, meeting=meeting, on_deadline=first)
    return meeting, first, second


def test_a_moved_meeting_end_moves_the_chain_in_order_with_each_cause(chain):
    meeting, first, second = chain
    meeting.end_on = date(2025, 3, 8)
    moves = plan_moves(seeds=[(first, {"kind": "meeting_end"})], dependents={1: [second]})
    assert [(m.deadline.pk, m.before["on"], m.after["on"]) for m in moves] == [
        (1, "2025-03-14", "2025-03-15"),
        (2, "2025-03-17", "2025-03-18"),
    ]
    assert moves[0].cause == {"kind": "meeting_end"}
    assert moves[1].cause == {
        "kind": "deadline",
        "label": "D1",
        "from": moves[0].before,
        "to": moves[0].after,
    }
    assert second.due_at == dates.end_of_day(date(2025, 3, 18), "Asia/Seoul")


def test_nothing_moves_when_the_rule_gives_the_same_day(chain):
    _meeting, first, second = chain
    assert plan_moves(seeds=[(first, None)], dependents={1: [second]}) == []


def test_deadlines_counting_from_each_other_in_a_circle_are_refused(chain):
    _meeting, first, second = chain
    first.rule_anchor, first.anchor_deadline = RuleAnchor.DEADLINE, second
    with pytest.raises(ValidationError) as refused:
        plan_moves(seeds=[(first, None)], dependents={1: [second], 2: [first]})
    assert refused.value.message_dict == {"anchor_deadline": [str(ANCHOR_CYCLE)]}
