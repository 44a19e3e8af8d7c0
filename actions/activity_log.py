"""What an item's activity log records, for the services that write it (actions/services.py,
actions/deadline_services.py, followups/services.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from accounts.models import User
from actions.models import ActionItem, Activity, Deadline


def due_snapshot(deadline: Deadline | None) -> dict[str, str] | None:
    """An item's due moment in its log (the deadline's zone is not part of it)."""
    return None if deadline is None else deadline.snapshot(zone=False)


def log_activity(
    *,
    item: ActionItem,
    verb: str,
    by: User | None,
    now: datetime,
    text: str = "",
    data: dict[str, Any] | None = None,
) -> Activity:
    return Activity.objects.create(item=item, actor=by, verb=verb, text=text, data=data or {}, created_at=now)


def user_label(user: User | None) -> str | None:
    return user.display_name if user else None
