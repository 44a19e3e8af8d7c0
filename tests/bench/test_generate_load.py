"""The load generator behind the scale benchmarks (bench/): counts, the heavy user, the seed."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accounts.models import User
from actions.models import OPEN_STATUSES, ActionItem
from meetings.models import Meeting, Participant

pytestmark = pytest.mark.django_db


def generate(*, seed: int, reset: bool = False) -> list[tuple]:
    args = [
        "generate_load",
        "--items",
        "200",
        "--users",
        "30",
        "--heavy-open",
        "40",
        "--seed",
        str(seed),
        "--today",
        "2026-01-15",
        "--batch",
        "64",
    ]
    call_command(*args, *(["--reset"] if reset else []), stdout=io.StringIO(), stderr=io.StringIO())
    return list(
        ActionItem.objects.order_by("meeting__slug", "number").values_list(
            "meeting__slug",
            "number",
            "title",
            "kind",
            "status",
            "owner__username",
            "deadline__due_on",
            "responsible__code",
        )
    )


def test_counts_heavy_user_and_seed():
    first = generate(seed=3)
    assert ActionItem.objects.count() == 200
    assert User.objects.filter(username__startswith="bench-u").count() == 30
    assert Meeting.objects.filter(slug__startswith="bench-").count() == 5
    heavy = User.objects.get(username="bench-heavy")
    assert ActionItem.objects.filter(owner=heavy, status__in=OPEN_STATUSES).count() == 40
    # Every owner takes part in the item's meeting, so the item is on their lists.
    assert not ActionItem.objects.exclude(meeting__participants__user=heavy).filter(owner=heavy).exists()
    assert Participant.objects.filter(user__username__startswith="bench-u").count() == 60
    # Nothing is due right after generation: an empty sweep.
    assert not ActionItem.objects.filter(next_reminder_at__lte=timezone.now()).exists()

    assert generate(seed=3, reset=True) == first
    assert ActionItem.objects.count() == 200
    assert generate(seed=4, reset=True) != first


def test_refuses_to_add_twice():
    generate(seed=1)
    with pytest.raises(CommandError, match="--reset"):
        generate(seed=1)
