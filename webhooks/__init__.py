"""Webhooks: events of a meeting's follow-ups POSTed, signed, to URLs its delegation registered."""
