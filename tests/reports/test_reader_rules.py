"""The reader's decisions on short texts of the kinds the corpus taught it (rules alone, no model)."""

from __future__ import annotations

from datetime import date

from reports.candidates import MeetingContext
from tests.reports.conftest import (
    BOARD,
    BONN,
    MEMO,
    MISSION_GENEVA,
    NOTES,
    READOUT,
    TASK_FORCE,
    UNSEEN,
    WORKSHOP,
    proposed,
    read_all,
    read_rules,
    titles,
)


def test_numbered_lines_in_sequence_are_separate_items_even_in_wrapped_text() -> None:
    filler = "The group discussed the regional data outlook at some length and agreed on the plan.\n" * 8
    text = (
        filler
        + "\nFor me:\n"
        + "   1) Brief H.E. on items 3 and 4 - DONE (Fri am, she is supportive of the pilot)\n"
        + "   2) Email to MFA trade desk re: pilot workshop names - DONE (Fri 12 Dec)\n"
        + "   3) Customs data request for TO (item 5) - asked Customs Fri - chase them (by 9 Jan)\n"
    )
    found = proposed(text)
    [chase] = [excerpt for excerpt in found if "chase them" in excerpt]
    assert found[chase] == "2026-01-09"
    assert not any("Brief H.E." in excerpt for excerpt in found)  # marked DONE


def test_a_row_closed_in_its_due_cell_is_not_proposed() -> None:
    text = "| No. | Action | Owner | By when |\n|---|---|---|---|\n| S1 | Obtain three quotes | BA | Done |\n"
    extraction = read_rules(text)
    assert extraction.candidates == []
    assert [m.reason for m in extraction.mentions] == ["the table marks it done"]


def test_a_chat_log_counts_tomorrow_from_the_day_of_the_message() -> None:
    text = (
        "2026/03/10（二）\n07:30\t陳怡君\t各位早安，今天第一天\n\n"
        "2026/03/11（三）\n16:50\tAmy\t提醒：明天上午場地會換到 3 樓\n\n"
        "2026/03/12（四）\n17:35\t陳怡君\t成果報告請佳穎明天中午前寄給各講者確認\n"
    )
    found = proposed(text, WORKSHOP)
    assert not any("場地會換到" in excerpt for excerpt in found)  # tomorrow was the meeting's last day
    [report] = [excerpt for excerpt in found if "成果報告" in excerpt]
    assert found[report] == "2026-03-13"


def test_a_chat_log_that_goes_on_after_the_trip_counts_today_from_that_day() -> None:
    text = (
        "2026/03/10（二）\n07:30\t陳怡君\t各位早安，今天第一天\n\n"
        "2026/03/12（四）\n17:35\t陳怡君\t辛苦了，明天回國\n\n"
        "2026/03/17（二）\n09:15\t郭雅婷\t司長要一頁 summary，今天下班前要\n"
    )
    found = proposed(text, WORKSHOP)
    [summary] = [excerpt for excerpt in found if "summary" in excerpt]
    assert found[summary] == "2026-03-17"


def test_a_clause_pointing_at_the_deadline_takes_the_one_stated() -> None:
    text = (
        "秘書處產能問卷期限為 11 月 21 日，建議由產業發展署於 11 月 14 日前完成我國產能資料初稿，"
        "送本署彙整後於秘書處期限前回覆。\n"
    )
    found = titles(text, MeetingContext(date(2025, 9, 29), date(2025, 9, 30), calendar="FR"))
    assert "2025-11-14" in found.values()  # the draft
    assert any("回覆" in title and due == "2025-11-21" for title, due in found.items())  # the reply


def test_a_long_term_year_goal_is_listed_not_proposed() -> None:
    text = "PPFS 呼籲各經濟體於 2030 年前將糧食損失與浪費減半。\n"
    extraction = read_rules(text, MeetingContext(date(2025, 8, 4), date(2025, 8, 6), calendar="KR"))
    assert extraction.candidates == []
    assert "long-term goal" in extraction.mentions[0].reason


def test_a_request_reported_in_the_past_tense_still_asks_for_the_future() -> None:
    text = "20. Member States were encouraged to share with the secretariat their national strategies.\n"
    [candidate] = read_rules(text).candidates
    assert candidate.kind == "our_task"


def test_a_bare_month_day_due_cell_reads_in_the_row_s_script() -> None:
    text = (
        "辦理事項\t負責人\t期限\n簡報電子檔寄日、泰、秘魯\t俊宏\t11/7\nSend the slides to Peru\tJH\t27/11\n"
    )
    found = titles(text, MeetingContext(date(2025, 11, 4), date(2025, 11, 6), calendar="VN"))
    assert "2025-11-07" in found.values()  # 11/7 in a Chinese row is 7 November
    assert "2025-11-27" in found.values()  # 27/11 in an English row cannot be a month first


def test_a_table_row_read_as_two_sentences_is_proposed_once() -> None:
    text = (
        "| Action | Owner | Due |\n|---|---|---|\n"
        "| A2. Send comments on the draft minutes | All | 11 December 2025 |\n"
    )
    assert [c.due_date.isoformat() for c in read_rules(text, UNSEEN).candidates] == ["2025-12-11"]


def test_working_days_before_that_deadline_count_back_from_it() -> None:
    text = (
        "Capital to prepare written comments before the EU deadline of 15 May 2026. "
        "Draft to reach the mission at least 5 working days before that deadline.\n"
    )
    found = proposed(text, UNSEEN)
    # Fri 15 May back 5 Belgian working days, Ascension Day (Thu 14 May 2026) skipped
    assert found["Draft to reach the mission at least 5 working days before that deadline."] == "2026-05-07"


def test_a_request_after_a_comma_takes_its_own_date() -> None:
    text = "下次會議訂於114年12月24日下午2時30分召開，請各部會於下次會議前一週將辦理進度送本署彙整。\n"
    context = MeetingContext(date(2025, 11, 20), date(2025, 11, 20), calendar="TW", title="第3次工作會議")
    assert sorted(c.due_date.isoformat() for c in read_rules(text, context).candidates) == [
        "2025-12-17",
        "2025-12-24",
    ]


def test_a_planned_date_in_the_status_cell_is_the_due_date() -> None:
    text = (
        "| 項次 | 辦理事項 | 負責單位 | 辦理情形 |\n|---|---|---|---|\n"
        "| 8-2 | 建置出口產品碳足跡係數資料庫 | 環境部 "
        "| 已完成鋼鐵類 12 項產品係數;鋁製品係數預定 114 年 12 月底前完成 |\n"
    )
    context = MeetingContext(date(2025, 10, 30), date(2025, 10, 30), calendar="TW", title="工作會議")
    assert [c.due_date.isoformat() for c in read_rules(text, context).candidates] == ["2025-12-31"]


def test_an_action_code_before_a_colon_is_not_a_form_field() -> None:
    text = "2. ACTION POINTS\n\nAP3: ALL – comments on draft ToR by 11 December 2025\n"
    assert list(proposed(text, UNSEEN).values()) == ["2025-12-11"]


def test_members_encouraged_to_contribute_is_an_undated_follow_up() -> None:
    text = "The working party agreed to a new item and encouraged Members to contribute to its development.\n"
    assert list(proposed(text, UNSEEN).values()) == [None]


def test_a_date_of_each_year_is_a_standing_rule_not_a_deadline() -> None:
    text = (
        "Parties were urged to pay their contributions as soon as possible, "
        "as they fall due on 1 March of each year.\n"
    )
    assert list(proposed(text, BONN).values()) == [None]


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
    found = {excerpt.lstrip("- "): due for excerpt, due in proposed(text, NOTES).items()}
    assert found["draft toolkit → WPX for approval at Jul mtg"] == "2026-07-06"
    assert found["→ us: once the toolkit is out, fwd to energy bureau [HL]"] is None
    assert found["papers for Jul roundtable due 3 wks before mtg"] == "2026-06-15"
    assert found["speakers -> names to Sec 1 mo before nxt mtg"] == "2026-06-06"
    assert found["→ us: decide who goes to Jul mtg by end May [HL]"] == "2026-05-31"


def test_a_date_in_the_purpose_of_a_deadline_is_not_one_more() -> None:
    text = (
        "ACTION: Treasurer to get three insurance quotes by 11 December, "
        "so the policy can be renewed before year end.\n"
    )
    assert list(proposed(text, BOARD).values()) == ["2025-12-11"]


def test_an_undated_task_given_to_the_secretariat_or_a_promise_by_title_is_proposed() -> None:
    text = (
        "21. The Committee requested the secretariat to publish the submissions on the portal.\n\n"
        "The Ministry's adviser, Ms. Lee, undertook to share the draft bulletin once it is available.\n"
    )
    found = read_rules(text, BONN).candidates
    assert [(c.due_date, c.kind) for c in found] == [(None, "external_commitment")] * 2


def test_an_action_list_s_due_column_reads_day_and_month() -> None:
    text = (
        "Action items\n\n"
        "- Priya (CSIRO): circulate the revised dictionary – 20/7\n"
        "- Lena (secretariat): set up the shared folder – Mon 13/7\n"
        "- All: comments on the draft – 31/7\n"
        "- hotel checkout Wed 25/3, flight Wed night\n"
    )
    context = MeetingContext(date(2026, 7, 9), date(2026, 7, 9), calendar="AU")
    found = {excerpt.lstrip("- "): due for excerpt, due in proposed(text, context).items()}
    assert found["Priya (CSIRO): circulate the revised dictionary – 20/7"] == "2026-07-20"
    assert found["Lena (secretariat): set up the shared folder – Mon 13/7"] == "2026-07-13"
    assert found["All: comments on the draft – 31/7"] == "2026-07-31"
    assert not any("hotel" in excerpt for excerpt in found)


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
    found = {excerpt.lstrip("- "): due for excerpt, due in proposed(text, context).items()}
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
    assert proposed(month_first, context)["- econs pls update the IAPs by 4/12"] == "2024-04-12"
    assert proposed(day_first, context)["- econs pls update the IAPs by 4/12"] == "2024-12-04"
    assert proposed(month_first, context)["- SCSC2 -> arequipa, 5/9-5/10"] == "2024-05-09"


def test_by_the_end_of_a_quarter_under_way_is_a_deadline() -> None:
    text = "It undertook to publish the figures on the portal by the end of the first quarter of 2026.\n"
    context = MeetingContext(date(2026, 1, 28), date(2026, 1, 30), calendar="CH-GE")
    assert list(proposed(text, context).values()) == ["2026-03-31"]


def test_a_date_moved_from_is_not_a_follow_up_the_date_it_moved_to_is() -> None:
    text = "(B) ENTRY INTO FORCE MOVED FROM 1 FEBRUARY 2027 (ORIGINAL DRAFT) TO 1 AUGUST 2027;\n"
    context = MeetingContext(date(2026, 3, 18), date(2026, 3, 20), calendar="CH-GE")
    assert list(proposed(text, context).values()) == ["2027-08-01"]


def test_a_purpose_pointing_at_the_deadline_is_no_deadline_of_its_own() -> None:
    text = (
        "秘書處請各會員於 2026 年第 1 季前提出意見。\n\n"
        "（一）本團將於下週二前擬妥書面意見英文稿，請國貿署多邊組於6月19日前核可，俾於期限前提交秘書處。\n"
    )
    found = [due for excerpt, due in read_all(text, MISSION_GENEVA) if excerpt.startswith("（一）")]
    assert sorted(found) == ["2025-06-17", "2025-06-19"]  # not 2026-03-31, the deadline said before


def test_the_day_of_the_return_a_deadline_counts_from_is_not_a_deadline() -> None:
    found = read_all("（六）本團預定6月14日搭機返國，將於返國後兩週內依規定提交出國報告。\n", MISSION_GENEVA)
    assert [due for _excerpt, due in found] == ["2025-06-28"]


def test_an_action_line_is_an_action_even_without_a_date() -> None:
    text = (
        "9. Women in STEM\n\n"
        "Action: The Secretariat to continue liaising with PPWE and HRDWG on joint activities.\n\n"
        "Action: Other members interested in joining the FotC group to inform the Chair intersessionally.\n"
    )
    kinds = {c.excerpt[:20]: (c.kind, c.due_date) for c in read_rules(text, MISSION_GENEVA).candidates}
    assert kinds == {
        "Action: The Secretar": ("external_commitment", None),
        "Action: Other member": ("our_task", None),
    }


def test_done_with_a_disposal_marker_is_not_a_plan() -> None:
    extraction = read_rules(
        "（一）辦理情形：雙邊事務科已於6月2日將議題清單函送臺灣日本關係協會轉日方。\n", MISSION_GENEVA
    )
    assert extraction.candidates == []
    assert [m.reason for m in extraction.mentions] == ["told in the past tense"]


def test_a_task_kept_on_the_list_is_a_follow_up_even_undated() -> None:
    found = proposed("（二）擬辦：繼續列管，由綜合企劃科持續追蹤菲律賓案執行進度。\n", MISSION_GENEVA)
    assert found == {"（二）擬辦：繼續列管，由綜合企劃科持續追蹤菲律賓案執行進度。": None}


def test_a_member_s_own_plan_after_a_lead_in_is_not_a_follow_up() -> None:
    text = (
        "14. In the ensuing discussion, the representative of Jordan said that her country would launch "
        "its national artificial intelligence strategy in the fourth quarter of 2025 and thanked the "
        "secretariat for its technical support in drafting it.\n"
    )
    extraction = read_rules(text, MISSION_GENEVA)
    assert extraction.candidates == []
    assert [m.reason for m in extraction.mentions] == ["a member reporting on its own plans"]


def test_by_end_q3_is_a_deadline_inside_its_quarter() -> None:
    meeting = MeetingContext(date(2025, 7, 1), date(2025, 7, 2), calendar="BE")
    found = proposed(
        "For the data management plan, partners will provide their sections by end Q3 (A1.5).\n", meeting
    )
    assert list(found.values()) == ["2025-09-30"]


def test_a_date_broken_over_two_lines_is_read_whole() -> None:
    text = (
        "Delegations are invited to indicate their interest in co-sponsoring the dedicated session by 27\n"
        "June 2025, by e-mail to the Secretariat.\n"
    )
    assert list(proposed(text, MISSION_GENEVA).values()) == ["2025-06-27"]


def test_the_minutes_action_form_is_an_action_whoever_acts() -> None:
    text = "TECRO to propose slots.\n\nUS side to come back on de minimis after internal clearance.\n"
    found = proposed(text, MEMO)  # an actor no list knows is ours to track
    assert found == {
        "TECRO to propose slots.": None,
        "US side to come back on de minimis after internal clearance.": None,
    }
    assert [
        c.kind for c in read_rules("The Secretariat to circulate the revised draft.\n", MEMO).candidates
    ] == ["external_commitment"]
    assert read_rules("5. Guide to enactment.\n", MEMO).candidates == []  # a title, not an actor


def test_a_next_steps_bullet_is_an_action_but_not_a_statistic_or_a_refusal() -> None:
    text = (
        "5. NEXT STEPS\n\n"
        "  * Read-out to the industry associations once Legal has cleared the MOU language.\n"
        "  * Partners will not submit a consortium bid to the capitalisation call.\n"
        "  * 108 participants attended in person and 23 online.\n"
    )
    assert [c.excerpt for c in read_rules(text, MEMO).candidates] == [
        "* Read-out to the industry associations once Legal has cleared the MOU language."
    ]


def test_a_weekday_a_deadline_closes_on_and_the_second_half_of_a_month() -> None:
    found = read_all(
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
    assert read_all(text, MEMO) == [("The Secretariat will circulate the notes by 14 Nov.", "2025-11-14")]


def test_a_promise_made_to_us_is_no_self_report() -> None:
    found = proposed(
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
    assert proposed("The Working Group agreed to retain draft recommendations 14 to 17.\n", MEMO) == {}


def test_an_action_point_with_its_owner_is_an_action() -> None:
    text = (
        "- AP me: brief ottawa (DG level) on the slicing work before the plenary\n"
        "- AP @raj: circulate trial data internally, whenever it's cleared on their side\n"
    )
    found = read_rules(text, MEMO).candidates
    assert [(c.kind, c.due_date) for c in found] == [("our_task", None), ("our_task", None)]


def test_which_items_stay_on_the_list_is_no_task_but_a_task_kept_on_it_is() -> None:
    text = (
        "一、第一、三、五案解除列管，第二、四案繼續列管。\n\n"
        "二、其餘2項（MC14代表團經費、APEC中小企業工作組提案）繼續列管。\n\n"
        "三、請國際合作處協助洽詢友邦共同提案之意願，並持續列管。\n"
    )
    assert [excerpt[:2] for excerpt in proposed(text, TASK_FORCE)] == ["三、"]


def test_a_promise_by_its_verb_and_a_policy_coming_into_force() -> None:
    text = (
        "The delegation of France offered to coordinate the informal consultations.\n\n"
        "The Secretariat undertook to liaise with the World Bank Group.\n\n"
        "The new Partner Safeguarding Policy comes into force on 1 July 2026.\n"
    )
    found = proposed(text, MEMO)
    assert list(found.values()) == [None, None, "2026-07-01"]


def test_parties_agreeing_on_something_to_do_together_is_a_follow_up() -> None:
    context = MeetingContext(date(2025, 6, 24), date(2025, 6, 26), calendar="DE", title="Consortium kick-off")
    text = (
        "4. Background\n\n"
        "WP3 and WP4 leads agreed to hold a bilateral call in mid-July to align the indicators.\n\n"
        "雙方同意於2025年9月8日至10日之下次會議期間再就實驗室比對之合作細節進一步討論。\n"
    )
    assert sorted(proposed(text, context).values()) == ["2025-07-15", "2025-09-08"]


def test_something_planned_for_a_quarter_looks_ahead() -> None:
    found = proposed(
        "Publication is planned for Q4 2025.\n", MeetingContext(date(2025, 9, 10), date(2025, 9, 12))
    )
    assert list(found.values()) == ["2025-12-31"]


def test_a_deadline_extended_to_a_later_day_is_a_follow_up() -> None:
    text = (
        "6. EU REPLIED: (A) COMMENT PERIOD EXTENDED TO 15 MAY 2026 AS MANY COMMENTS WERE ALREADY RECEIVED;\n"
    )
    found = proposed(text, MeetingContext(date(2026, 3, 4), date(2026, 3, 6), calendar="CH-GE"))
    assert list(found.values()) == ["2026-05-15"]


def test_an_action_line_with_its_hours_is_an_action_not_a_programme_session() -> None:
    text = "AI: [WHA/AND - Keller] IA follow-up call Tues 4/28, 10:00-10:45 to go through clearances.\n"
    found = proposed(text, READOUT)
    assert list(found.values()) == ["2026-04-28"]


def test_a_note_marked_for_information_only_or_an_absence_is_not_a_follow_up() -> None:
    context = MeetingContext(date(2026, 3, 10), date(2026, 3, 12), calendar="SG", title="ASEAN SOM")
    text = (
        "- TH rolling out its national B2B e-invoicing mandate 1 Jan 2027 -> info only\n"
        "- KH: will run a paperless workshop in Siem Reap in Jun -> own plan, no ask of AMS\n"
        "- Out of office: I will be on leave from 23 March to 27 March.\n"
        "- Sec to circulate the revised matrix by 27 March\n"
    )
    found = proposed(text, context)
    assert list(found.values()) == ["2026-03-27"]


def test_a_comparison_with_an_earlier_quarter_is_a_statistic() -> None:
    context = MeetingContext(date(2026, 7, 14), date(2026, 7, 15), calendar="SG", title="Pilot steering")
    text = (
        "- 18,450 consignments exchanged in Q2, up from 11,200 in Q1.\n"
        "- Temperature excursions per 1,000 consignments fell from 14.2 (Q1) to 10.9 (Q2).\n"
        "- Ben to send the Phase 2 proposal to the Fund by end of Q3.\n"
    )
    found = proposed(text, context)
    assert list(found.values()) == ["2026-09-30"]


def test_what_follows_when_nobody_answers_a_deadline_is_not_a_second_follow_up() -> None:
    text = (
        "Delegates were invited to send comments on the draft Summary Record by 21 November 2025. "
        "In the absence of comments by that date, the Summary Record will be considered approved.\n\n"
        "The record of the 89th Session will otherwise be considered approved at the 90th Session.\n"
    )
    found = proposed(text, MeetingContext(date(2025, 11, 3), date(2025, 11, 5), calendar="FR"))
    assert list(found.values()) == ["2025-11-21"]


def test_a_cover_date_and_a_signature_date_are_no_log_of_days() -> None:
    text = (
        "FORUM OFFICIALS COMMITTEE\n\n22 May 2026\n\n"
        "10. Officials agreed that a Special FOC (virtual) be convened within six weeks.\n\n"
        "Forum Secretariat, Suva\n\n20 May 2026\n"
    )
    found = proposed(text, MeetingContext(date(2026, 5, 19), date(2026, 5, 20), calendar="FJ"))
    assert list(found.values()) == ["2026-07-01"]


def test_an_instruction_to_a_colleague_without_a_date_is_listed_in_the_review() -> None:
    text = "Agree on co-sponsoring NZ in principle - just check with Trade Policy (DFAT) before we say yes.\n"
    extraction = read_rules(text, MeetingContext(date(2026, 3, 2), date(2026, 3, 5), calendar="AU"))
    listed = [m.excerpt for m in extraction.mentions] + [c.excerpt for c in extraction.candidates]
    assert any("just check with Trade Policy" in excerpt for excerpt in listed)


def test_a_calendar_row_with_its_dates_and_a_deadline_is_the_meeting_and_the_deadline() -> None:
    text = (
        "| Meeting | Dates | Venue | Deadline for contributions |\n|---|---|---|---|\n"
        "| CWG-FHR-22 | 20–21 April 2026 | Geneva (hybrid) | Wed 8 April 2026 |\n"
    )
    context = MeetingContext(date(2026, 2, 5), date(2026, 2, 6), calendar="CH-GE", title="CWG-FHR-21")
    found = read_rules(text, context).candidates
    assert sorted((c.due_date.isoformat(), c.kind) for c in found) == [
        ("2026-04-08", "our_task"),
        ("2026-04-20", "event"),
    ]


def test_courtesy_and_nothing_to_report_lines_are_not_an_action_form() -> None:
    text = (
        "Standard. Thanks to host. Nothing to flag.\n\n"
        "Happy to discuss, I'm reachable on my mobile.\n\n"
        "Up to eight proposals would be selected for funding of up to $250,000 each.\n\n"
        "TECRO to propose slots.\n"
    )
    found = proposed(text, MeetingContext(date(2025, 10, 25), date(2025, 10, 30), calendar="IE"))
    assert list(found) == ["TECRO to propose slots."]


def test_a_publication_envisaged_for_a_quarter_or_due_in_the_course_of_a_year_looks_ahead() -> None:
    text = (
        "Publication of Consumption Tax Trends 2026 is envisaged for the fourth quarter of 2026.\n\n"
        "The secretariat informed delegates that a new module would be made available online in the "
        "course of 2026.\n"
    )
    found = proposed(text, MeetingContext(date(2025, 11, 17), date(2025, 11, 19), calendar="FR"))
    assert sorted(found.values()) == ["2026-12-31", "2026-12-31"]


def test_a_pilot_to_be_carried_out_looks_ahead_and_a_closing_fyi_marks_information() -> None:
    text = (
        "Belgium and the Netherlands announced a joint pilot on dangerous goods manifests, to be "
        "carried out in the first half of 2026.\n\n"
        "- FJ National Export Strategy to be launched in Suva in Feb - FJ's own launch, fyi\n"
    )
    found = proposed(text, MeetingContext(date(2025, 10, 20), date(2025, 10, 22), calendar="CH-GE"))
    assert list(found.values()) == ["2026-06-30"]


def test_a_date_the_report_sets_aside_or_calls_off_is_not_a_follow_up() -> None:
    text = (
        "Short version: comments on REV1 now due 28 Nov, not 21 Nov, because REV1 went up late.\n\n"
        "The 21 Nov date in Marc's original note is dead.\n\n"
        "Disregard the 15-16 April dates below.\n\n"
        "The new dates replace the tentative 11-13 November slot mentioned in your instructions.\n"
    )
    found = proposed(text, MeetingContext(date(2025, 11, 5), date(2025, 11, 7), calendar="FR"))
    assert list(found.values()) == ["2025-11-28"]


def test_a_contracted_will_looks_ahead() -> None:
    text = "[10:40] Lina Chen: I'll set up the debrief with the Director on Mon 27th, 3pm, MR 12-03.\n"
    found = proposed(text, MeetingContext(date(2025, 10, 20), date(2025, 10, 23), calendar="CH-GE"))
    assert list(found.values()) == ["2025-10-27"]


def test_thanks_and_a_shout_out_are_courtesies_not_follow_ups() -> None:
    text = (
        "Thanks to everyone who supported this week's EAC and the meeting on Friday 24 April.\n\n"
        "A special shout-out to the Trust team for organising the field visit on 18 March.\n\n"
        "Thanks again - please send your claims by 10 April.\n"
    )
    found = proposed(text, MeetingContext(date(2026, 3, 16), date(2026, 3, 18), calendar="KE"))
    assert list(found.values()) == ["2026-04-10"]


def test_someone_unnamed_telling_of_its_own_national_plan_is_background() -> None:
    text = (
        "One Member announced that it would complete its national forest carbon inventory in 2027.\n\n"
        "Ana told us NIWA is planning to launch its own national coastal data portal in November.\n\n"
        "The Secretariat will circulate the revised inventory template by 30 June 2026.\n"
    )
    found = proposed(text, MeetingContext(date(2025, 10, 20), date(2025, 10, 24), calendar="IT"))
    assert list(found.values()) == ["2026-06-30"]


def test_a_delegation_diary_entry_is_an_event_and_an_office_closure_is_none() -> None:
    text = (
        "The Mission will be closed on Thursday 27 and Friday 28 November (Thanksgiving).\n\n"
        "On (3): CARICOM caucus confirmed for Monday 17 Nov, 3:00 pm, at the Mission of Guyana.\n\n"
        "Internal debrief tomorrow (Thu) 9:30 in my office.\n"
    )
    context = MeetingContext(
        date(2025, 11, 12), date(2025, 11, 12), calendar="US-DC", title="OAS Permanent Council"
    )
    found = read_rules(text, context)
    assert "EV:~mission" not in found.frame.later
    dates = {c.excerpt[:20]: (c.due_date, c.kind) for c in found.candidates}
    assert dates == {
        "On (3): CARICOM cauc": (date(2025, 11, 17), "event"),
        "Internal debrief tom": (date(2025, 11, 13), "event"),
    }


def test_a_notes_arrow_gives_the_day_and_a_body_named_with_a_colon_is_no_form_field() -> None:
    text = (
        "- thank-you note to Chair + Sec (Manuel) -> Mon\n"
        "- brief MO -> next Tues, 15 min slot, JT + RK.\n\n"
        "COFI:AQ14 -> Q2 2027, host tbc (VNM interested?)\n"
    )
    context = MeetingContext(date(2026, 7, 6), date(2026, 7, 10), calendar="IT", title="COFI37")
    found = {c.excerpt[:12]: c.due_date for c in read_rules(text, context).candidates}
    assert found == {
        "- thank-you ": date(2026, 7, 13),  # the Monday after Friday 10 July
        "- brief MO -": date(2026, 7, 14),  # next Tuesday, not "Tues, 15"
        "COFI:AQ14 ->": date(2027, 6, 30),
    }


def test_suggestions_offers_questions_and_needs_are_shown_in_the_review() -> None:
    sentences = [
        "We have useful material, so I suggest we make a short written submission.",
        "Each economy may nominate one early-career scientist.",
        "Chile needs our answer before submission.",
        "Could you check whether the replies go into the same addendum?",
        "COFI:FT20 -> 2027, NOR offered Bergen, dates tbc",
        "Cable goes at COB once the Ambassador clears it.",
        "本工作坊與我方推動標準相關，建議派員出席並爭取擔任與談人。",
        "另日本於會中介紹其認證制度，表示願於會間與有興趣之參與者分享相關技術文件。",
    ]
    found = read_rules("\n\n".join(sentences) + "\n", UNSEEN)
    shown = " ".join([c.excerpt for c in found.candidates] + [m.candidate.excerpt for m in found.mentions])
    assert [s for s in sentences if s.rstrip("。.?").split("，")[-1][:20] not in shown] == []


def test_a_numbered_to_do_list_under_its_title_is_notes_not_headings() -> None:
    text = (
        "--- 2/26 回程 ---\n\n"
        "待辦 / follow-up\n"
        "1. 下週一 (3/2) 口頭報告科長\n"
        "2. 下週五前寄 thank-you emails (Santos, Nguyen, Aziz) + 附 TW paper\n"
        "3. PH critical minerals memo — 3/10\n"
        "4. 3月中 跟林組長視訊，談 track-2 想法\n"
        "5. 回國後跟外貿協會馬尼拉辦事處確認 seminar 時間\n"
    )
    context = MeetingContext(date(2026, 2, 24), date(2026, 2, 25), calendar="PH", our_names=("我方",))
    found = read_rules(text, context)
    assert [b.kind for b in found.blocks if b.text[:2] in {"1.", "2.", "3.", "4.", "5."}] == ["item"] * 5
    wanted = [
        ("口頭報告科長", date(2026, 3, 2)),
        ("thank-you emails", date(2026, 3, 6)),
        ("critical minerals memo", date(2026, 3, 10)),
        ("跟林組長視訊", date(2026, 3, 15)),
        ("外貿協會馬尼拉辦事處確認", None),
    ]  # the day line of the trip home is none of them
    assert len(found.candidates) == len(wanted)
    for (phrase, due), candidate in zip(wanted, found.candidates, strict=True):
        assert phrase in candidate.excerpt and candidate.due_date == due


def test_each_message_of_a_thread_counts_its_weekdays_from_its_own_date() -> None:
    text = (
        "From: Petrus <p@mission.example.org>\n"
        "Sent: Tuesday, 18 November 2025 16:42\n\n"
        "Names and passport details to me by this Friday please.\n\n"
        "On Fri, 14 Nov 2025 at 17:20, Selma Iipinge <selma@mit.example.gov> wrote:\n"
        "> The US delegate said she would send us detailed questions in writing by the end of next week.\n"
    )
    context = MeetingContext(date(2025, 11, 12), date(2025, 11, 13), calendar="CH-GE")
    found = {c.excerpt[:12]: c.due_date for c in read_rules(text, context).candidates}
    assert found["Names and pa"] == date(2025, 11, 21)  # the Friday after Tuesday 18th
    assert found["The US deleg"] == date(2025, 11, 21)  # next week from Friday 14th: its Friday


def test_a_written_date_in_brackets_is_the_day_a_weekday_means() -> None:
    text = "寄件日期: 2025年11月7日 星期五\n\n防檢署如果要派人，請於下週一 (11/17) 前告訴我人選。\n"
    context = MeetingContext(date(2025, 11, 5), date(2025, 11, 7), calendar="CH-GE", our_names=("我方",))
    assert [c.due_date for c in read_rules(text, context).candidates] == [date(2025, 11, 17)]


def test_a_meeting_years_ahead_an_action_form_with_a_date_and_a_half_year_under_way() -> None:
    text = (
        "Ministers agreed that Senior Trade Officials would meet again in the second quarter of 2026 "
        "and that the next CTMM would be held in 2027.\n\n"
        "MBIE to continue advice to Ministers on accession, with a view to Cabinet consideration "
        "in Q3 2026.\n\n"
        "Lao PDR: the Vice-Minister confirmed her intention to visit Ottawa in the first half of 2026.\n\n"
        "Our national strategy was adopted in the first half of 2026.\n"
    )
    context = MeetingContext(date(2026, 2, 25), date(2026, 2, 26), calendar="LA", title="ASEAN dialogue")
    found = sorted((c.due_date, c.due_precision) for c in read_rules(text, context).candidates)
    assert found == [
        (date(2026, 6, 30), "half"),  # a visit still to come in the half-year under way
        (date(2026, 6, 30), "quarter"),
        (date(2026, 9, 30), "quarter"),
        (date(2027, 12, 31), "year"),  # a meeting, not a long-term goal
    ]


def test_struck_out_dates_whereabouts_and_a_polite_request() -> None:
    text = (
        "- ~~DEWG #2: mid-Jan~~ -> NOW 24-26 Feb, in person, venue TBC\n\n"
        "As you know I'll be in Bridgetown 24-28 Nov for the budget consultations.\n\n"
        "As the WTO is closed on Good Friday (3 April), they would appreciate our replies by "
        "Thursday 2 April at the latest.\n"
    )
    context = MeetingContext(date(2025, 11, 12), date(2025, 11, 13), calendar="CH-GE")
    found = sorted(c.due_date for c in read_rules(text, context).candidates)
    assert found == [date(2026, 2, 24), date(2026, 4, 2)]


def test_someone_else_who_will_circulate_a_document_is_a_commitment_undated() -> None:
    text = (
        "The US said it would circulate a non-paper.\n\n"
        "Peru's PO will circulate the template in the coming weeks.\n\n"
        "Japan said it would hold a national seminar on standards.\n\n"
        "I will send the draft.\n"
    )
    context = MeetingContext(date(2026, 3, 2), date(2026, 3, 4), calendar="KR", title="APEC SCSC1")
    found = [(c.excerpt[:12], c.kind, c.due_date) for c in read_rules(text, context).candidates]
    assert found == [
        ("The US said ", "external_commitment", None),
        ("Peru's PO wi", "external_commitment", None),
    ]  # a member's own seminar is its own plan; my own "I will" is no one else's promise


def test_a_to_do_line_without_a_date_is_listed_for_the_review() -> None:
    extraction = read_rules("TODOs\n\nTODO HT: update the regional finance tracker before Belem.\n")
    shown = [c.excerpt for c in extraction.candidates] + [m.excerpt for m in extraction.mentions]
    assert "TODO HT: update the regional finance tracker before Belem." in shown


def test_a_welcomed_offer_to_host_or_convene_is_someone_s_undated_commitment() -> None:
    found = proposed(
        "The Ministers welcomed the offer of the Government of Fiji to host a regional dialogue on "
        "e-commerce.\n\nThe meeting welcomed Samoa's offer to convene a working lunch on fisheries.\n"
    )
    fiji = (
        "The Ministers welcomed the offer of the Government of Fiji to host a regional dialogue on "
        "e-commerce."
    )
    assert found == {
        fiji: None,
        "The meeting welcomed Samoa's offer to convene a working lunch on fisheries.": None,
    }


def test_the_end_of_a_period_named_by_its_day_is_that_day() -> None:
    found = read_all(
        "- Expense claims: please submit them before fiscal year-end on March 31.\n",
        MeetingContext(date(2026, 3, 9), date(2026, 3, 20), calendar="CA"),
    )
    assert found == [
        ("- Expense claims: please submit them before fiscal year-end on March 31.", "2026-03-31")
    ]


def test_a_deadline_counted_from_a_meeting_it_does_not_name_is_listed() -> None:
    extraction = read_rules("Deadline for adding items to the airgram is normally 10 days before.\n")
    assert [m.excerpt for m in extraction.mentions] == [
        "Deadline for adding items to the airgram is normally 10 days before."
    ]


def test_nlt_is_a_deadline_word() -> None:
    found = read_all("8. Concept note NLT 15 Jan.\n", MeetingContext(date(2025, 11, 11), date(2025, 11, 14)))
    assert found == [("8. Concept note NLT 15 Jan.", "2026-01-15")]


def test_a_member_s_visit_to_us_is_no_plan_of_its_own() -> None:
    text = "七、報告事項\n\n(2) 紐方表示將於明（115）年第2季派員來臺，就輸紐荔枝處理場進行查核。\n"
    found = read_all(text, MeetingContext(date(2025, 11, 10), date(2025, 11, 14), calendar="TW"))
    assert found == [("(2) 紐方表示將於明（115）年第2季派員來臺，就輸紐荔枝處理場進行查核。", "2026-06-30")]
