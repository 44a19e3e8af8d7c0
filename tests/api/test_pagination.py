"""Pages read their total with their rows; every page, total and error must be as before."""

import pytest

from api.pagination import LAST_PAGE_READ_WITH_TOTAL, PaginatorCountingWithThePage
from meetings.models import Meeting
from tests.factories import ActionItemFactory

ITEMS = "/api/v1/action-items/"


@pytest.fixture
def seven(ours):
    ActionItemFactory.create_batch(6, meeting=ours.meeting, owner=ours.owner)
    return ours


def test_every_page_has_the_right_total_rows_and_links(api, seven):
    client = api(seven.owner)
    seen = []
    url = f"{ITEMS}?page_size=3&ordering=number"
    pages = 0
    while url:
        page = client.get(url).json()
        assert page["count"] == 7
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 7
    last = client.get(ITEMS, {"page_size": 3, "page": "last"}).json()
    assert (last["count"], len(last["results"]), last["next"]) == (7, 1, None)


def test_the_total_comes_with_the_page_not_a_second_query(api, seven, django_assert_num_queries):
    client = api(seven.owner)
    client.get(ITEMS)  # the token's first use is written once; count what a later request costs
    # token, page (with its total), the page's watchers, the page's deadlines
    with django_assert_num_queries(4):
        assert client.get(ITEMS, {"page_size": 2}).json()["count"] == 7


@pytest.mark.parametrize(
    "page", ["4", "0", "-1", "abc", "1.5", "", str(LAST_PAGE_READ_WITH_TOTAL + 1), str(2**70)]
)
def test_pages_that_do_not_exist_are_404s(api, seven, page):
    response = api(seven.owner).get(ITEMS, {"page_size": 3, "page": page})
    if page == "":
        assert response.status_code == 200  # no page given: the first
        return
    assert response.status_code == 404
    assert "detail" in response.json()


def test_an_empty_list_is_one_empty_page(api, ours):
    response = api(ours.delegate).get(ITEMS, {"owner": "me"})
    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_a_distinct_list_counts_each_row_once(ours):
    # Three participants make three joined rows of one meeting; DISTINCT keeps one. A window
    # count would see three, so a DISTINCT query takes the counting path.
    meetings = Meeting.objects.filter(participants__isnull=False).distinct().order_by("pk")
    page = PaginatorCountingWithThePage(meetings, 10).page(1)
    assert (page.paginator.count, len(page.object_list)) == (1, 1)
