"""Meetings, their sessions, the organizations at the table and who attended."""
