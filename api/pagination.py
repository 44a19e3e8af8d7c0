"""Page-number pagination: ?page=2&page_size=100 (at most 200 a page)."""

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet, Window
from rest_framework.pagination import PageNumberPagination

# Past this page the plain path answers (it counts first, so a huge ?page= is a 404, not an
# OFFSET the database refuses).
LAST_PAGE_READ_WITH_TOTAL = 100_000


class PaginatorCountingWithThePage(Paginator):
    """Reads the total with the page's rows (`COUNT(*) OVER ()`) instead of a second query.

    A page with rows knows the total from them; an empty page (past the end, or nothing
    matches), a DISTINCT query or anything that is not a plain queryset takes Django's path.
    """

    def page(self, number):
        rows = self._rows_with_total(number)
        if not rows:
            return super().page(number)
        first = rows[0]  # an object, or a dict when the list reads values()
        total = first["pagination_total"] if isinstance(first, dict) else first.pagination_total
        self.count = total  # Paginator.count is a cached_property
        return self._get_page(rows, self.validate_number(number), self)

    def _rows_with_total(self, number) -> list | None:
        items = self.object_list
        if not isinstance(items, QuerySet) or items.query.distinct or items.query.is_sliced or self.orphans:
            return None
        try:
            number = int(number)
        except (TypeError, ValueError):
            return None
        if not 1 <= number <= LAST_PAGE_READ_WITH_TOTAL:
            return None
        first = (number - 1) * self.per_page
        counted = items.annotate(pagination_total=Window(Count("*")))
        return list(counted[first : first + self.per_page])


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = PaginatorCountingWithThePage
