"""Later meetings, sessions and events in short texts: their dates and what counts from them (rules alone)."""

from __future__ import annotations

from datetime import date

from reports.candidates import MeetingContext
from reports.layout import read_text
from tests.reports.conftest import (
    BOARD,
    BOARD_MINUTES,
    BONN,
    EXECUTIVE_BOARD,
    GENEVA,
    MISSION_GENEVA,
    READOUT,
    STEERING,
    TASK_FORCE,
    UNSEEN,
    proposed,
    read_all,
    read_rules,
    titles,
)


def test_a_date_of_next_meeting_section_dates_the_next_meeting() -> None:
    text = (
        "MINUTES\n\n4. Finance\n\nDP to bring the revised reserves policy to the next meeting.\n\n"
        "11. Date of next meeting\n\nTuesday 10 March 2026, 6.00pm, at 14 Mare Street.\n"
    )
    found = proposed(text)
    assert found["DP to bring the revised reserves policy to the next meeting."] == "2026-03-10"
    assert found["Tuesday 10 March 2026, 6.00pm, at 14 Mare Street."] == "2026-03-10"


def test_a_due_cell_holding_a_length_of_time_counts_it_from_the_meeting() -> None:
    text = (
        "| No. | Action | Owner | By when |\n|---|---|---|---|\n"
        "| 1 | Circulate draft minutes | CD | 10 working days |\n"
    )
    # 10 working days after Tue 9 Dec 2025 on the England calendar: 23 Dec.
    assert titles(text) == {"Circulate draft minutes": "2025-12-23"}


def test_the_workshop_named_alone_is_the_one_the_report_dates() -> None:
    text = (
        "The peer-learning workshop will take place in Lima from 9 to 11 March 2026.\n\n"
        "Final slides are due two weeks before the workshop; "
        "please bring them to the workshop on a USB stick.\n"
    )
    found = proposed(text, MeetingContext(date(2026, 1, 14), date(2026, 1, 14), calendar="MX"))
    assert sorted(found.values()) == ["2026-02-23", "2026-03-09", "2026-03-09"]


def test_two_workshops_leave_the_workshop_undated() -> None:
    text = (
        "A workshop on data will take place in Lima on 9 March 2026.\n\n"
        "A second workshop, on finance, will take place in Quito on 20 April 2026.\n\n"
        "Slides are due two weeks before the workshop.\n"
    )
    extraction = read_rules(text, MeetingContext(date(2026, 1, 14), date(2026, 1, 14), calendar="MX"))
    slides = [c for c in extraction.candidates if c.excerpt.startswith("Slides")]
    assert all(c.due_date is None for c in slides)  # never one workshop's date picked at random
    assert slides or any(m.excerpt.startswith("Slides") for m in extraction.mentions)


def test_the_committee_had_before_it_is_not_before_the_session() -> None:
    text = (
        "40. The Committee decided to hold its seventh session in Bangkok from 16 to 18 November 2027.\n\n"
        "9. The Committee had before it the note by the secretariat (ESCAP/CE/2025/1).\n"
    )
    found = proposed(text, MeetingContext(date(2025, 11, 11), date(2025, 11, 13), calendar="TH"))
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
    read = read_rules(text)
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
    found = proposed(text, MeetingContext(date(2025, 8, 4), date(2025, 8, 8), calendar="TW"))
    [notify] = [excerpt for excerpt in found if "通知秘書處" in excerpt]
    assert found[notify] == "2025-11-11"


def test_a_meeting_named_with_next_is_the_same_meeting_without_it() -> None:
    text = (
        "PPFS 下次大會確定於 2026 年 2 月 24 日至 26 日在中國寧波舉行。\n\n"
        "主辦單位將於會後兩週內寄送全部簡報，並將摘要提交 PPFS 大會。\n"
    )
    read = read_rules(text, MeetingContext(date(2025, 11, 4), date(2025, 11, 6), calendar="VN"))
    dues = sorted(str(c.due_date) for c in read.candidates if "提交 PPFS 大會" in c.excerpt)
    assert dues == ["2025-11-20", "2026-02-24"]  # the slides two weeks after; the summary by the meeting


def test_weeks_in_advance_count_back_from_the_meeting_just_named() -> None:
    text = (
        "The 15th meeting of the Expert Group will be held in Brussels on 25-26 March 2026. "
        "The draft agenda will be circulated four weeks in advance.\n"
    )
    found = proposed(text, UNSEEN)
    assert found["The draft agenda will be circulated four weeks in advance."] == "2026-02-25"


def test_the_next_group_meeting_named_with_its_acronym_is_the_next_meeting() -> None:
    text = (
        "Editors would submit an updated draft to the next SG20 meeting for consent.\n\n"
        "The next meeting of Study Group 20 will take place in Geneva from 13 to 22 April 2026.\n"
    )
    found = proposed(text, UNSEEN)
    assert (
        found["Editors would submit an updated draft to the next SG20 meeting for consent."] == "2026-04-13"
    )


def test_an_earlier_session_of_the_same_body_dates_nothing() -> None:
    context = MeetingContext(
        date(2025, 10, 6), date(2025, 10, 10), calendar="AT", title="Working Group IV, seventy-first session"
    )
    text = (
        "1. At its fifty-seventh session, in 2024, the Commission took note of the work and requested "
        "the Working Group to prepare guidance.\n"
    )
    assert read_rules(text, context).candidates == []


def test_receipt_counted_from_an_undated_event_is_undated() -> None:
    text = "秘書處將於會後 30 個工作天內分送紀錄草案予各代表團，各代表團於收到後兩週內提出修正意見。\n"
    context = MeetingContext(date(2025, 9, 29), date(2025, 9, 30), calendar="FR", title="第 99 次會議")
    dates = [c.due_date.isoformat() if c.due_date else None for c in read_rules(text, context).candidates]
    assert sorted(dates, key=str) == ["2025-11-12", None]


def test_a_session_named_with_its_month_takes_the_days_the_report_gives_that_month() -> None:
    text = (
        "5. The SBX asked the secretariat to prepare a technical paper for consideration at SBX 66 "
        "(May 2027).\n\n"
        "9. The SBX recommended that the first sessional period in 2027 be held from Tuesday, 11 May, "
        "to Friday, 21 May 2027.\n"
    )
    found = proposed(text, BONN)
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
    found = proposed(text, BONN)
    [summary] = [excerpt for excerpt in found if "publish a summary" in excerpt]
    assert found[summary] == "2026-10-12"
    assert sum("publish a summary" in excerpt for excerpt in found) == 1


def test_an_event_in_conjunction_with_a_dated_session_takes_its_first_day() -> None:
    text = (
        "SBX 65 will be held from 9 to 14 November 2026.\n\n"
        "The SBX requested the secretariat to organize a dialogue on ocean data in conjunction with SBX 65.\n"
    )
    found = proposed(text, BONN)
    [dialogue] = [excerpt for excerpt in found if "dialogue" in excerpt]
    assert found[dialogue] == "2026-11-09"


def test_a_meeting_named_in_a_longer_name_is_its_numbered_meeting() -> None:
    text = (
        "1. Please send your slides to the Secretariat at least two weeks before the Fifth Meeting.\n\n"
        "2. The Fifth Meeting of the Forum will be held in Colombo from 11 to 13 October 2027.\n"
    )
    context = MeetingContext(
        date(2027, 3, 31), date(2027, 4, 2), calendar="TH", title="Forum, Fourth Meeting"
    )
    found = proposed(text, context)
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
    found = proposed(text, context)
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
    assert [c.due_date for c in read_rules(text, context).candidates] == []


def test_the_month_of_a_meeting_is_the_dated_meeting_of_that_month() -> None:
    text = (
        "The next meeting will be held on Thursday 26 February 2026.\n\n"
        "ACTION: Governance Committee to finalize the by-law amendment for approval at the February "
        "meeting, so that it can go to the members at the AGM.\n"
    )
    found = proposed(text, BOARD)
    [bylaw] = [excerpt for excerpt in found if "by-law" in excerpt]
    assert found[bylaw] == "2026-02-26"


def test_the_dialogue_is_the_one_named_dialogue_the_report_dates() -> None:
    text = (
        "17. The SBX welcomed the offer of Portugal to host the fourth Ocean Data Dialogue in Lisbon "
        "on 21 and 22 April 2027.\n\n"
        "18. The SBX invited Parties to submit case studies no later than four weeks before the Dialogue.\n"
    )
    found = proposed(text, BONN)
    [studies] = [excerpt for excerpt in found if "case studies" in excerpt]
    assert found[studies] == "2027-03-24"


def test_continuing_consideration_at_a_dated_session_is_an_event() -> None:
    text = (
        "SBX 66 will be held from 7 to 16 June 2027.\n\n"
        "27. The SBX agreed to continue consideration of this matter at SBX 66.\n"
    )
    found = proposed(text, BONN)
    assert found["27. The SBX agreed to continue consideration of this matter at SBX 66."] == "2027-06-07"


def test_a_deadline_before_the_place_of_the_next_meeting() -> None:
    text = (
        "5. Nominations should reach the secretariat at least six weeks before we meet in Suva.\n\n"
        "6. Progress reports are due two weeks before Suva; the arrangements for Suva are in hand.\n\n"
        "15. Our next meeting will be in Suva from 6 to 8 October 2026.\n"
    )
    context = MeetingContext(date(2026, 5, 12), date(2026, 5, 14), calendar="NZ")
    found = proposed(text, context)
    [nominations] = [e for e in found if "Nominations" in e]
    [reports] = [e for e in found if "Progress reports" in e]
    assert (found[nominations], found[reports]) == ("2026-08-25", "2026-09-22")


def test_the_conference_line_of_a_budget_is_not_the_conference() -> None:
    text = (
        "The annual conference will be held in Ottawa from 3 to 5 June 2026.\n\n"
        "Directors asked for the conference line to be shown separately in the budget.\n"
    )
    found = proposed(text, BOARD)
    assert not any("conference line" in excerpt for excerpt in found)


def test_the_month_of_the_next_meeting_names_it() -> None:
    text = (
        "Please note: the November meeting will now be held from 4 to 6 November 2026.\n\n"
        "The tentative calendar had the third meeting of the year on 11-13 November.\n\n"
        "New concerns must reach the Secretariat no later than three weeks before the November meeting.\n"
    )
    found = proposed(text, GENEVA)
    [concerns] = [excerpt for excerpt in found if "New concerns" in excerpt]
    assert found[concerns] == "2026-10-14"


def test_notes_name_a_day_of_the_month_and_a_meeting_by_its_month() -> None:
    text = (
        "- formal names of co-leads go to the Sec by the 20th\n"
        "- Dec plenary is 8-9 Dec (joint session), that's where the index gets adopted\n"
        "- we need ministry clearance on our line before the Dec plenary\n"
        "- [done] ours: gave our informal ok on annex 2\n"
    )
    context = MeetingContext(date(2026, 11, 3), date(2026, 11, 5), calendar="FR")
    found = {excerpt.lstrip("- "): due for excerpt, due in proposed(text, context).items()}
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
    found = proposed(text, context)
    [reply] = [excerpt for excerpt in found if "reply" in excerpt]
    assert found[reply] == "2027-03-03"


def test_before_the_opening_of_a_numbered_named_assembly() -> None:
    text = (
        "27. The Seventy-ninth World Health Assembly will be held in Geneva from 18 to 22 May 2026.\n\n"
        "19. The Committee urged Member States in arrears to agree on a payment plan before the opening "
        "of the Seventy-ninth World Health Assembly.\n"
    )
    context = MeetingContext(date(2026, 1, 28), date(2026, 1, 30), calendar="CH-GE")
    found = proposed(text, context)
    [arrears] = [excerpt for excerpt in found if "arrears" in excerpt]
    assert found[arrears] == "2026-05-18"


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
    found = proposed(text, context)
    [workshop] = [excerpt for excerpt in found if "workshop" in excerpt]
    [sharepoint] = [excerpt for excerpt in found if "SharePoint" in excerpt]
    assert (found[workshop], found[sharepoint]) == ("2027-04-14", "2026-10-30")


def test_today_s_session_has_no_date_and_a_dateline_is_a_form_field() -> None:
    from reports.temporal import Frame, expressions

    frame = Frame(start_on=date(2025, 6, 10), end_on=date(2025, 6, 12), written_on=date(2025, 6, 13))
    assert [e.text for e in expressions("Thanks for today's session and 今天的討論.", frame)] == []
    assert [e.due.on for e in expressions("Please reply by COB today.", frame)] == [date(2025, 6, 13)]
    [dateline] = read_text("APEC Secretariat, 21 May 2025\n")
    assert dateline.form_field


def test_the_next_meeting_named_with_its_acronym_is_dated_where_the_report_dates_it() -> None:
    text = (
        "美國代表宣布，美方擬於第53次會議前一日（115年2月23日）辦理半日政策對話。\n\n"
        "主席宣布，DPS第53次會議預定於115年2月24日至25日於中國廣州舉行。\n\n"
        "（三）我國擬於下次DPS會議中以專題簡報方式分享我國PIA指引試行成果。\n"
    )
    meeting = MeetingContext(date(2025, 8, 7), date(2025, 8, 8), calendar="KR", title="APEC ECSG DPS 52")
    found = proposed(text, meeting)
    [share] = [excerpt for excerpt in found if "專題簡報" in excerpt]
    assert found[share] == "2026-02-24"  # the meeting's first day, not the day before it


def test_taking_part_in_an_event_the_sentence_dates_is_due_on_its_first_day() -> None:
    text = (
        "12. The Committee welcomed the offer of Egypt to host the fourth Arab Digital Development Forum in "
        "Cairo from 18 to 20 November 2025, and invited member States to participate at a senior level.\n"
    )
    found = read_all(text, MISSION_GENEVA)
    assert [due for _excerpt, due in found] == ["2025-11-18", "2025-11-18"]  # the forum, and taking part


def test_put_to_the_next_board_meeting_is_due_on_its_date_even_beside_an_amount_or_an_election() -> None:
    text = (
        "一、下次理事、監事聯席會議訂於113年12月10日（星期二）下午2時30分召開。\n\n"
        "二、授權理事長動支急難慰問金，總額以新臺幣30萬元為上限，提下次理監事會追認。\n\n"
        "三、選舉作業時程及選務小組名單，請秘書處擬訂後提下次理監事會議審議。\n\n"
        "四、明年度會員大會訂於114年3月召開，並同時辦理第七屆理事、監事改選。\n\n"
        "五、王理事當選第七屆理事長。\n"
    )
    found = proposed(text, BOARD_MINUTES)
    assert {excerpt[:2]: due for excerpt, due in found.items()} == {
        "一、": "2024-12-10",
        "二、": "2024-12-10",
        "三、": "2024-12-10",
        "四、": "2025-03-31",
    }  # the election itself (五) is no follow-up


def test_an_event_offered_for_a_month_without_a_year_is_the_month_ahead() -> None:
    context = MeetingContext(date(2025, 10, 20), date(2025, 10, 21), calendar="CH-GE")
    found = proposed(
        "Kenya offers an intersessional webinar on consumer redress, sometime in January.\n", context
    )
    assert list(found.values()) == ["2026-01-31"]
    past = proposed("The webinar held in January drew 300 participants.\n", context)
    assert past == {}


def test_from_receipt_a_question_left_open_and_the_next_meeting_set_for_mid_month() -> None:
    text = (
        "一、請中小及新創企業署於文到兩週內提供本案經費需求明細。\n\n"
        "二、部長是否親自出席，俟外交部確認後再議。\n\n"
        "三、經費分攤方式請國際合作處研議後，提下次會議報告。\n\n"
        "四、MC14訂於115年3月26日至29日在喀麥隆雅溫得舉行，為近年首次於非洲召開之部長會議。\n\n"
        "十、下次會議：預定於114年12月中旬召開，確切時間及地點另行通知。\n"
    )
    found = {excerpt[:2]: due for excerpt, due in proposed(text, TASK_FORCE).items()}
    assert found["一、"] is None  # two weeks from a receipt the minutes do not date
    assert found["二、"] is None
    assert found["三、"] == "2025-12-20"  # the next meeting, 中旬: the 20th; not MC14


def test_weeks_before_an_event_dated_in_brackets_and_an_event_told_as_future_without_a_year() -> None:
    text = (
        "- Jakarta workshop: the regional workshop on adaptation finance is confirmed for 3-5 March 2026.\n"
        "- Jakarta registrations: please register your participants no later than two weeks before the "
        "Jakarta workshop (3-5 March) so that the host can book rooms.\n\n"
        "P.S. Save the date: the Regional Forum 2026 will take place in Manila on 22-24 September.\n"
    )
    found = proposed(text, STEERING)
    assert [due for excerpt, due in found.items() if "registrations" in excerpt] == ["2026-02-17"]
    assert [due for excerpt, due in found.items() if "Save the date" in excerpt] == ["2026-09-22"]
    # said without "will", a day some weeks before the meeting is still this year's
    assert proposed("The Regional Forum took place in Manila on 22-24 September.\n", STEERING) == {}


def test_the_hours_of_a_later_sessions_programme_are_no_follow_ups() -> None:
    text = (
        "Annex. Provisional calendar of the fourth session\n\n"
        "| Date | Time | Item / segment |\n"
        "|---|---|---|\n"
        "| Wednesday, 25 November 2026 | 10 a.m.–1 p.m. | Opening of the session; election of officers |\n"
        "| Thursday, 26 November 2026 | 10 a.m.–6 p.m. | Item 5: regional study on decarbonization |\n"
        "| Friday, 6 November 2026 | 5 p.m. | Deadline for online registration of delegations |\n"
    )
    found = proposed(text, MeetingContext(date(2025, 12, 2), date(2025, 12, 4), calendar="TH"))
    assert list(found.values()) == ["2026-11-06"]


def test_a_schedule_tables_days_date_no_paragraph_and_a_promise_to_share_with_every_member() -> None:
    context = MeetingContext(date(2025, 8, 4), date(2025, 8, 6), calendar="KR")
    text = (
        "| 8月6日(三) | SCSC全體會議第2天;主席結論確認 |\n"
        "| 8月7日(四) | 返程 |\n\n"
        '（三）"The Secretariat will circulate the draft Annual Report to the CTI within four weeks."\n\n'
        "（二）澳洲介紹其良好法規作業工具包，表示將於2025年底前完成定稿後與各經濟體分享。\n"
    )
    found = {excerpt[:3]: due for excerpt, due in proposed(text, context).items()}
    assert found["（三）"] == "2025-09-03"  # four weeks from the meeting's last day, not from the trip's
    assert found["（二）"] == "2025-12-31"  # a member's promise to every economy is no self-report


def test_a_due_cell_naming_a_dated_session_and_a_meeting_named_by_its_month_in_capitals() -> None:
    context = MeetingContext(
        date(2026, 10, 19), date(2026, 10, 21), calendar="CH-GE", title="WP.24, 69th session"
    )
    text = (
        "6. The Working Party noted that the eighty-ninth session of the Inland Transport Committee "
        "would be held in Geneva from 23 to 26 February 2027.\n\n"
        "| No. | Action | Lead | Deadline |\n"
        "|---|---|---|---|\n"
        "| 69/10 | Submit the draft programme of work for 2027 to the Committee. | Secretariat | "
        "Eighty-ninth session of ITC |\n"
    )
    found = proposed(text, context)
    assert [due for excerpt, due in found.items() if "programme of work" in excerpt] == ["2027-02-23"]
    airgram = (
        "18. NEXT REGULAR MEETING OF TBT COMMITTEE: 24-26 JUNE 2027.\n\n"
        "(E) BOFT: DECIDE ON CO-SPONSORSHIP OF G/TBT/W/801 BEFORE THE JUNE COMMITTEE MEETING.\n"
    )
    found = proposed(airgram, MeetingContext(date(2027, 3, 16), date(2027, 3, 18), calendar="CH-GE"))
    assert [due for excerpt, due in found.items() if "CO-SPONSORSHIP" in excerpt] == ["2027-06-24"]


def test_the_next_meeting_named_with_its_acronym_in_notes_told_with_an_aside_in_the_past() -> None:
    text = (
        "- next SG1 mtg (plenary): 5-9 Oct 2026, GVA. (confirmed w/ Sec at the break - I had\n"
        "  it wrong as Nov in my calendar)\n\n"
        "[MT] rural backhaul CS -> formal contrib, deadline = by next SG mtg\n"
    )
    found = proposed(text, MeetingContext(date(2026, 3, 10), date(2026, 3, 12), calendar="TH"))
    assert [due for excerpt, due in found.items() if "formal contrib" in excerpt] == ["2026-10-05"]


def test_an_event_the_report_introduces_with_its_time_and_one_to_be_launched_at() -> None:
    context = MeetingContext(date(2025, 10, 6), date(2025, 10, 10), calendar="AT", title="Working Group IV")
    text = (
        "21. It requested the secretariat to convene an informal expert consultation, to be held online in "
        "mid-January 2026, and to report on its outcome at the next session.\n\n"
        "23. A background paper would be circulated to those who had registered no later than two weeks "
        "before the consultation.\n\n"
        "46. The deadline for accreditation would be announced in the invitation letter, which would be sent "
        "to permanent missions in January 2026.\n"
    )
    found = {excerpt[:3]: due for excerpt, due in proposed(text, context).items()}
    assert found["23."] == "2026-01-01"  # two weeks before 15 January
    assert found["46."] == "2026-01-31"  # January, not the consultation dated in it
    forum = (
        "6.4 The Outlook is to be launched at the Asia-Pacific Water Ministers' Forum in Kuala Lumpur from "
        "6 to 8 October 2026.\n\n"
        "6.5 Countries wishing to present a national spotlight should inform the Secretariat no later than "
        "eight weeks before the Forum.\n"
    )
    found = proposed(forum, MeetingContext(date(2026, 3, 24), date(2026, 3, 26), calendar="AU"))
    assert [due for excerpt, due in found.items() if "spotlight" in excerpt] == ["2026-08-11"]


def test_a_later_session_noted_or_announced_by_a_speaker_is_an_event() -> None:
    context = MeetingContext(
        date(2026, 10, 19), date(2026, 10, 21), calendar="CH-GE", title="WP.24, 69th session"
    )
    text = (
        "The Working Party noted that the eighty-ninth session of the Inland Transport Committee would be "
        "held in Geneva from 23 to 26 February 2027.\n\n"
        "經濟部國際貿易署：歐盟執委會訂於11月9日舉辦 CBAM 說明會。\n"
    )
    assert sorted(filter(None, proposed(text, context).values())) == ["2026-11-09", "2027-02-23"]


def test_a_calendar_line_dates_its_meeting_to_the_day_or_to_the_month() -> None:
    text = (
        "12. Members to submit their first inputs by SOM-2.\n\n"
        "13. The agreement is expected to be signed at the ASEAN Summit.\n\n"
        "Calendar\n\n- SOM-2 : 4-5 May 2026, Manila\n- 48th ASEAN Summit : late May 2026 (dates tbc)\n"
    )
    found = dict(read_all(text, STEERING))
    assert found["12. Members to submit their first inputs by SOM-2."] == "2026-05-04"
    candidate = next(c for c in read_rules(text, STEERING).candidates if "signed" in c.excerpt)
    assert (candidate.due_date.isoformat(), candidate.due_precision) == ("2026-05-31", "month")


def test_a_date_in_brackets_is_the_meeting_named_there_and_a_numbered_assembly_is_its_short_name() -> None:
    text = (
        "The Board asked the Director-General to report to the Seventy-ninth World Health Assembly, "
        "through its budget committee (PBAC44, 11-12 May 2026).\n\n"
        "- AFRO pre-WHA79 briefing for Ministers: 28-29 April 2026.\n\n"
        "The Seventy-ninth World Health Assembly will be held in Geneva from 18 to 23 May 2026.\n\n"
        "Members wishing to co-sponsor should inform the Secretariat before WHA79.\n"
    )
    found = proposed(text, EXECUTIVE_BOARD)
    assert found["Members wishing to co-sponsor should inform the Secretariat before WHA79."] == "2026-05-18"


def test_its_next_numbered_session_is_the_series_next_meeting() -> None:
    text = (
        "IGWG7 will be held in Geneva from 9 to 14 March 2026.\n\n"
        "The Board decided that its 159th session will be held in Geneva on 26 and 27 May 2026.\n\n"
        "Member States to send their nominations before EB159.\n"
    )
    assert (
        proposed(text, EXECUTIVE_BOARD)["Member States to send their nominations before EB159."]
        == "2026-05-26"
    )


def test_a_session_named_in_full_is_its_symbol() -> None:
    text = (
        "The Secretariat informed the Committee that the thirty-eighth session of the SCP is tentatively "
        "scheduled for June 15 to 18, 2026.\n\n"
        "The Committee requested the Secretariat to compile the replies in a document for SCP/38.\n"
    )
    found = proposed(text, GENEVA)
    assert found[
        "The Committee requested the Secretariat to compile the replies in a document for SCP/38."
    ] == ("2026-06-15")


def test_a_meeting_acronym_ending_in_meeting_is_a_meeting() -> None:
    text = "- CTMM confirmed 9-10 Jun 2026, London\n- SG's report to be presented to CTMM -> ComSec\n"
    found = proposed(text, MeetingContext(date(2026, 2, 10), date(2026, 2, 11), calendar="GB-ENG"))
    assert found["- SG's report to be presented to CTMM -> ComSec"] == "2026-06-09"


def test_the_delegation_s_own_travel_is_no_follow_up() -> None:
    text = (
        "- hotel checkout 25 March 12:00, flight CI 922 on 25 March 23:40\n- book flights for SOM3 by 1 May\n"
    )
    found = proposed(text, MeetingContext(date(2026, 3, 23), date(2026, 3, 24), calendar="TW"))
    assert list(found) == ["- book flights for SOM3 by 1 May"]


def test_a_day_written_with_a_slash_before_qian_is_a_deadline_after_the_meeting() -> None:
    text = "如果要合報，團裡最晚 1/9 前要拿到題目跟講者。\n"
    found = proposed(text, MeetingContext(date(2025, 11, 5), date(2025, 11, 7), calendar="CH-GE"))
    assert list(found.values()) == ["2026-01-09"]


def test_an_action_line_is_one_action_dated_wherever_its_date_stands() -> None:
    text = (
        "AIs:\n"
        "AI: [Embassy ECON] deliver the note verbale to the ministry. "
        "Text is cleared; pls deliver by 28 April.\n"
        "AI: [Trade desk] post the joint summary, coordinated with the partner; target 4 May.\n"
    )
    found = read_all(text, READOUT)
    assert [due for _excerpt, due in found] == ["2026-04-28", "2026-05-04"]


def test_days_before_the_opening_count_from_the_meeting_just_named() -> None:
    text = (
        "Provisional agenda of the Seventy-ninth World Health Assembly\n\n"
        "The Seventy-ninth World Health Assembly will be held in Geneva from 18 to 23 May 2026. "
        "Credentials of delegates are to be deposited not less than fifteen days before the opening.\n"
    )
    assert "2026-05-03" in proposed(text, EXECUTIVE_BOARD).values()


def test_a_recommendation_to_a_governing_body_is_in_the_review() -> None:
    text = "The Committee recommended that the Council endorse the priority areas of work in the annex.\n"
    extraction = read_rules(text, GENEVA)
    shown = [c.excerpt for c in extraction.candidates] + [m.excerpt for m in extraction.mentions]
    assert shown == [text.strip()]


def test_the_ships_a_rule_applies_to_are_not_a_date() -> None:
    text = (
        "The Sub-Committee invited Member States to submit proposals to SSE 12 on lifeboats installed on "
        "ships constructed before 1 January 2028.\n\n"
        "The Sub-Committee noted that its twelfth session had been tentatively scheduled to take place "
        "from 9 to 13 March 2026.\n"
    )
    context = MeetingContext(date(2025, 3, 10), date(2025, 3, 14), calendar="GB-ENG", title="SSE 11")
    assert next(iter(proposed(text, context).values())) == "2026-03-09"


def test_a_calendar_table_dates_the_meetings_it_lists() -> None:
    text = (
        "The ILO will publish the background report ahead of the Development Ministers’ Meeting.\n\n"
        "Members to send comments before the Fourth DWG Meeting.\n\n"
        "| Date | Meeting | City |\n|---|---|---|\n"
        "| 13–14 October 2025 | Fourth DWG Meeting | Stellenbosch |\n"
        "| 15–16 October 2025 | G20 Development Ministers’ Meeting | Stellenbosch |\n"
    )
    found = proposed(text, MeetingContext(date(2025, 9, 10), date(2025, 9, 12), calendar="ZA"))
    assert found[
        "The ILO will publish the background report ahead of the Development Ministers’ Meeting."
    ] == ("2025-10-15")
    assert found["Members to send comments before the Fourth DWG Meeting."] == "2025-10-13"


def test_a_meeting_and_its_short_name_in_brackets_are_one_meeting() -> None:
    text = (
        "The Third Senior Officials' Meeting (SOM3) and related meetings will take place in Incheon "
        "from 4 to 15 August 2025.\n\n"
        "Economies to send their nominations before SOM3.\n\n"
        "The Chair reported on the Second PPSTI Meeting of 2024, held in Lima.\n"
    )
    found = proposed(
        text, MeetingContext(date(2025, 5, 12), date(2025, 5, 13), calendar="KR", title="PPSTI 1")
    )
    assert found["Economies to send their nominations before SOM3."] == "2025-08-04"
    assert "The Chair reported on the Second PPSTI Meeting of 2024, held in Lima." not in found


def test_a_holiday_in_an_aside_does_not_make_the_meeting_information() -> None:
    text = (
        "The Board decided that its 159th session will be held in Geneva on 26 and 27 May 2026, "
        "after WHA79 (Monday 25 May being a public holiday in Geneva).\n"
    )
    assert list(proposed(text, EXECUTIVE_BOARD).values()) == ["2026-05-26"]


def test_a_numbered_event_named_short_is_the_one_the_calendar_dates() -> None:
    text = (
        "13. DEFA: the Chair aims to have the Framework Agreement signed at the 48th Summit.\n\n"
        "Calendar\n\n- 48th ASEAN Summit : late May 2026 (dates to be confirmed)\n"
    )
    found = {
        c.excerpt: (c.due_date.isoformat(), c.due_precision) for c in read_rules(text, STEERING).candidates
    }
    assert found["13. DEFA: the Chair aims to have the Framework Agreement signed at the 48th Summit."] == (
        "2026-05-31",
        "month",
    )
    assert found["- 48th ASEAN Summit : late May 2026 (dates to be confirmed)"] == ("2026-05-31", "month")


def test_a_later_meeting_and_its_days_on_a_calendar_line_is_an_event() -> None:
    text = "重要時程\n\n｜日期｜事項｜\n｜3月26日至29日｜MC14（喀麥隆雅溫得）｜\n"
    context = MeetingContext(
        date(2026, 1, 14),
        date(2026, 1, 14),
        calendar="TW",
        title="「部長會議（MC14）籌備事宜」第3次跨部會會議",
    )
    assert list(proposed(text, context).values()) == ["2026-03-26"]


def test_a_committee_that_will_hold_its_next_session_dates_it() -> None:
    text = (
        "4. The Committee will hold its twentieth session at UNESCO Headquarters from 9 to 12 "
        "February 2027.\n\n"
        "10. Requests the Secretariat to submit to the Committee at its twentieth session a report.\n"
    )
    context = MeetingContext(
        date(2026, 2, 10),
        date(2026, 2, 13),
        calendar="FR",
        title="Intergovernmental Committee, nineteenth session",
    )
    found = proposed(text, context)
    assert [found[e] for e in found if e.startswith("10. Requests")] == ["2027-02-09"]


def test_a_working_group_held_before_a_meeting_does_not_date_that_meeting() -> None:
    text = (
        "The EWG chairs will hold a physical working group on Friday 15 October 2027, immediately before "
        "CCFL50.\n\nCCFL50 will be held in Ottawa from 18 to 22 October 2027.\n\n"
        "Comments should reach the Codex Secretariat no later than three months before CCFL50.\n"
    )
    context = MeetingContext(date(2026, 5, 11), date(2026, 5, 15), calendar="CA", title="CCFL49")
    found = proposed(text, context)
    assert [found[e] for e in found if e.startswith("Comments")] == ["2027-07-18"]


def test_a_numbered_meeting_acronym_is_a_meeting_and_its_earlier_numbers_are_past() -> None:
    text = (
        "26. Palau briefed Officials on preparations for the 55th PIFLM, to be held in Koror, Palau, "
        "from 7 to 11 September 2026.\n\n"
        "8. Officials tasked the Secretariat to report back to Leaders at the 55th PIFLM.\n\n"
        "9. Officials recalled the decisions of Leaders at the 54th PIFLM in Honiara.\n"
    )
    context = MeetingContext(
        date(2026, 5, 12), date(2026, 5, 13), calendar="FJ", title="Forum Officials Committee"
    )
    found = proposed(text, context)
    assert [found[e] for e in found if e.startswith("8. ")] == ["2026-09-07"]
    assert not any(e.startswith("9. ") for e in found)


def test_a_next_meeting_held_beside_another_of_the_series_is_not_the_series_next_one() -> None:
    text = (
        "Next DESG meeting expected back-to-back with SOM3 in August.\n\n"
        "We will need a short brief and speaking points ahead of SOM2.\n"
    )
    context = MeetingContext(date(2026, 3, 2), date(2026, 3, 4), calendar="CN", title="APEC DESG at SOM1")
    found = read_rules(text, context)
    dates = [
        c.due_date for c in [*found.candidates, *(m.candidate for m in found.mentions)] if "SOM2" in c.excerpt
    ]
    assert dates and date(2026, 8, 31) not in dates


def test_a_deadline_counted_from_a_meeting_named_by_its_place_keeps_its_day() -> None:
    text = (
        "The GAC will meet during ICANN85 in Mumbai, India, from 7 to 12 March 2026.\n\n"
        "Leadership committed to circulate the draft agenda no later than four weeks before the "
        "Mumbai meeting. i.e. expect it around the first weekend of Feb.\n"
    )
    context = MeetingContext(date(2025, 10, 25), date(2025, 10, 30), calendar="IE", title="ICANN84")
    found = proposed(text, context)
    agenda = next(due for excerpt, due in found.items() if "draft agenda" in excerpt)
    assert agenda == "2026-02-07"  # four weeks before 7 March; "Feb" only restates it


def test_decisions_numbered_by_the_session_and_meetings_that_should_be_held() -> None:
    text = (
        "EB158(20) Date and place of the 159th session of the Executive Board\n\n"
        "The Executive Board decided that its 159th session should be convened on Wednesday, "
        "27 May and Thursday, 28 May 2026, at WHO headquarters, Geneva.\n\n"
        "EB158(21) Date and place of the Seventy-ninth World Health Assembly\n\n"
        "The Executive Board decided that the Seventy-ninth World Health Assembly should be held "
        "at the Palais des Nations, Geneva, opening on Monday, 18 May 2026.\n\n"
        "EB158(7) The Executive Board requested the Director-General to report to the "
        "Seventy-ninth World Health Assembly, and to present options for consideration by the "
        "Board at its 159th session.\n"
    )
    context = MeetingContext(
        date(2026, 2, 2), date(2026, 2, 7), calendar="CH-GE", title="WHO Executive Board, 158th session"
    )
    found = read_rules(text, context)
    later = found.frame.later
    assert (later["S159"].first_on, later["WHA79"].first_on) == (date(2026, 5, 27), date(2026, 5, 18))
    assert "EB158" not in later  # the decisions' own session, not the next one
    report = [c.due_date for c in found.candidates if c.excerpt.startswith("EB158(7)")]
    assert date(2026, 5, 18) in report and date(2026, 5, 27) in report


def test_a_row_with_a_due_month_number_and_a_due_date_is_due_on_the_date() -> None:
    text = (
        "| No. | Title | Lead | Due (month) | Due date | Status |\n|---|---|---|---|---|---|\n"
        "| D1.4 | Data management plan, update 1 | UCO | M24 | 31 Oct 2025 | In preparation |\n"
    )
    context = MeetingContext(date(2025, 9, 24), date(2025, 9, 25), calendar="ES", title="SC7")
    assert [c.due_date for c in read_rules(text, context).candidates] == [date(2025, 10, 31)]


def test_an_accepted_invitation_to_hold_the_next_plenary_dates_it() -> None:
    text = (
        "Resolution 16/2025: 9th plenary meeting\n\n"
        "ISO/TC 343 accepts with thanks the invitation of KEBS to hold its 9th plenary meeting in "
        "Nairobi, Kenya, on 2026-10-15/16.\n\n"
        "AHG 3 shall report to the 9th plenary meeting.\n"
    )
    context = MeetingContext(
        date(2025, 11, 6), date(2025, 11, 7), calendar="CA", title="ISO/TC 343, 8th plenary meeting"
    )
    found = read_rules(text, context)
    assert (found.frame.later["S9"].first_on, found.frame.later["S9"].last_on) == (
        date(2026, 10, 15),
        date(2026, 10, 16),
    )
    assert [c.due_date for c in found.candidates if c.excerpt.startswith("AHG 3")] == [date(2026, 10, 15)]


def test_a_ballot_table_is_due_on_its_closing_date_or_the_date_it_is_planned_for() -> None:
    text = (
        "| Document | Ballot | Opened | Closing date | Remarks |\n|---|---|---|---|---|\n"
        "| ISO/DIS 24321 | DIS, 12 weeks | 2025-07-21 | 2025-10-13 | Closed - approved 94 % |\n"
        "| ISO 21910:2021 | SR, 20 weeks | 2025-07-15 | 2025-12-02 | Open - 8 P-members not voted |\n"
        "| ISO/NP 24328 | NP, 12 weeks | Jan. 2026 | - | Planned, after WG 3 review |\n"
    )
    context = MeetingContext(date(2025, 11, 6), date(2025, 11, 7), calendar="CA", title="ISO/TC 343")
    found = {c.excerpt[:13]: c.due_date for c in read_rules(text, context).candidates}
    assert found == {"ISO 21910:202": date(2025, 12, 2), "ISO/NP 24328 ": date(2026, 1, 31)}


def test_a_table_ruled_with_full_width_bars_is_read_as_records() -> None:
    text = (
        "十、辦理事項：\n"
        "項次｜辦理事項｜主辦機關｜協辦機關｜期限\n"
        "1｜指定TPR聯絡窗口並以電子郵件回復｜各出席機關｜－｜115年3月18日（星期三）\n"
        "2｜政府報告各章中文初稿｜各主政機關｜－｜115年4月30日\n\n"
        "日期｜行程\n"
        "3月10日｜搭機返抵臺北\n"
    )
    context = MeetingContext(date(2026, 3, 4), date(2026, 3, 6), calendar="TW", our_names=("我國",))
    found = [(c.excerpt[:3], c.due_date, c.responsible) for c in read_rules(text, context).candidates]
    assert found == [
        ("1 |", date(2026, 3, 18), "各出席機關"),
        ("2 |", date(2026, 4, 30), "各主政機關"),
    ]  # one row, one date; the trip home is travel


def test_the_next_meeting_named_by_its_kind_is_the_one_the_report_dates() -> None:
    agm = MeetingContext(
        date(2025, 6, 20), date(2025, 6, 20), calendar="AU", title="Annual General Meeting (AGM)"
    )
    text = (
        "5. Finance\n\nAction: the Treasurer to bring a revised fee schedule by the next AGM.\n\n"
        "6. Regional chapters\n\nChapters are invited to nominate coordinators before the next "
        "Regional Coordinators' meeting.\n\n"
        "9. Date of next meeting\n\nThe 2026 AGM will be held in Hobart on Friday 19 June 2026.\n"
    )
    found = proposed(text, agm)
    assert found["Action: the Treasurer to bring a revised fee schedule by the next AGM."] == "2026-06-19"
    assert (
        found["Chapters are invited to nominate coordinators before the next Regional Coordinators' meeting."]
        == "2026-06-19"
    )


def test_something_done_at_a_later_meeting_is_due_on_its_first_day() -> None:
    text = (
        "The Committee requested the Secretariat to hold, during SBX 65, a briefing on the survey "
        "results.\n\n"
        "SBX 65 will be held in Bonn from 7 to 17 June 2027.\n"
    )
    found = proposed(text, BONN)
    assert found[
        "The Committee requested the Secretariat to hold, during SBX 65, a briefing on the survey results."
    ] == ("2027-06-07")


def test_a_deadline_at_the_end_of_a_later_meeting_s_month_is_that_month_s_end() -> None:
    text = (
        "The next sessions are EB160 (Geneva, 2–7 February 2027) and the Assembly in May 2027.\n\n"
        "Follow-up actions\n\n"
        "- Share a short analysis of EB160 outcomes with the ministry by end of February 2027.\n"
        "- Brief the minister at the February meeting.\n"
    )
    context = MeetingContext(date(2026, 10, 19), date(2026, 10, 23), calendar="CH-GE", title="RC77")
    found = proposed(text, context)
    assert found["- Share a short analysis of EB160 outcomes with the ministry by end of February 2027."] == (
        "2027-02-28"
    )
    assert found["- Brief the minister at the February meeting."] == "2027-02-02"


def test_in_order_to_share_at_a_later_meeting_is_no_date_at_it() -> None:
    text = (
        "（一）ABC72預定於115年4月間舉行。\n\n"
        "（二）為利於ABC72研討會分享我國經驗，建議於115年3月底前完成簡報資料。\n"
    )
    found = read_all(text, MeetingContext(date(2025, 11, 3), date(2025, 11, 7), calendar="TW", title="ABC71"))
    assert [due for excerpt, due in found if "簡報資料" in excerpt] == ["2026-03-31"]


def test_meetings_listed_each_with_its_dates_are_each_dated() -> None:
    text = (
        "The Meeting noted the calendar, in particular SEOM 3/57 on 21-24 April 2026 in Clark, and the "
        "58th AEM and Related Meetings on 7-11 September 2026 in Manila.\n\n"
        "Member States are to notify the Secretariat of their ratification ahead of the 58th AEM.\n\n"
        "Dates now confirmed: CTI3 12–13 Aug 2026, SOM3 plenary 18–19 Aug 2026.\n\n"
        "We need to land our comments before CTI3.\n"
    )
    found = proposed(text, MeetingContext(date(2026, 2, 25), date(2026, 2, 27), calendar="PH"))
    assert found[
        "Member States are to notify the Secretariat of their ratification ahead of the 58th AEM."
    ] == ("2026-09-07")
    assert found["We need to land our comments before CTI3."] == "2026-08-12"


def test_a_series_named_without_its_number_is_the_one_meeting_of_it_the_report_dates() -> None:
    text = (
        "[18:02] Aroha: SOM3 plenary confirmed for 18–19 Aug 2026 in Dalian.\n\n"
        "[18:03] Aroha: anything we want tabled needs to be with the Secretariat 3 weeks before the SOM.\n\n"
        "[18:04] Ben: the paper was signed by the SOM Chair last week.\n"
    )
    found = read_all(text, MeetingContext(date(2026, 5, 20), date(2026, 5, 21), calendar="NZ", title="MRT"))
    dated = dict(found)
    assert dated[
        "[18:03] Aroha: anything we want tabled needs to be with the Secretariat 3 weeks before the SOM."
    ] == ("2026-07-28")
    assert not any("signed by the SOM Chair" in excerpt for excerpt, _due in found)


def test_sessions_held_together_share_the_dates_written_after_them() -> None:
    text = (
        "- COP31/CMP21/CMA8 and SB65: Antalya, 9-20 November 2026 (SB65 from 9 to 14 November).\n\n"
        "- The SB Chairs will make the final list of indicators available no later than four weeks before "
        "COP31.\n"
    )
    [(_excerpt, due)] = [(e, d) for e, d in proposed(text, BONN).items() if "final list of indicators" in e]
    assert due == "2026-10-12"
