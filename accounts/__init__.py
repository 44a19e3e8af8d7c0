"""People who use the tracker and their preferences (language, time zone, date style, reminders)."""
