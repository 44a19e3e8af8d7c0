"""Pure date and text logic for follow-ups: ROC years, precision, working days, zones, Chinese numerals.

Importing this package loads neither Django nor Celery (tests/followup_dates/test_purity.py
proves it): every "today" is a parameter, and messages are translated only when shown,
through the translator the Django project installs (followup_dates.i18n.install).
"""
