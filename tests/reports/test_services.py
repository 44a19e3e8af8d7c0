"""Report import services: the meeting's context, who is responsible, deadlines, duplicates, review."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from actions.models import ActionItem, Deadline, DeadlineMode, Status
from meetings.models import Organization
from reports import services
from reports.extract import extract
from reports.layout import read_text
from reports.lookup import ImportLookup
from reports.models import CandidateState, ImportCandidate
from reports.sessions import session_keywords
from tests import factories
from tests.reports.conftest import CONTEXT, REPORT, REPORT_TEXT

NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


def _import(meeting, text=REPORT_TEXT):
    extraction = services.read_report(meeting, read_text(text))
    return services.minutes_import_create(
        meeting=meeting, file_name="report.txt", sha256="0" * 64, extraction=extraction, by=None, now=NOW
    )


def _proposed(minutes_import):
    return minutes_import.candidates.exclude(state=CandidateState.NOT_PROPOSED)


@pytest.mark.parametrize(
    ("section", "keywords"),
    [
        ("", ()),
        ("四、大會", ("大會",)),
        (
            "六、(一) 資通訊科技發展與政策指導分組 (DPSG)",
            ("資通訊科技發展與政策指導分組 (DPSG)", "資通訊科技發展與政策指導分組", "(DPSG)"),
        ),
        # A range of sub-headings is read from the report itself.
        (
            "四、大會 (六)–(十二)",
            (
                "分組報告",
                "TEL 計畫提案",
                "TELWG 2026 年至 2030 年策略行動計畫與組織章程",
                "未來會議事宜",
                "後續工作項目確認",
                "臨時動議",
                "閉幕式",
            ),
        ),
    ],
)
def test_session_keywords_come_from_the_report_section(section, keywords):
    assert session_keywords(section, REPORT.read_text(encoding="utf-8")) == keywords


def test_the_fixture_meeting_reads_the_report_like_the_labelled_context(telwg70):
    """Sessions, their days and headings built from the database place every candidate alike."""
    blocks = read_text(REPORT.read_text(encoding="utf-8"))
    from_db = {
        (c.excerpt, c.due_date): (c.session, c.rule) for c in services.read_report(telwg70, blocks).candidates
    }
    labelled = {(c.excerpt, c.due_date): (c.session, c.rule) for c in extract(blocks, CONTEXT).candidates}
    shared = from_db.keys() & labelled.keys()
    assert len(shared) >= 0.9 * len(labelled)
    assert {key: from_db[key] for key in shared} == {key: labelled[key] for key in shared}
    assert sum(session is not None for session, _rule in from_db.values()) >= 30


def test_responsible_names_map_to_organizations(telwg70):
    lookup = ImportLookup.load(telwg70)
    table = {
        "我國": "moda",  # the head of delegation's agency
        "中華台北": "moda",
        "秘書處": "apec-secretariat",
        "APEC 秘書處": "apec-secretariat",
        "The Secretariat": "apec-secretariat",
        "各經濟體": "apec-economies",
        "韓國": "economy-kr",
        "中國": "economy-cn",  # written short for 中國大陸
        "Australia": "economy-au",
        "GLOBAC": "globac",
        "主席": None,
        "美國與韓國": None,
        "": None,
    }
    found = {written: getattr(lookup.responsible(written), "code", None) for written in table}
    assert found == table


def test_accepting_creates_open_items_with_sessions_and_deadlines(meeting):
    minutes_import = _import(meeting)
    assert minutes_import.candidate_count == 5
    result = services.import_candidates_accept(candidates=_proposed(minutes_import), by=None, now=NOW)
    assert (result.accepted, result.created, result.duplicates) == (5, 5, 0)
    items = {
        item.source_excerpt[:8]: item
        for item in ActionItem.objects.filter(meeting=meeting).select_related(
            "deadline", "deadline__anchor_session", "session", "responsible"
        )
    }
    assert {item.status for item in items.values()} == {Status.OPEN}

    country = items["APEC 秘書處"]
    assert (country.kind, country.responsible.code, country.session.code) == (
        "our_task",
        "our-agency",
        "closing",
    )
    # Set by the secretariat: 13 March ends at 23:59:59 in Singapore.
    assert (country.deadline.mode, country.deadline.due_on, country.deadline.zone) == (
        DeadlineMode.ABSOLUTE,
        date(2025, 3, 13),
        "Asia/Singapore",
    )
    assert country.deadline.due_at == datetime(2025, 3, 13, 15, 59, 59, tzinfo=UTC)
    assert country.deadline.set_by.code == "apec-secretariat"
    assert country.source_section == "二、後續工作項目確認"
    assert list(country.activities.values_list("verb", flat=True)) == ["created", "imported"]

    compile_ = items["秘書處將負責收集"]
    assert compile_.responsible.code == "apec-secretariat"
    assert (
        compile_.deadline.mode,
        compile_.deadline.rule_amount,
        compile_.deadline.rule_unit,
        compile_.deadline.rule_anchor,
        compile_.deadline.calendar,
        compile_.deadline.due_on,
    ) == (DeadlineMode.RELATIVE, 20, "working_days", "meeting_end", "KR", date(2025, 4, 4))

    draft = items["主席表示，目前的"]
    assert draft.responsible is None
    assert "Responsible as written in the report: 主席" in draft.description
    assert (draft.deadline.rule_anchor, draft.deadline.anchor_session.code, draft.deadline.due_on) == (
        "session",
        "declaration",
        date(2025, 3, 18),
    )
    assert draft.session.code == "declaration"

    korea = items["韓國將於 114"]
    assert (korea.responsible.code, korea.deadline.precision, korea.deadline.due_on, korea.deadline.zone) == (
        "economy-kr",
        "month",
        date(2025, 4, 30),
        "Asia/Seoul",
    )

    views = items["主席呼籲各經濟體"]  # no date written: no deadline, never a guess
    assert views.deadline is None
    assert "no date is written" in views.description


def test_rejecting_writes_no_item(meeting):
    minutes_import = _import(meeting)
    rejected = services.import_candidates_reject(candidates=_proposed(minutes_import), by=None, now=NOW)
    assert rejected == 5
    assert not ActionItem.objects.filter(meeting=meeting).exists()
    assert not Deadline.objects.filter(meeting=meeting).exists()
    assert set(_proposed(minutes_import).values_list("state", flat=True)) == {CandidateState.REJECTED}


def test_a_second_upload_marks_accepted_items_as_duplicates(meeting):
    first = _import(meeting)
    services.import_candidates_accept(candidates=_proposed(first), by=None, now=NOW)
    second = _import(meeting)
    assert set(_proposed(second).values_list("state", flat=True)) == {CandidateState.DUPLICATE}
    result = services.import_candidates_accept(candidates=_proposed(second), by=None, now=NOW)
    assert (result.accepted, result.created) == (0, 0)
    assert ActionItem.objects.filter(meeting=meeting).count() == 5


def test_an_item_typed_by_hand_with_the_same_sentence_and_day_is_recognised(meeting):
    deadline = factories.DeadlineFactory(meeting=meeting, due_on=date(2025, 3, 13))
    typed = factories.ActionItemFactory(
        meeting=meeting,
        deadline=deadline,
        source_excerpt="APEC 秘書處提醒各經濟體會議結束後一周，即 3月13日為國情報告最後上傳期限；另有說明。",
    )
    minutes_import = _import(meeting)
    duplicate = minutes_import.candidates.get(state=CandidateState.DUPLICATE)
    assert duplicate.item == typed
    assert minutes_import.candidates.filter(state=CandidateState.PENDING).count() == 4


def test_the_same_sentence_with_another_due_day_is_not_a_duplicate(meeting):
    deadline = factories.DeadlineFactory(meeting=meeting, due_on=date(2025, 3, 27))
    factories.ActionItemFactory(
        meeting=meeting,
        deadline=deadline,
        source_excerpt="APEC 秘書處提醒各經濟體會議結束後一周，即 3 月 13 日為國情報告最後上傳期限。",
    )
    minutes_import = _import(meeting)
    assert not minutes_import.candidates.filter(state=CandidateState.DUPLICATE).exists()


def test_accepting_twice_creates_once(meeting):
    minutes_import = _import(meeting)
    candidates = list(_proposed(minutes_import))
    services.import_candidates_accept(candidates=candidates, by=None, now=NOW)
    again = services.import_candidates_accept(candidates=candidates, by=None, now=NOW)
    assert (again.accepted, again.created) == (0, 0)
    assert ActionItem.objects.filter(meeting=meeting).count() == 5


def test_the_import_key_is_unique_per_meeting_in_the_database(meeting):
    from django.db import IntegrityError, transaction

    factories.ActionItemFactory(meeting=meeting, import_key="k" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ActionItemFactory(meeting=meeting, import_key="k" * 64)
    factories.ActionItemFactory(meeting=meeting, import_key="")  # hand-made items have no key
    factories.ActionItemFactory(meeting=meeting, import_key="")


def test_proposed_items_from_the_command_open_on_accept_and_drop_on_reject(meeting):
    minutes_import = _import(meeting)
    services.import_candidates_accept(
        candidates=_proposed(minutes_import), by=None, now=NOW, status=Status.PROPOSED
    )
    assert set(ActionItem.objects.values_list("status", flat=True)) == {Status.PROPOSED}
    pending = list(minutes_import.candidates.filter(state=CandidateState.PENDING).order_by("position"))
    assert len(pending) == 5  # still waiting for a person
    services.import_candidates_accept(candidates=pending[:2], by=None, now=NOW)
    services.import_candidates_reject(candidates=pending[2:], by=None, now=NOW)
    statuses = [c.item.status for c in _proposed(minutes_import).order_by("position")]
    assert statuses == [Status.OPEN, Status.OPEN, Status.DROPPED, Status.DROPPED, Status.DROPPED]
    assert ActionItem.objects.count() == 5


def test_an_unknown_zone_falls_back_to_the_venue(meeting):
    Organization.objects.filter(code="economy-kr").update(time_zone="")
    minutes_import = _import(meeting)
    services.import_candidates_accept(candidates=_proposed(minutes_import), by=None, now=NOW)
    korea = ActionItem.objects.get(source_excerpt__startswith="韓國將於")
    assert korea.deadline.zone == meeting.venue_zone


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_accepting_the_same_follow_up_at_once_create_one_item():
    """Two uploads of one report, accepted at the same moment by two people: one item each follow-up."""
    import threading

    from django.db import close_old_connections, connection

    from tests.conftest import need_service

    need_service(connection.vendor == "postgresql", "row locks need PostgreSQL (DATABASE_URL)")
    meeting = factories.MeetingFactory(slug="race")
    text = "二、後續工作項目確認\nAPEC 秘書處提醒各經濟體 3 月 13 日為國情報告最後上傳期限。\n"
    uploads = [_import(meeting, text) for _ in range(2)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def review(minutes_import) -> None:
        try:
            start.wait()
            services.import_candidates_accept(
                candidates=list(minutes_import.candidates.all()), by=None, now=NOW
            )
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=review, args=(u,)) for u in uploads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert ActionItem.objects.filter(meeting=meeting).count() == 1
    states = sorted(
        ImportCandidate.objects.exclude(state=CandidateState.NOT_PROPOSED).values_list("state", flat=True)
    )
    assert states == [CandidateState.ACCEPTED, CandidateState.DUPLICATE]
