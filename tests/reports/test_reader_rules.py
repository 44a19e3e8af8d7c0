"""The reader's decisions on short texts of the kinds the corpus taught it (rules alone, no model)."""

from __future__ import annotations

from datetime import date

from reports.candidates import MeetingContext
from reports.extract import extract
from reports.layout import read_text

BOARD = MeetingContext(date(2025, 12, 9), date(2025, 12, 9), calendar="GB-ENG", our_names=("我國", "we"))
WORKSHOP = MeetingContext(date(2026, 3, 10), date(2026, 3, 12), calendar="TW")


def _read(text: str, context: MeetingContext = BOARD):
    return extract(read_text(text), context, second_opinion=False)


def _proposed(text: str, context: MeetingContext = BOARD) -> dict[str, str | None]:
    return {
        c.excerpt: (c.due_date.isoformat() if c.due_date else None) for c in _read(text, context).candidates
    }


def _titles(text: str, context: MeetingContext = BOARD) -> dict[str, str | None]:
    return {
        c.title: (c.due_date.isoformat() if c.due_date else None) for c in _read(text, context).candidates
    }


def test_a_date_of_next_meeting_section_dates_the_next_meeting() -> None:
    text = (
        "MINUTES\n\n4. Finance\n\nDP to bring the revised reserves policy to the next meeting.\n\n"
        "11. Date of next meeting\n\nTuesday 10 March 2026, 6.00pm, at 14 Mare Street.\n"
    )
    found = _proposed(text)
    assert found["DP to bring the revised reserves policy to the next meeting."] == "2026-03-10"
    assert found["Tuesday 10 March 2026, 6.00pm, at 14 Mare Street."] == "2026-03-10"


def test_numbered_lines_in_sequence_are_separate_items_even_in_wrapped_text() -> None:
    filler = "The group discussed the regional data outlook at some length and agreed on the plan.\n" * 8
    text = (
        filler
        + "\nFor me:\n"
        + "   1) Brief H.E. on items 3 and 4 - DONE (Fri am, she is supportive of the pilot)\n"
        + "   2) Email to MFA trade desk re: pilot workshop names - DONE (Fri 12 Dec)\n"
        + "   3) Customs data request for TO (item 5) - asked Customs Fri - chase them (by 9 Jan)\n"
    )
    found = _proposed(text)
    [chase] = [excerpt for excerpt in found if "chase them" in excerpt]
    assert found[chase] == "2026-01-09"
    assert not any("Brief H.E." in excerpt for excerpt in found)  # marked DONE


def test_a_row_closed_in_its_due_cell_is_not_proposed() -> None:
    text = "| No. | Action | Owner | By when |\n|---|---|---|---|\n| S1 | Obtain three quotes | BA | Done |\n"
    extraction = _read(text)
    assert extraction.candidates == []
    assert [m.reason for m in extraction.mentions] == ["the table marks it done"]


def test_a_due_cell_holding_a_length_of_time_counts_it_from_the_meeting() -> None:
    text = (
        "| No. | Action | Owner | By when |\n|---|---|---|---|\n"
        "| 1 | Circulate draft minutes | CD | 10 working days |\n"
    )
    # 10 working days after Tue 9 Dec 2025 on the England calendar: 23 Dec.
    assert _titles(text) == {"Circulate draft minutes": "2025-12-23"}


def test_a_chat_log_counts_tomorrow_from_the_day_of_the_message() -> None:
    text = (
        "2026/03/10（二）\n07:30\t陳怡君\t各位早安，今天第一天\n\n"
        "2026/03/11（三）\n16:50\tAmy\t提醒：明天上午場地會換到 3 樓\n\n"
        "2026/03/12（四）\n17:35\t陳怡君\t成果報告請佳穎明天中午前寄給各講者確認\n"
    )
    found = _proposed(text, WORKSHOP)
    assert not any("場地會換到" in excerpt for excerpt in found)  # tomorrow was the meeting's last day
    [report] = [excerpt for excerpt in found if "成果報告" in excerpt]
    assert found[report] == "2026-03-13"


def test_a_clause_pointing_at_the_deadline_takes_the_one_stated() -> None:
    text = (
        "秘書處產能問卷期限為 11 月 21 日，建議由產業發展署於 11 月 14 日前完成我國產能資料初稿，"
        "送本署彙整後於秘書處期限前回覆。\n"
    )
    found = _titles(text, MeetingContext(date(2025, 9, 29), date(2025, 9, 30), calendar="FR"))
    assert "2025-11-14" in found.values()  # the draft
    assert any("回覆" in title and due == "2025-11-21" for title, due in found.items())  # the reply


def test_the_workshop_named_alone_is_the_one_the_report_dates() -> None:
    text = (
        "The peer-learning workshop will take place in Lima from 9 to 11 March 2026.\n\n"
        "Final slides are due two weeks before the workshop; "
        "please bring them to the workshop on a USB stick.\n"
    )
    found = _proposed(text, MeetingContext(date(2026, 1, 14), date(2026, 1, 14), calendar="MX"))
    assert sorted(found.values()) == ["2026-02-23", "2026-03-09", "2026-03-09"]


def test_two_workshops_leave_the_workshop_undated() -> None:
    text = (
        "A workshop on data will take place in Lima on 9 March 2026.\n\n"
        "A second workshop, on finance, will take place in Quito on 20 April 2026.\n\n"
        "Slides are due two weeks before the workshop.\n"
    )
    extraction = _read(text, MeetingContext(date(2026, 1, 14), date(2026, 1, 14), calendar="MX"))
    slides = [c for c in extraction.candidates if c.excerpt.startswith("Slides")]
    assert all(c.due_date is None for c in slides)  # never one workshop's date picked at random
    assert slides or any(m.excerpt.startswith("Slides") for m in extraction.mentions)


def test_a_long_term_year_goal_is_listed_not_proposed() -> None:
    text = "PPFS 呼籲各經濟體於 2030 年前將糧食損失與浪費減半。\n"
    extraction = _read(text, MeetingContext(date(2025, 8, 4), date(2025, 8, 6), calendar="KR"))
    assert extraction.candidates == []
    assert "long-term goal" in extraction.mentions[0].reason


def test_a_request_reported_in_the_past_tense_still_asks_for_the_future() -> None:
    text = "20. Member States were encouraged to share with the secretariat their national strategies.\n"
    [candidate] = _read(text).candidates
    assert candidate.kind == "our_task"


def test_the_committee_had_before_it_is_not_before_the_session() -> None:
    text = (
        "40. The Committee decided to hold its seventh session in Bangkok from 16 to 18 November 2027.\n\n"
        "9. The Committee had before it the note by the secretariat (ESCAP/CE/2025/1).\n"
    )
    found = _proposed(text, MeetingContext(date(2025, 11, 11), date(2025, 11, 13), calendar="TH"))
    assert not any("had before it" in excerpt for excerpt in found)


def test_action_points_before_the_virtual_meeting_take_its_date() -> None:
    text = (
        "ACTION POINTS\n\n"
        "AP7: ALL – nominate one focal point for the pilot phase by 20 January 2026.\n\n"
        "AP9: Eurostat – share the survey design before the virtual meeting.\n\n"
        "AP13: Secretariat – circulate the revised ToR two weeks before the virtual meeting.\n\n"
        "NEXT MEETINGS\n\n"
        "Fourth meeting (virtual): Tuesday 17 March 2026, 13:00–16:00 UTC.\n"
    )
    read = _read(text)
    due = {
        c.excerpt.split(" –")[0]: (c.due_date.isoformat() if c.due_date else None, c.kind)
        for c in read.candidates
    }
    assert due["AP9: Eurostat"][0] == "2026-03-17"  # AP9 is an action point, not a meeting
    assert due["AP13: Secretariat"][0] == "2026-03-03"
    assert due["AP7: ALL"] == ("2026-01-20", "our_task")  # everyone's, so ours too


def test_a_chinese_meeting_dated_by_its_day_anchors_before_it() -> None:
    text = (
        "會議決議：工作計畫定稿將提交 114 年 11 月 18 日（星期二）之閉會期間視訊會議確認。"
        "請有意發言之經濟體，於視訊會議前 1 週以電子郵件通知秘書處。\n"
    )
    found = _proposed(text, MeetingContext(date(2025, 8, 4), date(2025, 8, 8), calendar="TW"))
    [notify] = [excerpt for excerpt in found if "通知秘書處" in excerpt]
    assert found[notify] == "2025-11-11"


def test_a_meeting_named_with_next_is_the_same_meeting_without_it() -> None:
    text = (
        "PPFS 下次大會確定於 2026 年 2 月 24 日至 26 日在中國寧波舉行。\n\n"
        "主辦單位將於會後兩週內寄送全部簡報，並將摘要提交 PPFS 大會。\n"
    )
    read = _read(text, MeetingContext(date(2025, 11, 4), date(2025, 11, 6), calendar="VN"))
    dues = sorted(str(c.due_date) for c in read.candidates if "提交 PPFS 大會" in c.excerpt)
    assert dues == ["2025-11-20", "2026-02-24"]  # the slides two weeks after; the summary by the meeting


def test_a_bare_month_day_due_cell_reads_in_the_row_s_script() -> None:
    text = (
        "辦理事項\t負責人\t期限\n簡報電子檔寄日、泰、秘魯\t俊宏\t11/7\nSend the slides to Peru\tJH\t27/11\n"
    )
    found = _titles(text, MeetingContext(date(2025, 11, 4), date(2025, 11, 6), calendar="VN"))
    assert "2025-11-07" in found.values()  # 11/7 in a Chinese row is 7 November
    assert "2025-11-27" in found.values()  # 27/11 in an English row cannot be a month first


UNSEEN = MeetingContext(
    date(2025, 11, 17), date(2025, 11, 18), calendar="BE", title="Expert Group, 14th meeting"
)


def test_a_table_row_read_as_two_sentences_is_proposed_once() -> None:
    text = (
        "| Action | Owner | Due |\n|---|---|---|\n"
        "| A2. Send comments on the draft minutes | All | 11 December 2025 |\n"
    )
    assert [c.due_date.isoformat() for c in _read(text, UNSEEN).candidates] == ["2025-12-11"]


def test_weeks_in_advance_count_back_from_the_meeting_just_named() -> None:
    text = (
        "The 15th meeting of the Expert Group will be held in Brussels on 25-26 March 2026. "
        "The draft agenda will be circulated four weeks in advance.\n"
    )
    found = _proposed(text, UNSEEN)
    assert found["The draft agenda will be circulated four weeks in advance."] == "2026-02-25"


def test_the_next_group_meeting_named_with_its_acronym_is_the_next_meeting() -> None:
    text = (
        "Editors would submit an updated draft to the next SG20 meeting for consent.\n\n"
        "The next meeting of Study Group 20 will take place in Geneva from 13 to 22 April 2026.\n"
    )
    found = _proposed(text, UNSEEN)
    assert (
        found["Editors would submit an updated draft to the next SG20 meeting for consent."] == "2026-04-13"
    )


def test_working_days_before_that_deadline_count_back_from_it() -> None:
    text = (
        "Capital to prepare written comments before the EU deadline of 15 May 2026. "
        "Draft to reach the mission at least 5 working days before that deadline.\n"
    )
    found = _proposed(text, UNSEEN)
    # Fri 15 May back 5 Belgian working days, Ascension Day (Thu 14 May 2026) skipped
    assert found["Draft to reach the mission at least 5 working days before that deadline."] == "2026-05-07"


def test_an_earlier_session_of_the_same_body_dates_nothing() -> None:
    context = MeetingContext(
        date(2025, 10, 6), date(2025, 10, 10), calendar="AT", title="Working Group IV, seventy-first session"
    )
    text = (
        "1. At its fifty-seventh session, in 2024, the Commission took note of the work and requested "
        "the Working Group to prepare guidance.\n"
    )
    assert _read(text, context).candidates == []


def test_a_request_after_a_comma_takes_its_own_date() -> None:
    text = "下次會議訂於114年12月24日下午2時30分召開，請各部會於下次會議前一週將辦理進度送本署彙整。\n"
    context = MeetingContext(date(2025, 11, 20), date(2025, 11, 20), calendar="TW", title="第3次工作會議")
    assert sorted(c.due_date.isoformat() for c in _read(text, context).candidates) == [
        "2025-12-17",
        "2025-12-24",
    ]


def test_receipt_counted_from_an_undated_event_is_undated() -> None:
    text = "秘書處將於會後 30 個工作天內分送紀錄草案予各代表團，各代表團於收到後兩週內提出修正意見。\n"
    context = MeetingContext(date(2025, 9, 29), date(2025, 9, 30), calendar="FR", title="第 99 次會議")
    dates = [c.due_date.isoformat() if c.due_date else None for c in _read(text, context).candidates]
    assert sorted(dates, key=str) == ["2025-11-12", None]


def test_a_planned_date_in_the_status_cell_is_the_due_date() -> None:
    text = (
        "| 項次 | 辦理事項 | 負責單位 | 辦理情形 |\n|---|---|---|---|\n"
        "| 8-2 | 建置出口產品碳足跡係數資料庫 | 環境部 "
        "| 已完成鋼鐵類 12 項產品係數;鋁製品係數預定 114 年 12 月底前完成 |\n"
    )
    context = MeetingContext(date(2025, 10, 30), date(2025, 10, 30), calendar="TW", title="工作會議")
    assert [c.due_date.isoformat() for c in _read(text, context).candidates] == ["2025-12-31"]


def test_an_action_code_before_a_colon_is_not_a_form_field() -> None:
    text = "2. ACTION POINTS\n\nAP3: ALL – comments on draft ToR by 11 December 2025\n"
    assert list(_proposed(text, UNSEEN).values()) == ["2025-12-11"]


def test_members_encouraged_to_contribute_is_an_undated_follow_up() -> None:
    text = "The working party agreed to a new item and encouraged Members to contribute to its development.\n"
    assert list(_proposed(text, UNSEEN).values()) == [None]


BONN = MeetingContext(date(2026, 6, 8), date(2026, 6, 18), calendar="DE-NW", title="SBX 64")


def test_a_session_named_with_its_month_takes_the_days_the_report_gives_that_month() -> None:
    text = (
        "5. The SBX asked the secretariat to prepare a technical paper for consideration at SBX 66 "
        "(May 2027).\n\n"
        "9. The SBX recommended that the first sessional period in 2027 be held from Tuesday, 11 May, "
        "to Friday, 21 May 2027.\n"
    )
    found = _proposed(text, BONN)
    [paper] = [excerpt for excerpt in found if "technical paper" in excerpt]
    [period] = [excerpt for excerpt in found if "sessional period" in excerpt]
    assert found[paper] == "2027-05-11"
    assert found[period] == "2027-05-11"  # the range, not "in 2027" as a year of its own
    assert len(found) == 2


def test_a_deadline_counted_back_from_the_session_replaces_the_session_in_its_sentence() -> None:
    text = (
        "The SBX noted that SBX 65 will be held from 9 to 14 November 2026.\n\n"
        "The SBX asked the secretariat to publish a summary for consideration at SBX 65, and to make it "
        "available at least four weeks before that session.\n"
    )
    found = _proposed(text, BONN)
    [summary] = [excerpt for excerpt in found if "publish a summary" in excerpt]
    assert found[summary] == "2026-10-12"
    assert sum("publish a summary" in excerpt for excerpt in found) == 1


def test_an_event_in_conjunction_with_a_dated_session_takes_its_first_day() -> None:
    text = (
        "SBX 65 will be held from 9 to 14 November 2026.\n\n"
        "The SBX requested the secretariat to organize a dialogue on ocean data in conjunction with SBX 65.\n"
    )
    found = _proposed(text, BONN)
    [dialogue] = [excerpt for excerpt in found if "dialogue" in excerpt]
    assert found[dialogue] == "2026-11-09"


def test_a_date_of_each_year_is_a_standing_rule_not_a_deadline() -> None:
    text = (
        "Parties were urged to pay their contributions as soon as possible, "
        "as they fall due on 1 March of each year.\n"
    )
    assert list(_proposed(text, BONN).values()) == [None]


NOTES = MeetingContext(date(2026, 4, 14), date(2026, 4, 15), calendar="FR", title="XYZ Working Party (WPX)")


def test_a_delegates_notes_read_their_shorthand() -> None:
    text = (
        "ITEM 2 toolkit\n"
        "- draft toolkit → WPX for approval at Jul mtg\n"
        "- → us: once the toolkit is out, fwd to energy bureau [HL]\n"
        "- papers for Jul roundtable due 3 wks before mtg\n"
        "- NEXT WPX: 6–7 Jul 2026, Paris\n"
        "- speakers -> names to Sec 1 mo before nxt mtg\n"
        "- → us: decide who goes to Jul mtg by end May [HL]\n"
    )
    found = {excerpt.lstrip("- "): due for excerpt, due in _proposed(text, NOTES).items()}
    assert found["draft toolkit → WPX for approval at Jul mtg"] == "2026-07-06"
    assert found["→ us: once the toolkit is out, fwd to energy bureau [HL]"] is None
    assert found["papers for Jul roundtable due 3 wks before mtg"] == "2026-06-15"
    assert found["speakers -> names to Sec 1 mo before nxt mtg"] == "2026-06-06"
    assert found["→ us: decide who goes to Jul mtg by end May [HL]"] == "2026-05-31"


def test_a_meeting_named_in_a_longer_name_is_its_numbered_meeting() -> None:
    text = (
        "1. Please send your slides to the Secretariat at least two weeks before the Fifth Meeting.\n\n"
        "2. The Fifth Meeting of the Forum will be held in Colombo from 11 to 13 October 2027.\n"
    )
    context = MeetingContext(
        date(2027, 3, 31), date(2027, 4, 2), calendar="TH", title="Forum, Fourth Meeting"
    )
    found = _proposed(text, context)
    [slides] = [excerpt for excerpt in found if "slides" in excerpt]
    assert found[slides] == "2027-09-27"


def test_a_short_due_cell_names_the_meeting() -> None:
    text = (
        "8.2 The sixth meeting will be held in Rome on 14-15 June 2027.\n\n"
        "| # | Action | Lead | Due |\n|---|---|---|---|\n"
        "| 1 | Progress report on the pilot | Task Team | Sixth meeting |\n"
        "| 2 | Agenda proposals for the sixth meeting | Delegates | 3 weeks before meeting |\n"
    )
    context = MeetingContext(
        date(2026, 11, 17), date(2026, 11, 18), calendar="US", title="Fifth meeting of the group"
    )
    found = _proposed(text, context)
    assert found["1 | Progress report on the pilot | Task Team | Sixth meeting"] == "2027-06-14"
    assert (
        found["2 | Agenda proposals for the sixth meeting | Delegates | 3 weeks before meeting"]
        == "2027-05-24"
    )


def test_a_session_said_to_be_in_an_earlier_year_is_not_a_later_meeting() -> None:
    text = (
        "2. At its sixtieth session, in 2024, the Commission requested the Working Group "
        "to prepare guidance.\n"
    )
    context = MeetingContext(
        date(2026, 10, 19), date(2026, 10, 23), calendar="AT", title="Working Group III, 51st session"
    )
    assert [c.due_date for c in _read(text, context).candidates] == []


def test_a_date_in_the_purpose_of_a_deadline_is_not_one_more() -> None:
    text = (
        "ACTION: Treasurer to get three insurance quotes by 11 December, "
        "so the policy can be renewed before year end.\n"
    )
    assert list(_proposed(text, BOARD).values()) == ["2025-12-11"]


def test_the_month_of_a_meeting_is_the_dated_meeting_of_that_month() -> None:
    text = (
        "The next meeting will be held on Thursday 26 February 2026.\n\n"
        "ACTION: Governance Committee to finalize the by-law amendment for approval at the February "
        "meeting, so that it can go to the members at the AGM.\n"
    )
    found = _proposed(text, BOARD)
    [bylaw] = [excerpt for excerpt in found if "by-law" in excerpt]
    assert found[bylaw] == "2026-02-26"


def test_an_undated_task_given_to_the_secretariat_or_a_promise_by_title_is_proposed() -> None:
    text = (
        "21. The Committee requested the secretariat to publish the submissions on the portal.\n\n"
        "The Ministry's adviser, Ms. Lee, undertook to share the draft bulletin once it is available.\n"
    )
    found = _read(text, BONN).candidates
    assert [(c.due_date, c.kind) for c in found] == [(None, "external_commitment")] * 2


def test_the_dialogue_is_the_one_named_dialogue_the_report_dates() -> None:
    text = (
        "17. The SBX welcomed the offer of Portugal to host the fourth Ocean Data Dialogue in Lisbon "
        "on 21 and 22 April 2027.\n\n"
        "18. The SBX invited Parties to submit case studies no later than four weeks before the Dialogue.\n"
    )
    found = _proposed(text, BONN)
    [studies] = [excerpt for excerpt in found if "case studies" in excerpt]
    assert found[studies] == "2027-03-24"


def test_continuing_consideration_at_a_dated_session_is_an_event() -> None:
    text = (
        "SBX 66 will be held from 7 to 16 June 2027.\n\n"
        "27. The SBX agreed to continue consideration of this matter at SBX 66.\n"
    )
    found = _proposed(text, BONN)
    assert found["27. The SBX agreed to continue consideration of this matter at SBX 66."] == "2027-06-07"


def test_a_deadline_before_the_place_of_the_next_meeting() -> None:
    text = (
        "5. Nominations should reach the secretariat at least six weeks before we meet in Suva.\n\n"
        "6. Progress reports are due two weeks before Suva; the arrangements for Suva are in hand.\n\n"
        "15. Our next meeting will be in Suva from 6 to 8 October 2026.\n"
    )
    context = MeetingContext(date(2026, 5, 12), date(2026, 5, 14), calendar="NZ")
    found = _proposed(text, context)
    [nominations] = [e for e in found if "Nominations" in e]
    [reports] = [e for e in found if "Progress reports" in e]
    assert (found[nominations], found[reports]) == ("2026-08-25", "2026-09-22")


def test_the_conference_line_of_a_budget_is_not_the_conference() -> None:
    text = (
        "The annual conference will be held in Ottawa from 3 to 5 June 2026.\n\n"
        "Directors asked for the conference line to be shown separately in the budget.\n"
    )
    found = _proposed(text, BOARD)
    assert not any("conference line" in excerpt for excerpt in found)


GENEVA = MeetingContext(
    date(2026, 5, 20), date(2026, 5, 22), calendar="CH-GE", title="SPS Committee, 94th meeting"
)


def test_the_month_of_the_next_meeting_names_it() -> None:
    text = (
        "Please note: the November meeting will now be held from 4 to 6 November 2026.\n\n"
        "The tentative calendar had the third meeting of the year on 11-13 November.\n\n"
        "New concerns must reach the Secretariat no later than three weeks before the November meeting.\n"
    )
    found = _proposed(text, GENEVA)
    [concerns] = [excerpt for excerpt in found if "New concerns" in excerpt]
    assert found[concerns] == "2026-10-14"


def test_an_action_list_s_due_column_reads_day_and_month() -> None:
    text = (
        "Action items\n\n"
        "- Priya (CSIRO): circulate the revised dictionary – 20/7\n"
        "- Lena (secretariat): set up the shared folder – Mon 13/7\n"
        "- All: comments on the draft – 31/7\n"
        "- hotel checkout Wed 25/3, flight Wed night\n"
    )
    context = MeetingContext(date(2026, 7, 9), date(2026, 7, 9), calendar="AU")
    found = {excerpt.lstrip("- "): due for excerpt, due in _proposed(text, context).items()}
    assert found["Priya (CSIRO): circulate the revised dictionary – 20/7"] == "2026-07-20"
    assert found["Lena (secretariat): set up the shared folder – Mon 13/7"] == "2026-07-13"
    assert found["All: comments on the draft – 31/7"] == "2026-07-31"
    assert not any("hotel" in excerpt for excerpt in found)


def test_notes_name_a_day_of_the_month_and_a_meeting_by_its_month() -> None:
    text = (
        "- formal names of co-leads go to the Sec by the 20th\n"
        "- Dec plenary is 8-9 Dec (joint session), that's where the index gets adopted\n"
        "- we need ministry clearance on our line before the Dec plenary\n"
        "- [done] ours: gave our informal ok on annex 2\n"
    )
    context = MeetingContext(date(2026, 11, 3), date(2026, 11, 5), calendar="FR")
    found = {excerpt.lstrip("- "): due for excerpt, due in _proposed(text, context).items()}
    assert found["formal names of co-leads go to the Sec by the 20th"] == "2026-11-20"
    assert found["we need ministry clearance on our line before the Dec plenary"] == "2026-12-08"
    assert not any("[done]" in excerpt for excerpt in found)


def test_sessions_numbered_past_sixty_are_read() -> None:
    text = (
        "22. The Working Party asked member States to reply no later than six weeks before its "
        "seventieth session.\n\n"
        "23. The Working Party noted that its seventieth session was scheduled to be held in Geneva from "
        "14 to 16 April 2027.\n"
    )
    context = MeetingContext(
        date(2026, 10, 28), date(2026, 10, 30), calendar="CH-GE", title="WP.24, 69th session"
    )
    found = _proposed(text, context)
    [reply] = [excerpt for excerpt in found if "reply" in excerpt]
    assert found[reply] == "2027-03-03"


def test_a_delegate_s_lowercase_shorthand_is_read() -> None:
    text = (
        "- nxt sess: 12-16 oct 2026, geneva\n"
        "- pls all members send nominations to sec by 16 jan\n"
        "- me: draft the nomination letter early dec\n"
        "- progress reports due 8 wks b4 the nxt sess\n"
        "- written statements for the annex: 2wks after close\n"
        "- trip rpt to DG by fri wk after next\n"
        "- nxt mon: cc. R. on the sonde numbers\n"
        "- IT: 1st draft of the SOP by end of march\n"
    )
    context = MeetingContext(date(2025, 11, 24), date(2025, 11, 28), calendar="CH-GE", title="JTC-3")
    found = {excerpt.lstrip("- "): due for excerpt, due in _proposed(text, context).items()}
    assert found["pls all members send nominations to sec by 16 jan"] == "2026-01-16"
    assert found["me: draft the nomination letter early dec"] == "2025-12-10"
    assert found["progress reports due 8 wks b4 the nxt sess"] == "2026-08-17"
    assert found["written statements for the annex: 2wks after close"] == "2025-12-12"
    assert found["trip rpt to DG by fri wk after next"] == "2025-12-12"
    assert found["nxt mon: cc. R. on the sonde numbers"] == "2025-12-01"
    assert found["IT: 1st draft of the SOP by end of march"] == "2026-03-31"


def test_ambiguous_numeric_dates_follow_the_order_the_document_uses() -> None:
    month_first = (
        "- SCSC2 -> arequipa, 5/9-5/10\n- MRT mtg 5/17-18, fyi\n- econs pls update the IAPs by 4/12\n"
    )
    day_first = "- SC meets 24/11\n- econs pls update the IAPs by 4/12\n"
    context = MeetingContext(date(2024, 3, 1), date(2024, 3, 3), calendar="PE")
    assert _proposed(month_first, context)["- econs pls update the IAPs by 4/12"] == "2024-04-12"
    assert _proposed(day_first, context)["- econs pls update the IAPs by 4/12"] == "2024-12-04"
    assert _proposed(month_first, context)["- SCSC2 -> arequipa, 5/9-5/10"] == "2024-05-09"


def test_by_the_end_of_a_quarter_under_way_is_a_deadline() -> None:
    text = "It undertook to publish the figures on the portal by the end of the first quarter of 2026.\n"
    context = MeetingContext(date(2026, 1, 28), date(2026, 1, 30), calendar="CH-GE")
    assert list(_proposed(text, context).values()) == ["2026-03-31"]


def test_before_the_opening_of_a_numbered_named_assembly() -> None:
    text = (
        "27. The Seventy-ninth World Health Assembly will be held in Geneva from 18 to 22 May 2026.\n\n"
        "19. The Committee urged Member States in arrears to agree on a payment plan before the opening "
        "of the Seventy-ninth World Health Assembly.\n"
    )
    context = MeetingContext(date(2026, 1, 28), date(2026, 1, 30), calendar="CH-GE")
    found = _proposed(text, context)
    [arrears] = [excerpt for excerpt in found if "arrears" in excerpt]
    assert found[arrears] == "2026-05-18"


def test_a_date_moved_from_is_not_a_follow_up_the_date_it_moved_to_is() -> None:
    text = "(B) ENTRY INTO FORCE MOVED FROM 1 FEBRUARY 2027 (ORIGINAL DRAFT) TO 1 AUGUST 2027;\n"
    context = MeetingContext(date(2026, 3, 18), date(2026, 3, 20), calendar="CH-GE")
    assert list(_proposed(text, context).values()) == ["2027-08-01"]


def test_the_first_afternoon_of_a_dated_session_and_the_end_of_week() -> None:
    text = (
        "23. The Working Party noted that its seventieth session was scheduled to be held in Geneva from "
        "14 to 16 April 2027.\n\n"
        "24. The Working Party requested the secretariat to organize a workshop on the first afternoon of "
        "its seventieth session.\n\n"
        "- Sec: presentations to the SharePoint by end of week\n"
    )
    context = MeetingContext(
        date(2026, 10, 28), date(2026, 10, 28), calendar="CH-GE", title="WP.24, 69th session"
    )
    found = _proposed(text, context)
    [workshop] = [excerpt for excerpt in found if "workshop" in excerpt]
    [sharepoint] = [excerpt for excerpt in found if "SharePoint" in excerpt]
    assert (found[workshop], found[sharepoint]) == ("2027-04-14", "2026-10-30")


GENEVA = MeetingContext(date(2025, 6, 10), date(2025, 6, 12), calendar="CH-GE", our_names=("我國", "本團"))


def test_a_purpose_pointing_at_the_deadline_is_no_deadline_of_its_own() -> None:
    text = (
        "秘書處請各會員於 2026 年第 1 季前提出意見。\n\n"
        "（一）本團將於下週二前擬妥書面意見英文稿，請國貿署多邊組於6月19日前核可，俾於期限前提交秘書處。\n"
    )
    found = [due for excerpt, due in _read_all(text, GENEVA) if excerpt.startswith("（一）")]
    assert sorted(found) == ["2025-06-17", "2025-06-19"]  # not 2026-03-31, the deadline said before


def test_the_day_of_the_return_a_deadline_counts_from_is_not_a_deadline() -> None:
    found = _read_all("（六）本團預定6月14日搭機返國，將於返國後兩週內依規定提交出國報告。\n", GENEVA)
    assert [due for _excerpt, due in found] == ["2025-06-28"]


def test_an_action_line_is_an_action_even_without_a_date() -> None:
    text = (
        "9. Women in STEM\n\n"
        "Action: The Secretariat to continue liaising with PPWE and HRDWG on joint activities.\n\n"
        "Action: Other members interested in joining the FotC group to inform the Chair intersessionally.\n"
    )
    kinds = {c.excerpt[:20]: (c.kind, c.due_date) for c in _read(text, GENEVA).candidates}
    assert kinds == {
        "Action: The Secretar": ("external_commitment", None),
        "Action: Other member": ("our_task", None),
    }


def test_today_s_session_has_no_date_and_a_dateline_is_a_form_field() -> None:
    from reports.temporal import Frame, expressions

    frame = Frame(start_on=date(2025, 6, 10), end_on=date(2025, 6, 12), written_on=date(2025, 6, 13))
    assert [e.text for e in expressions("Thanks for today's session and 今天的討論.", frame)] == []
    assert [e.due.on for e in expressions("Please reply by COB today.", frame)] == [date(2025, 6, 13)]
    [dateline] = read_text("APEC Secretariat, 21 May 2025\n")
    assert dateline.form_field


def test_done_with_a_disposal_marker_is_not_a_plan() -> None:
    extraction = _read("（一）辦理情形：雙邊事務科已於6月2日將議題清單函送臺灣日本關係協會轉日方。\n", GENEVA)
    assert extraction.candidates == []
    assert [m.reason for m in extraction.mentions] == ["told in the past tense"]


def test_a_task_kept_on_the_list_is_a_follow_up_even_undated() -> None:
    found = _proposed("（二）擬辦：繼續列管，由綜合企劃科持續追蹤菲律賓案執行進度。\n", GENEVA)
    assert found == {"（二）擬辦：繼續列管，由綜合企劃科持續追蹤菲律賓案執行進度。": None}


def test_a_member_s_own_plan_after_a_lead_in_is_not_a_follow_up() -> None:
    text = (
        "14. In the ensuing discussion, the representative of Jordan said that her country would launch "
        "its national artificial intelligence strategy in the fourth quarter of 2025 and thanked the "
        "secretariat for its technical support in drafting it.\n"
    )
    extraction = _read(text, GENEVA)
    assert extraction.candidates == []
    assert [m.reason for m in extraction.mentions] == ["a member reporting on its own plans"]


def test_by_end_q3_is_a_deadline_inside_its_quarter() -> None:
    meeting = MeetingContext(date(2025, 7, 1), date(2025, 7, 2), calendar="BE")
    found = _proposed(
        "For the data management plan, partners will provide their sections by end Q3 (A1.5).\n", meeting
    )
    assert list(found.values()) == ["2025-09-30"]


def test_the_next_meeting_named_with_its_acronym_is_dated_where_the_report_dates_it() -> None:
    text = (
        "美國代表宣布，美方擬於第53次會議前一日（115年2月23日）辦理半日政策對話。\n\n"
        "主席宣布，DPS第53次會議預定於115年2月24日至25日於中國廣州舉行。\n\n"
        "（三）我國擬於下次DPS會議中以專題簡報方式分享我國PIA指引試行成果。\n"
    )
    meeting = MeetingContext(date(2025, 8, 7), date(2025, 8, 8), calendar="KR", title="APEC ECSG DPS 52")
    found = _proposed(text, meeting)
    [share] = [excerpt for excerpt in found if "專題簡報" in excerpt]
    assert found[share] == "2026-02-24"  # the meeting's first day, not the day before it


def test_a_date_broken_over_two_lines_is_read_whole() -> None:
    text = (
        "Delegations are invited to indicate their interest in co-sponsoring the dedicated session by 27\n"
        "June 2025, by e-mail to the Secretariat.\n"
    )
    assert list(_proposed(text, GENEVA).values()) == ["2025-06-27"]


def _read_all(text: str, context: MeetingContext) -> list[tuple[str, str | None]]:
    return [
        (c.excerpt, c.due_date.isoformat() if c.due_date else None) for c in _read(text, context).candidates
    ]


def test_taking_part_in_an_event_the_sentence_dates_is_due_on_its_first_day() -> None:
    text = (
        "12. The Committee welcomed the offer of Egypt to host the fourth Arab Digital Development Forum in "
        "Cairo from 18 to 20 November 2025, and invited member States to participate at a senior level.\n"
    )
    found = _read_all(text, GENEVA)
    assert [due for _excerpt, due in found] == ["2025-11-18", "2025-11-18"]  # the forum, and taking part


MEMO = MeetingContext(date(2025, 11, 4), date(2025, 11, 5), calendar="US", our_names=("我國", "we"))


def test_the_minutes_action_form_is_an_action_whoever_acts() -> None:
    text = "TECRO to propose slots.\n\nUS side to come back on de minimis after internal clearance.\n"
    found = _proposed(text, MEMO)  # an actor no list knows is ours to track
    assert found == {
        "TECRO to propose slots.": None,
        "US side to come back on de minimis after internal clearance.": None,
    }
    assert [c.kind for c in _read("The Secretariat to circulate the revised draft.\n", MEMO).candidates] == [
        "external_commitment"
    ]
    assert _read("5. Guide to enactment.\n", MEMO).candidates == []  # a title, not an actor


def test_a_next_steps_bullet_is_an_action_but_not_a_statistic_or_a_refusal() -> None:
    text = (
        "5. NEXT STEPS\n\n"
        "  * Read-out to the industry associations once Legal has cleared the MOU language.\n"
        "  * Partners will not submit a consortium bid to the capitalisation call.\n"
        "  * 108 participants attended in person and 23 online.\n"
    )
    assert [c.excerpt for c in _read(text, MEMO).candidates] == [
        "* Read-out to the industry associations once Legal has cleared the MOU language."
    ]


def test_a_weekday_a_deadline_closes_on_and_the_second_half_of_a_month() -> None:
    found = _read_all(
        "Reminder: nominations close Fri for the Friends of the Chair group.\n\n"
        "Follow-up call tentatively 2nd half of Nov (video, working level).\n",
        MEMO,
    )
    assert [due for _excerpt, due in found] == ["2025-11-07", "2025-11-30"]


def test_an_export_stamp_is_a_field_of_the_form_not_a_follow_up() -> None:
    text = (
        "Exported by: Lina Chen on 27/11/2025 18:12 (UTC+08:00)\n\n"
        "The Secretariat will circulate the notes by 14 Nov.\n"
    )
    assert _read_all(text, MEMO) == [("The Secretariat will circulate the notes by 14 Nov.", "2025-11-14")]


def test_a_promise_made_to_us_is_no_self_report() -> None:
    found = _proposed(
        "泰方表示刻正檢討部分品項之稅率，允諾於114年11月20日前提供品項清單，供我方評估。\n\n"
        "The U.S. side could not move without internal clearance and said they would come back to us.\n\n"
        "We undertook to supply updated line-by-line data so both sides work from the same numbers.\n\n"
        "The Commission also undertook to provide delegations with the data underlying its estimate.\n",
        MEMO,
    )
    assert found == {
        "泰方表示刻正檢討部分品項之稅率，允諾於114年11月20日前提供品項清單，供我方評估。": "2025-11-20",
        "The U.S. side could not move without internal clearance and said they would come back to us.": None,
        "We undertook to supply updated line-by-line data so both sides work from the same numbers.": None,
        "The Commission also undertook to provide delegations with the data underlying its estimate.": None,
    }
    # a decision taken at the meeting is no promise still to keep
    assert _proposed("The Working Group agreed to retain draft recommendations 14 to 17.\n", MEMO) == {}


BOARD_MINUTES = MeetingContext(
    date(2024, 10, 15), date(2024, 10, 15), calendar="TW", title="第六屆第五次理事、監事聯席會議"
)


def test_put_to_the_next_board_meeting_is_due_on_its_date_even_beside_an_amount_or_an_election() -> None:
    text = (
        "一、下次理事、監事聯席會議訂於113年12月10日（星期二）下午2時30分召開。\n\n"
        "二、授權理事長動支急難慰問金，總額以新臺幣30萬元為上限，提下次理監事會追認。\n\n"
        "三、選舉作業時程及選務小組名單，請秘書處擬訂後提下次理監事會議審議。\n\n"
        "四、明年度會員大會訂於114年3月召開，並同時辦理第七屆理事、監事改選。\n\n"
        "五、王理事當選第七屆理事長。\n"
    )
    found = _proposed(text, BOARD_MINUTES)
    assert {excerpt[:2]: due for excerpt, due in found.items()} == {
        "一、": "2024-12-10",
        "二、": "2024-12-10",
        "三、": "2024-12-10",
        "四、": "2025-03-31",
    }  # the election itself (五) is no follow-up


def test_an_event_offered_for_a_month_without_a_year_is_the_month_ahead() -> None:
    context = MeetingContext(date(2025, 10, 20), date(2025, 10, 21), calendar="CH-GE")
    found = _proposed(
        "Kenya offers an intersessional webinar on consumer redress, sometime in January.\n", context
    )
    assert list(found.values()) == ["2026-01-31"]
    past = _proposed("The webinar held in January drew 300 participants.\n", context)
    assert past == {}


TASK_FORCE = MeetingContext(
    date(2025, 10, 8), date(2025, 10, 8), calendar="TW", title="國際會議因應小組第8次會議"
)


def test_from_receipt_a_question_left_open_and_the_next_meeting_set_for_mid_month() -> None:
    text = (
        "一、請中小及新創企業署於文到兩週內提供本案經費需求明細。\n\n"
        "二、部長是否親自出席，俟外交部確認後再議。\n\n"
        "三、經費分攤方式請國際合作處研議後，提下次會議報告。\n\n"
        "四、MC14訂於115年3月26日至29日在喀麥隆雅溫得舉行，為近年首次於非洲召開之部長會議。\n\n"
        "十、下次會議：預定於114年12月中旬召開，確切時間及地點另行通知。\n"
    )
    found = {excerpt[:2]: due for excerpt, due in _proposed(text, TASK_FORCE).items()}
    assert found["一、"] is None  # two weeks from a receipt the minutes do not date
    assert found["二、"] is None
    assert found["三、"] == "2025-12-20"  # the next meeting, 中旬: the 20th; not MC14


STEERING = MeetingContext(date(2025, 11, 5), date(2025, 11, 6), calendar="MY")


def test_weeks_before_an_event_dated_in_brackets_and_an_event_told_as_future_without_a_year() -> None:
    text = (
        "- Jakarta workshop: the regional workshop on adaptation finance is confirmed for 3-5 March 2026.\n"
        "- Jakarta registrations: please register your participants no later than two weeks before the "
        "Jakarta workshop (3-5 March) so that the host can book rooms.\n\n"
        "P.S. Save the date: the Regional Forum 2026 will take place in Manila on 22-24 September.\n"
    )
    found = _proposed(text, STEERING)
    assert [due for excerpt, due in found.items() if "registrations" in excerpt] == ["2026-02-17"]
    assert [due for excerpt, due in found.items() if "Save the date" in excerpt] == ["2026-09-22"]
    # said without "will", a day some weeks before the meeting is still this year's
    assert _proposed("The Regional Forum took place in Manila on 22-24 September.\n", STEERING) == {}


def test_the_hours_of_a_later_sessions_programme_are_no_follow_ups() -> None:
    text = (
        "Annex. Provisional calendar of the fourth session\n\n"
        "| Date | Time | Item / segment |\n"
        "|---|---|---|\n"
        "| Wednesday, 25 November 2026 | 10 a.m.–1 p.m. | Opening of the session; election of officers |\n"
        "| Thursday, 26 November 2026 | 10 a.m.–6 p.m. | Item 5: regional study on decarbonization |\n"
        "| Friday, 6 November 2026 | 5 p.m. | Deadline for online registration of delegations |\n"
    )
    found = _proposed(text, MeetingContext(date(2025, 12, 2), date(2025, 12, 4), calendar="TH"))
    assert list(found.values()) == ["2026-11-06"]


def test_a_schedule_tables_days_date_no_paragraph_and_a_promise_to_share_with_every_member() -> None:
    context = MeetingContext(date(2025, 8, 4), date(2025, 8, 6), calendar="KR")
    text = (
        "| 8月6日(三) | SCSC全體會議第2天;主席結論確認 |\n"
        "| 8月7日(四) | 返程 |\n\n"
        '（三）"The Secretariat will circulate the draft Annual Report to the CTI within four weeks."\n\n'
        "（二）澳洲介紹其良好法規作業工具包，表示將於2025年底前完成定稿後與各經濟體分享。\n"
    )
    found = {excerpt[:3]: due for excerpt, due in _proposed(text, context).items()}
    assert found["（三）"] == "2025-09-03"  # four weeks from the meeting's last day, not from the trip's
    assert found["（二）"] == "2025-12-31"  # a member's promise to every economy is no self-report


def test_an_action_point_with_its_owner_is_an_action() -> None:
    text = (
        "- AP me: brief ottawa (DG level) on the slicing work before the plenary\n"
        "- AP @raj: circulate trial data internally, whenever it's cleared on their side\n"
    )
    found = _read(text, MEMO).candidates
    assert [(c.kind, c.due_date) for c in found] == [("our_task", None), ("our_task", None)]


def test_which_items_stay_on_the_list_is_no_task_but_a_task_kept_on_it_is() -> None:
    text = (
        "一、第一、三、五案解除列管，第二、四案繼續列管。\n\n"
        "二、其餘2項（MC14代表團經費、APEC中小企業工作組提案）繼續列管。\n\n"
        "三、請國際合作處協助洽詢友邦共同提案之意願，並持續列管。\n"
    )
    assert [excerpt[:2] for excerpt in _proposed(text, TASK_FORCE)] == ["三、"]
