"""Action items, the deadlines they hang on, their activity log and reminders."""
