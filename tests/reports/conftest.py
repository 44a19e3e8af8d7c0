"""What the report tests share: the TELWG 70 report, its labels and the meeting as the reader sees it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from reports.candidates import MeetingContext
from reports.extract import extract
from reports.layout import read_text
from reports.scoring import labelled_context
from tests import factories

HERE = Path(__file__).resolve().parent
LABELLED = json.loads((HERE / "telwg70_labelled.json").read_text(encoding="utf-8"))
REPORT = HERE.parent / "data" / "telwg70-report-zh-Hant.txt"
CORPUS = HERE / "corpus"


CONTEXT = labelled_context(LABELLED["meeting"], "APEC TELWG 70")
DECLARATION_SESSION = "亞太經合組織數位與人工智慧部長宣言草案討論會議"

REPORT_TEXT = """一、部長宣言草案討論會議
主席表示，目前的草案版本尚為初稿，預計兩週內提供修正版。
二、後續工作項目確認
APEC 秘書處提醒各經濟體會議結束後一周，即 3 月 13 日為國情報告最後上傳期限。
秘書處將負責收集所有經濟體的書面意見，並預計於會議結束後 20 個工作日內完成彙整與提交。
韓國將於 114 年 4 月底前完成工作細目。
主席呼籲各經濟體回國後與相關部會討論，提供對於草案之看法。
"""


@pytest.fixture
def meeting(db):
    """A small meeting shaped like TELWG 70: a head of delegation, the secretariat, two sessions."""
    meeting = factories.MeetingFactory(slug="telwg-small", holiday_calendar="KR")
    ours = factories.OrganizationFactory(code="our-agency", name="我們的部", kind="our_agency")
    factories.OrganizationFactory(
        code="apec-secretariat",
        name="APEC 秘書處",
        name_en="APEC Secretariat",
        kind="secretariat",
        time_zone="Asia/Singapore",
    )
    factories.OrganizationFactory(
        code="apec-economies", name="各經濟體", kind="other", time_zone="Asia/Singapore"
    )
    factories.OrganizationFactory(
        code="economy-kr",
        name="韓國",
        name_en="Republic of Korea",
        kind="economy",
        time_zone="Asia/Seoul",
        abbreviation="KR",
    )
    factories.OrganizationFactory(
        code="economy-cn",
        name="中國大陸",
        name_en="China",
        kind="economy",
        time_zone="Asia/Shanghai",
        abbreviation="CN",
    )
    factories.ParticipantFactory(meeting=meeting, organization=ours, role="head")
    factories.SessionFactory(
        meeting=meeting,
        code="declaration",
        name="宣言討論",
        starts_at=datetime(2025, 3, 4, 5, 0, tzinfo=UTC),
        report_section="一、部長宣言草案討論會議",
    )
    factories.SessionFactory(
        meeting=meeting,
        code="closing",
        name="閉幕",
        starts_at=datetime(2025, 3, 7, 0, 0, tzinfo=UTC),
        report_section="二、後續工作項目確認",
    )
    return meeting


def pdf_bytes(content: bytes) -> bytes:
    """A one-page PDF whose page draws `content` (a content stream), with Helvetica as /F1."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_pdf(*lines: str) -> bytes:
    shown = b"".join(b"(%s) Tj 0 -16 Td " % line.encode("latin-1") for line in lines)
    return pdf_bytes(b"BT /F1 12 Tf 72 720 Td " + shown + b"ET")


# --- Short texts read by the rules alone (test_reader_rules.py, test_reader_later_meetings.py) ---

BOARD = MeetingContext(date(2025, 12, 9), date(2025, 12, 9), calendar="GB-ENG", our_names=("我國", "we"))

WORKSHOP = MeetingContext(date(2026, 3, 10), date(2026, 3, 12), calendar="TW")

UNSEEN = MeetingContext(
    date(2025, 11, 17), date(2025, 11, 18), calendar="BE", title="Expert Group, 14th meeting"
)

BONN = MeetingContext(date(2026, 6, 8), date(2026, 6, 18), calendar="DE-NW", title="SBX 64")

NOTES = MeetingContext(date(2026, 4, 14), date(2026, 4, 15), calendar="FR", title="XYZ Working Party (WPX)")

GENEVA = MeetingContext(
    date(2026, 5, 20), date(2026, 5, 22), calendar="CH-GE", title="SPS Committee, 94th meeting"
)

MISSION_GENEVA = MeetingContext(
    date(2025, 6, 10), date(2025, 6, 12), calendar="CH-GE", our_names=("我國", "本團")
)

MEMO = MeetingContext(date(2025, 11, 4), date(2025, 11, 5), calendar="US", our_names=("我國", "we"))

BOARD_MINUTES = MeetingContext(
    date(2024, 10, 15), date(2024, 10, 15), calendar="TW", title="第六屆第五次理事、監事聯席會議"
)

TASK_FORCE = MeetingContext(
    date(2025, 10, 8), date(2025, 10, 8), calendar="TW", title="國際會議因應小組第8次會議"
)

STEERING = MeetingContext(date(2025, 11, 5), date(2025, 11, 6), calendar="MY")

EXECUTIVE_BOARD = MeetingContext(date(2026, 2, 2), date(2026, 2, 7), calendar="CH-GE", title="EB158")

READOUT = MeetingContext(date(2026, 4, 21), date(2026, 4, 22), calendar="US")


def read_rules(text: str, context: MeetingContext = BOARD):
    return extract(read_text(text), context, second_opinion=False)


def proposed(text: str, context: MeetingContext = BOARD) -> dict[str, str | None]:
    return {
        c.excerpt: (c.due_date.isoformat() if c.due_date else None)
        for c in read_rules(text, context).candidates
    }


def titles(text: str, context: MeetingContext = BOARD) -> dict[str, str | None]:
    return {
        c.title: (c.due_date.isoformat() if c.due_date else None)
        for c in read_rules(text, context).candidates
    }


def read_all(text: str, context: MeetingContext) -> list[tuple[str, str | None]]:
    return [
        (c.excerpt, c.due_date.isoformat() if c.due_date else None)
        for c in read_rules(text, context).candidates
    ]
