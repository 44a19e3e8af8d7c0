"""The health endpoint answers for the load balancer, and logs can be JSON lines."""

import json
import logging

import pytest

from tracker.logformat import JsonFormatter


@pytest.mark.django_db
def test_health_reports_database_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_json_log_lines_keep_chinese_readable():
    record = logging.LogRecord("actions", logging.INFO, __file__, 1, "已寄出提醒 %s", ("#1",), None)
    record.reminder_id = 7
    entry = json.loads(JsonFormatter().format(record))
    assert entry["msg"] == "已寄出提醒 #1" and entry["reminder_id"] == 7
