"""Layout: paragraphs, wrapped lines, headings, lists, tables as records, page headers dropped."""

from __future__ import annotations

import pytest

from reports.layout import (
    CELLS,
    HEADING,
    ITEM,
    PARAGRAPH,
    ROW,
    Piece,
    action_tags,
    blocks,
    join_lines,
    read_text,
)


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in read_text(text)]


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("請各經濟體於 3 月 13 日前", "上傳國情報告。", "請各經濟體於 3 月 13 日前上傳國情報告。"),
        (
            "Economies are invited to submit",
            "comments by 30 June.",
            "Economies are invited to submit comments by 30 June.",
        ),
        ("the follow-", "up actions", "the follow-up actions"),
        ("截至 2024 年", "APEC 共有 21 個會員", "截至 2024 年 APEC 共有 21 個會員"),
    ],
)
def test_wrapped_lines_join_with_what_the_script_needs(left: str, right: str, joined: str) -> None:
    assert join_lines(left, right) == joined


def test_a_blank_line_ends_a_paragraph_and_a_wrapped_sentence_is_joined() -> None:
    text = (
        "12. The Working Group requested the secretariat to prepare a revised draft of the\n"
        "guide for consideration at its next session, taking into account the comments.\n"
        "\n"
        "13. Member States were invited to submit written comments on the revised draft by\n"
        "31 October 2025 so that they could be reflected in the document.\n"
    )
    found = _kinds(text)
    assert [kind for kind, _ in found] == [ITEM, ITEM]
    assert found[1][1].endswith("by 31 October 2025 so that they could be reflected in the document.")
    assert "draft of the guide" in found[0][1]


def test_a_hard_wrapped_line_starting_with_a_numeral_is_not_a_heading() -> None:
    line = "本次會議中各經濟體就數位貿易便捷化措施交換意見，我國代表說明推動無紙化貿易之成果，並指出下列"
    text = "\n".join(
        [line] * 12 + ["三、項目將於 9 月底前完成盤點，並提交秘書處彙整後分送各經濟體參考。", line, ""]
    )
    found = read_text(text)
    assert all(b.kind != HEADING for b in found)


def test_a_numbered_decision_that_goes_on_under_a_hanging_indent_is_one_item() -> None:
    text = (
        "柒、決議事項\n"
        "　　一、請港務公司於二週內提出碼頭岸電設施盤點結果，送航港局彙整。\n"
        "　　二、有關綠色航運走廊之合作構想，請港務公司持續\n"
        "　　　　研議可行性，並適時於本會議報告，列管。\n"
    )
    found = read_text(text)
    [second] = [b for b in found if "綠色航運走廊" in b.text]
    assert second.kind == ITEM
    assert second.text.endswith("研議可行性，並適時於本會議報告，列管。")
    assert [b.text for b in found if b.kind == HEADING] == ["柒、決議事項"]


def test_a_wrapped_line_ending_in_a_preposition_goes_on_with_the_next() -> None:
    filler = "      The Group reviewed the draft chapters at length and agreed on the way forward.\n" * 6
    text = (
        filler
        + "\n      (a)  Delegates are invited to submit comments on both chapters by\n"
        + "           15 January 2027;\n"
    )
    [item] = [b for b in read_text(text) if "both chapters" in b.text]
    assert item.text.endswith("both chapters by 15 January 2027;")


def test_a_numbered_to_do_of_a_delegate_s_notes_is_not_a_heading() -> None:
    text = "TO DO\n4. us: seminar names + registration b4 14 aug\n5. watch: consolidated text (31/7)\n"
    found = read_text(text)
    assert [b.kind for b in found if "seminar" in b.text or "consolidated" in b.text] == [ITEM, ITEM]


def test_headings_nest_in_the_order_the_report_uses_its_markers() -> None:
    text = "壹、目的\n說明。\n貳、過程\n一、會議時間\n(一) 開幕\n1. 主席致詞\n主席表示歡迎。\n"
    found = read_text(text)
    said = next(b for b in found if b.text == "主席表示歡迎。")
    assert said.path == ("貳、過程", "一、會議時間", "(一) 開幕", "1. 主席致詞")


def test_repeated_page_headers_and_footers_are_dropped() -> None:
    body = ["會議由主席開場。", "各經濟體報告近況。", "秘書處說明預算。", "我國代表發言。", "會議確認議程。"]
    pages = [
        Piece(
            lines=(
                "出國報告：APEC 中小企業工作小組",
                *[f"{line}（{n}-{i}）" for i, line in enumerate(body)],
                f"本頁討論議題{'甲乙丙丁戊'[n - 1]}之結論。",
                f"第 {n} 頁",
            ),
            page=n,
        )
        for n in range(1, 6)
    ]
    texts = [b.text for b in blocks(pages)]
    assert not any("出國報告：APEC" in t or t.startswith("第 ") for t in texts)
    assert any("本頁討論議題丙之結論" in t for t in texts)


@pytest.mark.parametrize(
    "table",
    [
        "| # | Action | Owner | Due |\n|---|---|---|---|\n"
        "| 1 | Circulate the revised policy | JS | 30 Jun |\n",
        "# \tAction\tOwner\tDue\n1\tCirculate the revised policy\tJS\t30 Jun\n",
        "No.  Action                          Owner   Due\n"
        "1    Circulate the revised policy     JS      30 Jun\n",
        " #  | Action                        | Owner | Due\n"
        "----+-------------------------------+-------+--------\n"
        " 1  | Circulate the revised policy  | JS    | 30 Jun\n",
    ],
    ids=["pipe", "tab", "aligned", "pipe-with-plus-rule"],
)
def test_text_tables_become_records_with_named_cells(table: str) -> None:
    rows = [b for b in read_text(table) if b.kind == ROW]
    assert len(rows) == 1
    assert (rows[0].text, rows[0].cell("owner"), rows[0].cell("due")) == (
        "Circulate the revised policy",
        "JS",
        "30 Jun",
    )


def test_justified_prose_with_double_spaces_is_no_aligned_table() -> None:
    """A justified PDF's text layer puts two spaces between words; a line whose words include
    "to" and "timeline" is still prose, and so are the lines after it."""
    text = (
        "(d) to  agree  on  the  scope,  structure  and  timeline  of  an  IAEA  TECDOC  on\n"
        "decommissioning considerations for SMRs and microreactors.\n"
        "3.  OPENING  SESSION\n"
        "3.1. The meeting was opened on behalf of the Deputy Director General.\n"
    )
    found = read_text(text)
    assert not any(b.kind in {ROW, CELLS} for b in found)
    assert any("structure and timeline of an IAEA TECDOC on decommissioning" in b.text for b in found)


def test_an_aligned_table_ends_at_a_line_its_columns_would_cut() -> None:
    text = (
        "No.  Action                          Owner   Due\n"
        "1    Circulate the revised policy     JS      30 Jun\n"
        "The Board thanked the secretariat for the very thorough preparation of all papers.\n"
    )
    found = read_text(text)
    assert [b.kind for b in found if b.kind == ROW] == [ROW]
    assert any(b.text.startswith("The Board thanked") and b.kind != ROW for b in found)


def test_a_chinese_table_header_names_its_columns() -> None:
    rows = [
        b
        for b in read_text("辦理事項\t負責單位\t期限\t辦理情形\n提交國情報告\t本部\t114年9月底前\t辦理中\n")
        if b.kind == ROW
    ]
    assert [(r.cell("action"), r.cell("owner"), r.cell("due"), r.cell("status")) for r in rows] == [
        ("提交國情報告", "本部", "114年9月底前", "辦理中")
    ]


def test_a_table_without_a_named_header_keeps_its_cells() -> None:
    found = read_text("服務機關\t姓名\t職稱\n數位發展部\t沈信雄\t專門委員\n")
    assert [b.kind for b in found] == [CELLS, CELLS]


def test_form_fields_and_quoted_mail_are_marked() -> None:
    found = read_text("報告日期：114 年 5 月 7 日\n\n> Please send your comments by 30 June.\n")
    assert found[0].form_field
    assert found[1].quoted


@pytest.mark.parametrize(
    ("line", "owner", "done"),
    [
        ("- [MK] survey to go live in all 12 countries (Q1)", "MK", False),
        ("ACTION: JS to circulate the revised policy", "JS", False),
        ("[ ] book flights Lima", "—", False),
        ("[x] book flights Lima", "", True),
        ("- [CM] send BZ export data to MK - DONE (sent 24 Oct)", "CM", True),
        ("- comments due 2 wks after circ.", "", False),
    ],
)
def test_action_lines_carry_their_owner_and_whether_they_are_done(line: str, owner: str, done: bool) -> None:
    assert action_tags(line) == (owner, done)


def test_a_list_item_is_an_item() -> None:
    assert _kinds("- SG to circ. revised text by Fri\n- comments due 2 wks after circ.\n") == [
        (ITEM, "- SG to circ. revised text by Fri"),
        (ITEM, "- comments due 2 wks after circ."),
    ]


def test_a_toc_is_dropped() -> None:
    found = _kinds("目錄\n壹、 目的\t6\n貳、 過程\t7\n\n壹、目的\n本報告說明會議成果。\n")
    assert found == [(HEADING, "壹、目的"), (PARAGRAPH, "本報告說明會議成果。")]


def test_an_action_label_before_the_owner_s_brackets_names_the_owner() -> None:
    assert action_tags("AI: [USTR/ENR - Morales] circulate the draft summary") == (
        "USTR/ENR - Morales",
        False,
    )


def test_a_work_plan_table_is_read_as_records() -> None:
    """Headers that only hold a role's word, one with a digit in words, and a long description
    among short cells: still a table of records, its year cell the row's due."""
    description = "Revision of chapter II-2 and associated codes to minimize fires in ro-ro spaces " * 2
    rows = (
        ("Output", "Description", "Target completion year", "Status of output for Year 1", "References"),
        ("2.7", description.strip(), "2026", "In progress", "SSE 11/19, section 4"),
    )
    found = blocks([Piece(rows=rows)])
    assert [b.kind for b in found] == [ROW]
    assert found[0].cell("due") == "2026"
    assert found[0].cell("status") == "In progress"


def test_a_lettered_item_set_with_a_tab_is_an_item_not_a_form_field() -> None:
    found = read_text("The Committee:\nb)\tinvited Members to nominate focal points by 30 September 2026;\n")
    assert [(b.text, b.form_field) for b in found][-1] == (
        "b) invited Members to nominate focal points by 30 September 2026;",
        False,
    )


def test_an_indented_numbered_list_a_line_introduces_is_items_not_headings() -> None:
    text = (
        "比較急、需要課長決定的只有兩件：\n"
        "  1. rolling speed 我們支持 30 rpm 還是保持中立\n"
        "  2. 要不要提名 expert 進 110/1752/NP 的 PT\n\n"
        "其他的我年後開工就開始跑。\n"
    )
    found = read_text(text)
    assert [b.kind for b in found if "rpm" in b.text or "提名" in b.text] == [ITEM, ITEM]


def test_an_action_line_starts_its_own_block_after_a_full_line() -> None:
    text = (
        "7. MEMBERSHIP DRIVE\n\n"
        "The Secretary reported that membership had grown in three of the five\n"
        "regions but fallen in the Pacific, where two university groups had lapsed\n"
        "after their coordinators retired. Members discussed how to reach early\n"
        "career staff and agreed that a short survey should go out to chapters.\n\n"
        "Action: JR to circulate the membership survey to all chapters in the new\n"
        "year, with a reminder to the Pacific groups that lapsed during 2025.\n"
        "Action: NTL to report on the survey results, by region and stage, by June.\n"
    )
    actions = [b.text for b in read_text(text) if b.text.startswith("Action:")]
    assert len(actions) == 2


def test_imo_sub_paragraphs_are_items_of_their_own() -> None:
    text = (
        "16.1 The Committee is invited to approve the report in general and, in particular, to:\n"
        ".1 approve the draft circular on the revised guidelines (paragraph 5.9 and annex 3);\n"
        ".2 endorse the holding of an intersessional meeting in 2026 (paragraph 9.4).\n"
    )
    assert [b.kind for b in read_text(text) if b.text.startswith((".1", ".2"))] == [ITEM, ITEM]
