"""The date module callers import: `from followup_dates import dates`, then `dates.DueDate`,
`dates.parse_due_date`, `dates.shift_date`... It holds no logic of its own.

Two pure modules hold it: followup_dates.deadlines (due dates and their precision, the ranges
a date may take, working days, shifts, zones, the instant a deadline ends) and
followup_dates.date_text (ROC years, reading what a person typed, formatting for a reader).
"""

from followup_dates.date_text import (
    format_date,
    format_due_date,
    format_instant,
    gregorian_to_roc,
    parse_due_date,
    roc_to_gregorian,
)
from followup_dates.deadlines import (
    FIRST_YEAR,
    LAST_YEAR,
    ROC_EPOCH,
    DateInputError,
    DueDate,
    Precision,
    StrOrPromise,
    Unit,
    add_months,
    add_working_days,
    due_at,
    end_of_day,
    is_known_calendar,
    is_working_day,
    shift_date,
    validate_calendar,
    validate_zone,
)

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "ROC_EPOCH",
    "DateInputError",
    "DueDate",
    "Precision",
    "StrOrPromise",
    "Unit",
    "add_months",
    "add_working_days",
    "due_at",
    "end_of_day",
    "format_date",
    "format_due_date",
    "format_instant",
    "gregorian_to_roc",
    "is_known_calendar",
    "is_working_day",
    "parse_due_date",
    "roc_to_gregorian",
    "shift_date",
    "validate_calendar",
    "validate_zone",
]
