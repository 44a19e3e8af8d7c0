"""Deadlines, action items and their activity log. Writes live in actions/services.py (items)
and actions/deadline_services.py (deadlines).

Each model lives in the module named after it; Django and every caller import them from
here (`from actions.models import ActionItem`).
"""

from actions.models.activity import Activity, ActivityVerb
from actions.models.deadlines import (
    Deadline,
    DeadlineManager,
    DeadlineMode,
    DeadlineQuerySet,
    Precision,
    RuleAnchor,
    RuleDirection,
    RuleUnit,
)
from actions.models.evidence import Evidence
from actions.models.items import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    ActionItem,
    ActionItemManager,
    ActionItemQuerySet,
    ItemKind,
    Priority,
    Status,
)

__all__ = [
    "CLOSED_STATUSES",
    "OPEN_STATUSES",
    "ActionItem",
    "ActionItemManager",
    "ActionItemQuerySet",
    "Activity",
    "ActivityVerb",
    "Deadline",
    "DeadlineManager",
    "DeadlineMode",
    "DeadlineQuerySet",
    "Evidence",
    "ItemKind",
    "Precision",
    "Priority",
    "RuleAnchor",
    "RuleDirection",
    "RuleUnit",
    "Status",
]
