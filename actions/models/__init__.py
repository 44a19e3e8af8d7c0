"""Deadlines, action items and their activity log. Writes live in actions/services.py (items)
and actions/deadline_services.py (deadlines).

Each model lives in the module named after it; Django and every caller import them from
here (`from actions.models import ActionItem`).
"""

from actions.models.activity import Activity, ActivityVerb
from actions.models.deadlines import (
    EDITABLE_FIELDS,
    RULE_FIELDS,
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
    ITEM_SEARCH_FIELDS,
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
    "EDITABLE_FIELDS",
    "ITEM_SEARCH_FIELDS",
    "OPEN_STATUSES",
    "RULE_FIELDS",
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
