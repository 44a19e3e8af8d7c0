"""The trip report's recommendations: found in 心得與建議, tracked with an adoption status,
and reported half-yearly as .docx and .xlsx."""

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from actions.models import ItemKind, Status
from followups import services
from followups.adoption_table import adoption_rows
from followups.recommendations import recommendations_in_report
from tests.factories import MeetingFactory, OrganizationFactory, ParticipantFactory, UserFactory

REPORT = Path(settings.BASE_DIR) / "tests" / "data" / "telwg70-report-zh-Hant.txt"
TELWG70_RECOMMENDATIONS = [
    "國際關鍵基礎設施能力建設與緊急應變制度環境已然成形，應持續推動國際合作",
    "IoT 資通安全標章方興未艾，國際間相互承認協議 (MRA) 之興盛指日可待",
    "網路犯罪仍未消停，應持續借鏡國際防制機制",
    "持續關注國際人工智慧治理之立法進度，並強化國民數位素養",
]
APRIL = datetime(2025, 4, 1, tzinfo=UTC)
SEPTEMBER = datetime(2025, 9, 1, tzinfo=UTC)


def test_the_telwg70_report_has_four_recommendations():
    assert recommendations_in_report(REPORT.read_text(encoding="utf-8")) == TELWG70_RECOMMENDATIONS


@pytest.mark.parametrize("text", ["", "壹、前言\n(一) 不是建議\n", "參、心得與建議\n沒有條列\n"])
def test_a_report_without_headed_recommendations_gives_none(text):
    assert recommendations_in_report(text) == []


def test_the_section_ends_at_the_next_part():
    text = "參、心得與建議\n(一) 應推動合作\n內文。\n肆、附錄\n(一) 附件一\n"
    assert recommendations_in_report(text) == ["應推動合作"]


@pytest.fixture
def tracked(db):
    meeting = MeetingFactory(report_title="TELWG 70 出國報告")
    moda = OrganizationFactory(code="moda-r", name="數位發展部", abbreviation="MODA")
    recs = services.recommendations_import(
        meeting=meeting, report_text=REPORT.read_text(encoding="utf-8"), by=None, now=APRIL, responsible=moda
    )
    return meeting, recs


def test_import_tracks_each_recommendation_once(tracked):
    meeting, recs = tracked
    assert [r.item.title for r in recs] == TELWG70_RECOMMENDATIONS
    assert {r.item.kind for r in recs} == {ItemKind.RECOMMENDATION}
    again = services.recommendations_import(
        meeting=meeting, report_text=REPORT.read_text(encoding="utf-8"), by=None, now=APRIL
    )
    assert again == [] and meeting.recommendations.count() == 4


def test_import_of_a_report_without_the_section_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        services.recommendations_import(meeting=MeetingFactory(), report_text="壹、前言", by=None, now=APRIL)
    assert caught.value.messages == [str(services.RECOMMENDATIONS_NONE_FOUND)]


def test_not_adopted_needs_a_reason(tracked):
    _meeting, recs = tracked
    with pytest.raises(ValidationError) as caught:
        services.recommendation_set_adoption(
            recommendation=recs[2], status="not_adopted", reason=" ", by=None, now=APRIL
        )
    assert caught.value.messages == ["Say why the recommendation is not adopted."]
    recs[2].refresh_from_db()
    assert recs[2].status == "pending"


def test_adoption_closes_the_item_and_is_logged(tracked):
    _meeting, recs = tracked
    services.recommendation_set_adoption(
        recommendation=recs[0], status="adopted", reason="已納入資安演練計畫", by=None, now=APRIL
    )
    item = recs[0].item
    item.refresh_from_db()
    assert item.status == Status.DONE
    assert "adoption status changed from Not yet decided to Adopted because 已納入資安演練計畫" in [
        a.describe() for a in item.activities.all()
    ]


def test_the_half_year_table_shows_each_status_as_it_stood_then(tracked):
    meeting, recs = tracked
    services.recommendation_set_adoption(
        recommendation=recs[0], status="in_progress", reason="研議中", by=None, now=APRIL
    )
    services.recommendation_set_adoption(
        recommendation=recs[0], status="adopted", reason="已納入計畫", by=None, now=SEPTEMBER
    )
    services.recommendation_set_adoption(
        recommendation=recs[2], status="not_adopted", reason="已有其他機制", by=None, now=SEPTEMBER
    )
    first = [(r.position, r.status, r.reason) for r in adoption_rows(meeting=meeting, year=2025, half=1)]
    second = [(r.position, r.status, r.reason) for r in adoption_rows(meeting=meeting, year=2025, half=2)]
    assert first == [
        (1, "In progress", "研議中"),
        (2, "Not yet decided", ""),
        (3, "Not yet decided", ""),
        (4, "Not yet decided", ""),
    ]
    assert second == [
        (1, "Adopted", "已納入計畫"),
        (2, "Not yet decided", ""),
        (3, "Not adopted", "已有其他機制"),
        (4, "Not yet decided", ""),
    ]


def test_the_table_exports_as_docx_and_xlsx(client, tracked):
    meeting, recs = tracked
    services.recommendation_set_adoption(
        recommendation=recs[1], status="in_progress", reason="=研擬 MRA", by=None, now=APRIL
    )
    user = UserFactory(language="zh-hant", date_style="roc")
    ParticipantFactory(meeting=meeting, user=user)
    client.force_login(user)
    docx = client.get(reverse("followups:adoption_table", args=[meeting.pk, 2025, 1, "docx"]))
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    assert document.paragraphs[0].text == "TELWG 70 出國報告 建議事項採行情形（114年上半年）"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "編號",
        "建議事項",
        "負責機關",
        "採行情形",
        "辦理情形或未採行理由",
        "更新日期",
    ]
    assert [c.text for c in table.rows[2].cells][:5] == [
        "2",
        TELWG70_RECOMMENDATIONS[1],
        "數位發展部 (MODA)",
        "進行中",
        "=研擬 MRA",
    ]
    xlsx = client.get(reverse("followups:adoption_table", args=[meeting.pk, 2025, 1, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("編號", "建議事項", "負責機關", "採行情形", "辦理情形或未採行理由", "更新日期")
    assert rows[3][:5] == (
        "2",
        TELWG70_RECOMMENDATIONS[1],
        "數位發展部 (MODA)",
        "進行中",
        "'=研擬 MRA",
    )  # a cell never runs as a formula


@pytest.mark.parametrize(("half", "fmt", "status"), [(3, "docx", 400), (1, "pdf", 404)])
def test_a_bad_half_or_format_is_a_clear_refusal(client, tracked, half, fmt, status):
    meeting, _recs = tracked
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("followups:adoption_table", args=[meeting.pk, 2025, half, fmt]))
    assert response.status_code == status


def test_the_owner_sets_the_adoption_status_on_the_item_page(client, tracked):
    meeting, recs = tracked
    head = UserFactory(language="en")
    ParticipantFactory(meeting=meeting, user=head, role="head")
    client.force_login(head)
    url = reverse("followups:adoption", args=[recs[3].item_id])
    response = client.post(
        url, {"status": "not_adopted", "reason": ""}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Say why the recommendation is not adopted." in response.content.decode()
    client.post(url, {"status": "not_adopted", "reason": "教育部主政"})
    recs[3].refresh_from_db()
    assert (recs[3].status, recs[3].reason) == ("not_adopted", "教育部主政")
    assert client.post(url, {"status": "nonsense"}).status_code == 302
    recs[3].refresh_from_db()
    assert recs[3].status == "not_adopted"
