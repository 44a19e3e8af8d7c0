"""Serializers: shape and validate. They never write — the views call actions/services.py and
actions/deadline_services.py.

One module per resource: meetings.py (reference data), deadlines.py, items.py, activity.py,
webhooks.py, tokens.py; base.py holds what they share.
"""
