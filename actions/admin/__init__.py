"""Admin for follow-ups: staff work here all day, so filters, search and bulk actions matter.

Django's autodiscovery imports this package, which imports the modules that register the
models: items.py (action items, their activity log and evidence), deadlines.py, and
meetings.py (meetings and sessions, whose date edits move the deadlines counting from them).
"""

from actions.admin import deadlines, items, meetings  # noqa: F401 - importing them registers the models
