"""EXPLAIN ANALYZE of the queries the scale targets depend on (PostgreSQL, generated data).

    DATABASE_URL=postgres://…/bench_1m .venv/bin/python bench/explain.py > bench/results/explain-1m.txt

The sweep's due-items query uses the partial index item_reminder_due; the API's
?owner=me&status=open list uses item_open_owner_meeting; the My tasks list ("mine OR a watched
commitment") goes participant → meeting → items of those meetings (index on meeting_id):
its cost follows the size of the user's meetings, not of the table.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.db.models import Count, Window  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from actions.models import ActionItem  # noqa: E402
from actions.visibility import visible_items  # noqa: E402
from api.serializers.items import ITEM_ROW  # noqa: E402
from web import lists  # noqa: E402

now = timezone.now()
user = User.objects.get(username="bench-heavy")
queries = {
    "sweep: due items (one chunk)": ActionItem.objects.open()
    .filter(next_reminder_at__lte=now, pk__gt=0)
    .order_by("pk")
    .values_list("pk", flat=True)[:200],
    "My tasks: the list": lists.apply_filters(lists.my_items(user), {}, now=now),
    "My tasks: navigation counts": lists.my_items(user).filter(status__in=["open", "in_progress"]),
    # What ActionItemViewSet.list asks for: one page of rows with the total (api/pagination.py).
    "API ?owner=me&status=open (one page with its total)": visible_items(user)
    .filter(status="open", owner=user)
    .order_by("meeting", "number")
    .values(*ITEM_ROW)
    .annotate(pagination_total=Window(Count("*")))[:50],
}
for name, queryset in queries.items():
    print(f"## {name}\n")
    print(queryset.explain(analyze=True, buffers=True))
    print()
