"""The follow-up decision: is a clause something to do or to track after the meeting?

The cue tables it reads are reports/cues.py; the clause it reads is reports/clause.py, who acts in
it reports/clause_parties.py.

Pure and rule-based; a trained model then gives a second opinion on each verdict
(`reports.model`, measured by `manage.py train_reader_model --cross-validate`). A clause is proposed
when it holds a date after the meeting (or a request that needs no date) and a cue that it
is a follow-up — a request to every member or to us, an obligation, someone's promise to
deliver, an event that will take place, a deadline word — unless it reads as background:
the past tense with nothing still to come, a statistic or a national target, or a member
reporting on its own domestic plans in a round of national updates.

Kinds: a request to everyone (which includes us) or to us, and our own to-dos, are
`our_task`; someone else's promise, and an opportunity any member may take, are
`external_commitment`; meetings, workshops and rules taking effect are `event`.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_noop

from reports.clause import Clause, Decision, cue, width_of
from reports.clause_parties import first_party, other_member, section_member, self_reporter, sentence_party
from reports.cues import (
    _LATER_AGENDA,
    _REPORTED_REQUEST,
    ABSENCE,
    ACTIVITY,
    AT_THIS_MEETING,
    BACKGROUND_SECTION,
    CALLED_OFF,
    COMMITMENT,
    CONTINUING,
    COURTESY,
    DEADLINE,
    DEFAULT_OUTCOME,
    DELIVER,
    DOCUMENT,
    DOMESTIC,
    DONE,
    DONE_STATUS,
    ELECTION,
    EVENT,
    EVENT_WORDS,
    EXTERNAL,
    FOLLOW_UP_SECTION,
    FORM_DATE,
    FUTURE,
    GROUP_OFFER,
    HELD,
    HOLIDAY,
    IC,
    INFO_ONLY,
    INPUT,
    INPUT_UNDATED,
    MEETING_EVENT,
    NOTE_TO_US,
    OBLIGATION,
    ONGOING,
    OPPORTUNITY,
    OPTIONAL,
    OUR_TASK,
    OWN,
    PAST,
    PERFECT_DONE,
    PERSON_OWNER,
    REPORTING,
    REQUEST,
    STATISTIC,
    TARGET,
    TRAVEL,
)
from reports.notes import note
from reports.parties import Actor
from reports.temporal import Expression


def _without_dates(clause: Clause) -> str:
    """The clause with its date phrases blanked: "會議結束後 20 個工作日內" says nothing of a meeting event."""
    text = clause.text
    for expression in (*clause.future, *clause.past, *([clause.primary] if clause.primary else [])):
        if expression.text and expression.text in text:
            text = text.replace(expression.text, " " * len(expression.text))
    return text


# "- nxt mtg Aug TBC", "Next session: early June": the clause is about the next meeting itself.
_ABOUT_THE_NEXT_MEETING = re.compile(
    r"\W*(?:the\s+)?(?:next|nxt)\s+(?:[A-Z][\w&-]*\s+)?(?:meeting|mtg|session|plenary)\b|\W*(?:下次|下屆|下一次)(?:會議|大會)",
    IC,
)


# A request to those who run the process: "requested the secretariat to publish …".
_ASKS_A_BODY = re.compile(
    r"\b(?:requested|requests|asked|instructed|instructs|mandated|tasked|invited)\s+(?:the\s+|its\s+)?"
    r"(?:[A-Z][\w-]*\s+){0,3}?(?:secretariat|Secretariat|Chair|Chairs|Co-Chairs|Bureau|Executive\s+Secretary"
    r"|Director(?:-General)?|Office|Task\s+Team|Task\s+Force|Working\s+Group|Expert\s+Group)\s+to\s+[a-z]"
)
# Who promises, where no known party is named: a committee, a secretariat, a person by title.
_PROMISER = re.compile(
    r"\b(?:Committee|Secretariat|Chair|Co-Chairs?|Board|Council|Task\s+Team|Working\s+Group|Bureau"
    r"|(?:Executive\s+)?Director|Ms|Mr|Mrs|Dr)\b\.?[^.;]{0,80}?"
    r"\b(?:will|shall|undert(?:ook|akes)\s+to|offered\s+to|committed\s+to|volunteered\s+to)\b"
)


# "TECRO to propose slots.", "(b) The Secretariat to circulate…": an actor, then "to" and what it does.
_ACTION_FORM = re.compile(
    r"^\W*(?:\(?[a-z0-9]{1,3}[).]\s+)?(?:the\s+)?"
    # not "Thanks to host.", "Nothing to flag.", "Happy to discuss"
    r"(?!(?:Thanks|Thank|Nothing|Welcome|Happy|Glad|Good|Great|Back|Subject|Reply|According|Further|Pursuant"
    r"|Similar|Contrary|Prior|Due|Close|Up|Return|Open|Free|Next|Time|Not|Nice|Hard|Easy|Difficult)\b)"
    r"[A-Z][\w.&'’/-]*"
    r"(?:\s+(?:[A-Z][\w.&'’/-]*|side|team|delegation|secretariat|chair|members?|office|division|unit|and|&)){0,4}"
    r"\s+to\s+(?!be\b|date\b|the\b|a\b|an\b|all\b|our\b|its\b|their\b)"
    r"(?![a-z]+(?:ment|tion|sion|ance|ence|ity|ness|ship|ism|ure|ies)\b)[a-z]{3,}\b"  # not "Guide to enactment"
)
# "APERC 表示，修訂版將於會後 1 個月內寄送各經濟體": a promise to every member.
_TO_ALL = re.compile(
    r"(?:送|寄|提供|分送|發送|轉知|分享)[^，。；]{0,6}(?:各|所有|全體)"
    r"|(?:與|向|給|供)(?:各|所有|全體)[^，。；]{0,8}(?:分享|提供|說明)"  # "定稿後與各經濟體分享"
    r"|\bshare\b[^.;]{0,30}\bwith\s+(?:all\s+)?(?:members|economies|delegations|participants)\b"
    r"|\b(?:to|with)\s+all\s+(?:members|economies|delegations|participants)"
    # "將於會後 3 週內將簡報上傳至 MDDB", "will post the slides on the website": to everyone
    r"|上傳(?:至|到)?|(?:放置|公布|刊登)(?:於|在)[^，。；]{0,12}(?:網站|平台|資料庫|系統)"
    r"|\b(?:upload(?:ed)?|post(?:ed)?|publish(?:ed)?)\b[^.;]{0,60}\b(?:to|on)\s+the\s+(?:\w+\s+){0,3}"
    r"(?:website|portal|extranet|platform|database|site)\b",
    IC,
)
# "允諾於 10 月 10 日前提供…，供我方評估", "said they would come back to us": a promise made to us.
_TO_US = re.compile(
    r"(?:供|予|給|向|交)(?:我方|我國|本團|我團)"
    r"|\b(?:supply|provide|send|give|share\s+with|come\s+back\s+to|revert\s+to|get\s+back\s+to)\s+us\b",
    IC,
)
# "澳方表示將於明（115）年第1季派員來臺查核": a visit to us is no member's own plan
_VISITS_US = re.compile(r"來臺|來台|訪臺|訪台|赴臺|赴台|來我國|訪我國")
# "部長是否親自出席，俟外交部確認後再議", "to be revisited once the Legal Service has advised": a
# question left open until something happens.
_DEFERRED = re.compile(
    r"俟[^，。；]{1,20}?(?:後)?(?:再議|再行?(?:討論|決定|研議|研商|評估|處理|辦理|確認)|另行?(?:討論|決定|研議))"
    r"|\b(?:to\s+be\s+(?:revisited|reconsidered|decided|discussed\s+further)|will\s+(?:revert|revisit))\b"
    r"[^.;]{0,40}\b(?:once|when|after|upon)\b",
    IC,
)
# "第一、三、五案解除列管，第二、四案繼續列管", "擬辦：繼續列管": which items stay on the list, no task
_TRACKING_WORDS = re.compile(
    r"(?:解除|繼續|持續|不另)?列管(?:事項)?|第[一二三四五六七八九十\d、，,及和與]+案|其餘\s*\S{1,3}\s*[項案]"
    r"|[（(][^）)]{0,60}[）)]|本案(?:為|係)?|上次會議|前次會議|擬辦|決定|決議|[\W\d_一二三四五六七八九十]"
)


def _only_a_tracking_status(text: str) -> bool:
    return "列管" in text and len(_TRACKING_WORDS.sub("", text)) <= 3


# "… to hold", "… to supply": "to" and a verb, not "agreed to the draft", "committed to its plan"
_TO_A_VERB = r"\s+to\s+(?!(?:the|a|an|this|that|these|those|its|their)\b)[a-z]{3,}"
# "WP3 and WP4 leads agreed to hold a bilateral call in mid-July", "雙方同意於 EWG 71 期間再就…進一步討論":
# parties agreeing on something to do together, no one's report on itself.
_AGREED_TO_ACT = re.compile(rf"\bagreed{_TO_A_VERB}|雙方同意|雙方議定|共同同意", IC)
# Someone else (never "I" or "we") will send the meeting something: "it would circulate", "they'd share".
_WILL_DELIVER = re.compile(
    r"(?<!\bI\s)(?<!\bwe\s)(?<!\bWe\s)\b(?:will|would|shall)\s+(?:(?:also|then|soon|shortly)\s+)?"
    r"(?:circulate|share|send|distribute|issue|publish|post|communicate|provide)\b"
    r"|(?<!\bI)(?<!\bwe)(?<!\bWe)['’]d\s+(?:circulate|share|send|distribute|provide)\b"
)
# "We undertook to supply updated data": said in the past, a promise still to keep.
_PROMISED = re.compile(
    rf"\b(?:undert(?:ook|akes)|committed|commits|promised|offered|volunteered){_TO_A_VERB}", IC
)
# "The Ministers welcomed the offer of the Government of Fiji to host a regional dialogue", "welcomed
# Samoa's offer to convene a working lunch": the welcome is past, the offer still to be kept.
_AN_OFFER_TO = (
    r"(?:host|convene|organi[sz]e|lead|prepare|draft|provide|hold|share|circulate|present|fund|finance|support"
    r"|coordinate|chair|co-chair|facilitate|serve)"
)
_AN_OFFER = re.compile(
    r"\b(?:welcomed|welcomes|accepted|accepts|noted|notes|appreciated)\s+(?:with\s+appreciation\s+)?"
    r"(?:(?:the|an?)\s+(?:kind\s+|generous\s+)?offers?\s+(?:of|by|from)\s+[^.;:]{2,60}?"
    rf"|[^.;:]{{2,50}}?(?:'s|’s)\s+(?:kind\s+|generous\s+)?offers?)\s+to\s+{_AN_OFFER_TO}\b",
    IC,
)
_TELLS_OF_ITS_PLAN = re.compile(
    r"\b(?:announced|informed|reported|said|stated|explained|indicated|told)\s+(?:\w+\s+){0,4}?that\s+(?:it|they)\s+"
    r"(?:would|will|was|were|is|are|had|has|plans?|intends?)\b|\b(?:is|are)\s+planning\s+to\b|\bintends?\s+to\b",
    IC,
)
# "已於 5 月 22 日將議題清單函送日方": 將 here only marks the object of what was done, it is no "will".
_DONE_DISPOSAL = re.compile(r"(?:已|業已|業)[^，。；,;將]{0,16}將")


def decide(clause: Clause) -> Decision:
    text, sentence = clause.text, clause.sentence
    primary = clause.primary
    plain = _without_dates(clause)
    headings = " › ".join(clause.headings)
    request = cue(REQUEST, text) or bool(clause.addressee)
    obligation = cue(OBLIGATION, text)
    asked = cue(INPUT, text)
    future = cue(FUTURE, _DONE_DISPOSAL.sub("已", text))
    deadline = cue(DEADLINE, text) or bool(primary and primary.role == "by")
    event = cue(EVENT_WORDS, plain)
    commitment = cue(COMMITMENT, text) and cue(DELIVER, text)
    past = cue(PAST, _REPORTED_REQUEST.sub(" ", text)) and not future and not deadline
    optional = cue(OPTIONAL, text) or (cue(OPTIONAL, sentence) and cue(OPPORTUNITY, text))
    heading_party = section_member(clause)
    party = first_party(clause) or heading_party or sentence_party(clause)
    notes: list[str] = []
    reporting = REPORTING.match(sentence)
    reporter = self_reporter(clause, reporting)

    mail_header = bool(
        re.search(r"<[^<>@\s]+@[^<>\s]+>|\b(?:From|Sent|Date|To|Cc|Subject)\s*:", text)
    ) and bool(re.search(r"\b(?:Sent|Date)\s*:|日期\s*[:：]|寄件日期", text))
    if clause.form_field or mail_header or (primary is not None and cue(FORM_DATE, text)):
        return Decision(
            False, reason=note(gettext_noop("a field of the report's form (report date, travel dates)"))
        )
    # (a row's due cell gives its date the role "by": "9 月 27 日(六) | 搭機返抵臺北" is still travel)
    by = primary is not None and primary.role == "by" and clause.row is None
    if cue(TRAVEL, text) and not (request or obligation or by):
        return Decision(False, reason=note(gettext_noop("the delegation's own travel (flights, hotel)")))
    if cue(ABSENCE, text) and not (request or obligation):
        return Decision(False, reason=note(gettext_noop("someone's absence (leave, out of office)")))
    if cue(COURTESY, sentence) and not any(cue(c, sentence) for c in (REQUEST, OBLIGATION, DEADLINE)):
        return Decision(False, reason=note(gettext_noop("a courtesy (thanks), not a follow-up")))
    if cue(CALLED_OFF, text) and len({e.due for e in clause.future}) <= 1:
        return Decision(False, reason=note(gettext_noop("a date the report calls off")))
    if cue(DEFAULT_OUTCOME, text):
        return Decision(
            False, reason=note(gettext_noop("what follows if nobody answers an earlier deadline"))
        )
    if cue(INFO_ONLY, sentence) and not clause.addressee and not (clause.ours_named and request):
        return Decision(False, reason=note(gettext_noop("marked for information only")))
    if clause.row is not None:
        return _decide_row(clause)
    if clause.heading and (
        primary is None or primary.due is None or ((primary.rule or primary.meeting) and primary.role != "by")
    ):
        return Decision(False, reason=note(gettext_noop("a heading, not a follow-up")))
    if (
        text.rstrip().endswith((":", "："))
        and not cue(REQUEST, text)
        and not cue(DEADLINE, text)
        and not (primary is not None and primary.role == "by")
    ):
        return Decision(False, reason=note(gettext_noop("introduces what follows")))
    if (
        primary is not None
        and primary.due is not None
        and primary.due.precision.value == "year"
        and primary.rule is None
        and primary.due.on.year >= (clause.meeting_year or primary.due.on.year) + 2
        # "the next CTMM would be held in 2027": a meeting, not a goal
        and not (cue(HELD, text) or clause.later_meeting is not None)
    ):
        return Decision(False, reason=note(gettext_noop("a long-term goal (a year two or more years ahead)")))

    addressed = bool(clause.addressee) and (request or obligation or asked)
    ours = clause.ours_named or addressed
    background_section = bool(BACKGROUND_SECTION.search(headings)) and not FOLLOW_UP_SECTION.search(
        headings.split(" › ")[-1] if headings else ""
    )
    # "…並說明能源部長會議（EMM15）預定於 8 月下旬舉行": a meeting of the group, whoever announces it
    group_event = (
        cue(MEETING_EVENT, text)
        and primary is not None
        and primary.due is not None
        and not cue(DOMESTIC, text)
        and not re.search(r"\bnational\b|國內", text, IC)  # "A national WaSH summit will be held…"
        and bool(clause.later_meeting or (primary.meeting and primary.meeting != "next"))
    )
    self_report = (
        (
            party is not None
            and not party.ours
            and not party.body
            and not addressed
            and (
                cue(DOMESTIC, sentence)
                or background_section
                or (heading_party is not None and party.name == heading_party.name)
            )
            and not group_event
        )
        or (
            background_section
            and party is None
            and not addressed
            and not cue(REQUEST, text)
            and not group_event
        )
        or (
            # "one Member announced that it would complete its national forest carbon inventory in 2027",
            # "Ana told us NIWA is planning to launch its own national coastal data portal": someone
            # not named among the parties, telling of its own plans
            party is None
            and not clause.ours_named
            and not addressed
            and not group_event
            and cue(DOMESTIC, sentence)
            and bool(_TELLS_OF_ITS_PLAN.search(sentence))
        )
    )
    statistic = (cue(STATISTIC, text) or cue(TARGET, text)) and not (request or obligation or addressed)
    if (
        primary is not None
        and statistic
        and primary.due is not None
        and primary.due.precision.value in {"year", "half", "quarter"}
        and not (commitment and cue(DELIVER, text) and not cue(STATISTIC, text))
    ):
        return Decision(False, reason=note(gettext_noop("a statistic or a target, not a follow-up")))
    if (
        primary is not None
        and _quantity(plain)
        and not (request or obligation or deadline or event)
        and not (primary.meeting and cue(DELIVER, text))  # "…以新臺幣 30 萬元為上限，提下次理監事會追認"
    ):
        return Decision(False, reason=note(gettext_noop("a statistic, not a follow-up")))
    # A promise to every member, or to us, is not a self-report.
    promised_to_others = (commitment and bool(_TO_ALL.search(text) or _TO_US.search(text))) or (
        cue(COMMITMENT, text) and bool(_VISITS_US.search(text))
    )
    if self_report and not cue(REQUEST, text) and not promised_to_others and not _AGREED_TO_ACT.search(text):
        return Decision(False, reason=note(gettext_noop("a member reporting on its own plans")))
    involves_all = any(a.everyone for a in clause.actors) or bool(
        re.search(
            r"各經濟體|各會員|所有經濟體|\b(?:all\s+)?(?:economies|members|member\s+states|delegations|participants)\b",
            sentence,
            IC,
        )
    )
    # "印度代表表示，將於下次例會前補充提供": a member's promise to hand the group something by a date.
    promised_input = (
        primary is not None
        and (primary.role == "by" or primary.meeting is not None)
        and bool(re.search(r"提供|提交|補充|分送|寄送|\b(?:provide|submit|circulate|share|send)\b", text, IC))
        and not cue(DOMESTIC, text)
        and not cue(OWN, _around(clause, primary))
    )
    if (
        reporter is not None
        and not addressed
        and not involves_all
        and not promised_input
        and not promised_to_others
        and not cue(GROUP_OFFER, sentence)
        and not group_event
        and not _AGREED_TO_ACT.search(text)
        and (
            cue(OWN, sentence)
            or background_section
            or (not reporter.startswith("?") and not other_member(clause, reporter))
        )
    ):
        return Decision(False, reason=note(gettext_noop("a member reporting on its own plans")))
    if (
        cue(ELECTION, sentence)
        and not deadline
        and not cue(REQUEST, text)
        # "…提下次理監事會議審議": on the next meeting's agenda
        and not (primary is not None and primary.meeting)
        # "明年度會員大會訂於 114 年 3 月召開，並同時辦理…改選": the meeting that holds the election
        and not (cue(HELD, plain) and cue(MEETING_EVENT, plain) and not cue(ELECTION, text[:12]))
    ):
        return Decision(False, reason=note(gettext_noop("an election or a term of office")))
    if primary is not None and primary.role == "since":
        return Decision(False, reason=note(gettext_noop("the start of something already under way")))
    if past and not request and (primary is None or primary.due is None):
        return Decision(False, reason=note(gettext_noop("told in the past tense")))
    noted_only = re.sub(
        r"\bplease\s+(?:note|be\s+aware)\b|\bnote\s+that\b|請注意|敬請留意|請留意", "", text, flags=IC
    )
    # "…will be held on 26 and 27 May 2026 (Monday 25 May being a public holiday in Geneva)": an aside
    # about another day says nothing of this one
    about_this_day = re.sub(
        r"[(（][^()（）]*[)）]", lambda m: m.group() if primary and primary.text in m.group() else " ", text
    )
    # "as the WTO is closed on Good Friday (3 April), they would appreciate our replies by Thursday
    # 2 April": the request's deadline is a follow-up, the holiday beside it is not
    if (
        primary is not None
        and cue(HOLIDAY, about_this_day)
        and not ((cue(REQUEST, noted_only) or obligation) and primary.role == "by")
    ):
        return Decision(False, reason=note(gettext_noop("a public holiday, said for information")))
    if (
        primary is not None
        and cue(DONE, _around(clause, primary))
        and not request
        and not (cue(FUTURE, _around(clause, primary)) and not cue(PERFECT_DONE, _around(clause, primary)))
        and (primary.role != "by" or cue(PERFECT_DONE, text))
        and not re.search(
            r"postpone|reschedul|延期|延至|延長至|展延|順延|改期|\b(?:moved|extended|deferred|pushed\s+back)\s+(?:to|until|till)\b",
            text,
            IC,
        )
    ):
        return Decision(False, reason=note(gettext_noop("told as done")))

    if primary is None:
        # No date after the meeting: a request, someone's promise, or a later meeting's event.
        if cue(AT_THIS_MEETING, text):
            return Decision(False, reason=note(gettext_noop("asked for at the meeting itself")))
        if (
            clause.later_meeting
            and not clause.later_meeting.startswith("EV:")
            and not (request and asked)
            and cue(ACTIVITY, text)
            and not cue(PAST, text)
        ):
            return Decision(True, EVENT, _actor_name(clause, party), confidence=0.55)
        asked_input = cue(INPUT_UNDATED, text)
        if cue(NOTE_TO_US, text) and not past:
            # "- → us: once exec summary out, fwd to MOEA [HL]": a to-do the delegate wrote for us
            return Decision(True, OUR_TASK, clause.our_default, confidence=0.5)
        if addressed and asked_input and not past and not _only_opportunity(text, optional):
            if optional:
                notes.append(note(gettext_noop("optional: an invitation, not an obligation")))
            return Decision(True, OUR_TASK, clause.our_default, confidence=0.5, notes=notes)
        if addressed and optional and cue(OPPORTUNITY, text):
            return Decision(
                True,
                EXTERNAL,
                clause.addressee or "",
                confidence=0.45,
                notes=[note(gettext_noop("optional: an opportunity any member may take"))],
            )
        if (
            clause.ours_named
            and (obligation or commitment or request)
            and asked_input
            and not past
            and not (cue(ONGOING, text) and not request)
        ):
            return Decision(True, OUR_TASK, clause.our_default, confidence=0.5)
        if (
            clause.in_list
            and party is None
            and asked_input
            and future
            and not past
            and not cue(ONGOING, text)
            and not re.search(r"\b(?:will|shall|would)\s+not\b|\bwon't\b|不會|不擬|不再|不需", text, IC)
        ):
            # "- 回國後 向產發署報告草案重點": a to-do of ours in a list, its date still to come.
            return Decision(True, OUR_TASK, clause.our_default, confidence=0.4)
        if _ACTION_FORM.match(text) and not past and not clause.past and not cue(PAST, text):
            # "TECRO to propose slots.", "US side to come back on de minimis after internal clearance":
            # the minutes' action form, an actor and what it is to do
            return _an_action(clause, party, confidence=0.45)
        if (
            clause.in_list
            and FOLLOW_UP_SECTION.search(clause.headings[-1] if clause.headings else "")
            and not past
            and not clause.past
            and not cue(PAST, text)
            and not cue(DONE, text)
            and not cue(STATISTIC, text)
            and not _quantity(text)
            and not re.search(
                r"\b(?:will|shall|would|do|does|did)\s+not\b|\bwon't\b|不會|不擬|不再|不需|-{3,}", text, IC
            )
            and width_of(text) >= 24
            and (
                cue(DELIVER, text)
                or cue(INPUT_UNDATED, text)
                or cue(ACTIVITY, text)
                or cue(FUTURE, text)
                or re.search(
                    r"\b(?:once|as\s+soon\s+as|upon)\b|一旦|俟", text, IC
                )  # "…once Legal has cleared it"
            )
        ):
            # "5. NEXT STEPS" / "* Read-out to the industry associations once Legal has cleared the MOU"
            return _an_action(clause, party, confidence=0.4)
        if _only_a_tracking_status(text):
            return Decision(False, reason=note(gettext_noop("which items stay on the list, not a task")))
        if (
            cue(CONTINUING, text)
            and not past
            and not clause.past
            and (
                clause.ours_named
                or obligation
                or request
                or commitment
                or addressed
                or (party and party.body)
                # "宜持續關注…", "建議持續派員參與", "繼續列管": advice to us, a task kept on the list
                or re.search(r"(?:^|[，。；：:])\W*(?:宜|建議)|列管", text)
            )
        ):
            advised = bool(re.search(r"列管|^\W*(?:宜|建議)", text))
            return _an_action(clause, party, confidence=0.4, ours=addressed or advised)
        if _TO_US.search(text) and cue(COMMITMENT, text) and not clause.ours_named and not cue(DONE, text):
            # "the U.S. side … said they would come back to us": a promise to us, undated
            return Decision(True, EXTERNAL, party.name if party else "", confidence=0.4)
        if _DEFERRED.search(text) and not past and not cue(DONE, text):
            return Decision(True, OUR_TASK, clause.our_default, confidence=0.4)
        if cue(ONGOING, text):
            return Decision(False, reason=note(gettext_noop("something ongoing, without a date")))
        if (
            cue(HELD, text)
            and future
            and cue(MEETING_EVENT, text)
            and not clause.past
            and not cue(PAST, text)
            and not request
            and not cue(AT_THIS_MEETING, text)
            # the group's own later meeting, not someone's roundtable
            and re.search(
                r"下次|下屆|\bnext\s+(?:meeting|session|plenary)|第\s*\d+\s*次|\b[A-Z]{2,}\s*\d{1,3}\b",
                text,
                IC,
            )
        ):
            # "下次會議將配合 SOM1 舉行", "the next plenary will be held in Geneva": a meeting ahead,
            # its date still to come.
            return Decision(True, EVENT, _actor_name(clause, party), confidence=0.4)
        if (
            clause.ours_named
            and cue(COMMITMENT, text)
            and cue(DELIVER, text)
            and (not past or (_PROMISED.search(text) and not cue(DONE, text)))
        ):
            return Decision(True, OUR_TASK, clause.our_default, confidence=0.45)
        if commitment and party is not None and party.body and future and not past and cue(DOCUMENT, text):
            return Decision(True, EXTERNAL, party.name, confidence=0.45)
        if _ASKS_A_BODY.search(text) and not past and not clause.past:
            # "requested the secretariat to publish the submissions", "requested the SBSTA Chair to
            # consult Parties intersessionally": a task given to those who run the process, undated
            return Decision(True, EXTERNAL, party.name if party else "", confidence=0.4)
        if _WILL_DELIVER.search(text) and cue(DOCUMENT, text) and not past and not clause.ours_named:
            # "The US said it would circulate a non-paper", "Peru's PO will circulate the template in
            # the coming weeks": something others will send (not a passive "will be posted")
            return Decision(True, EXTERNAL, party.name if party else "", confidence=0.35)
        promiser = _PROMISER.search(text)
        promised = bool(_PROMISED.search(text))
        if (
            (promised or (promiser and commitment))  # "offered to coordinate": a promise by its verb
            and not past
            and (cue(DOCUMENT, text) or promised)
            and not clause.ours_named
        ):
            # "Ms. Okafor undertook to share the draft bulletin once it is available", "The
            # Standards Committee will also prepare a guidance note": someone's promise, undated
            return Decision(True, EXTERNAL, party.name if party else "", confidence=0.4)
        if _AN_OFFER.search(text) and not cue(DONE, text):
            return Decision(True, EXTERNAL, party.name if party else "", confidence=0.35)
        return Decision(False, reason=note(gettext_noop("no date after the meeting and no request")))

    has_cue = (
        request
        or obligation
        or future
        or deadline
        or event
        or commitment
        or asked
        or clause.in_list
        or clause.next_meeting_section
        or bool(_AGREED_TO_ACT.search(text))
        # "MBIE to continue advice to Ministers …, with a view to Cabinet consideration in Q3 2026"
        or bool(_ACTION_FORM.match(text))
        # "｜3月26日至29日｜MC14（喀麥隆雅溫得）｜": a later meeting and the days it is held
        or (clause.later_meeting is not None and primary.ends_on is not None and primary.meeting is None)
    )
    if not has_cue:
        return Decision(False, reason=note(gettext_noop("a date, but nothing says it is a follow-up")))

    # Kind and who acts.
    if addressed and asked and not _only_opportunity(text, optional):
        kind, responsible = OUR_TASK, clause.our_default
        if optional:
            notes.append(note(gettext_noop("optional: an invitation, not an obligation")))
    elif addressed and optional and cue(OPPORTUNITY, text):
        kind, responsible = EXTERNAL, clause.addressee or ""
        notes.append(note(gettext_noop("optional: an opportunity any member may take")))
    elif ours:
        kind, responsible = OUR_TASK, clause.our_default
    elif party is not None and commitment and not cue(HELD, plain):
        kind, responsible = EXTERNAL, party.name
    elif event or clause.later_meeting:
        kind, responsible = EVENT, party.name if party else ""
    elif ((obligation or request) and party is None) or (clause.in_list and party is None):
        kind, responsible = OUR_TASK, clause.our_default
    else:
        kind, responsible = EXTERNAL, party.name if party else ""
    if (
        kind == EVENT
        and primary.meeting is not None
        and primary.role != "by"
        and not (request or obligation or commitment or deadline or asked)
        and not cue(HELD, plain)
        and not cue(ACTIVITY, text)
        and not cue(DELIVER, text)
        and not cue(FUTURE, _around(clause, primary))
        and not _ABOUT_THE_NEXT_MEETING.match(text)
        and not re.search(_LATER_AGENDA, text, IC)
        # "- 48th ASEAN Summit : late May 2026": a calendar's line, the meeting and its own dates
        and not any(e.meeting is None and e.due is not None for e in clause.future)
    ):
        # "本次例會係於 MC14 籌備進入最後階段之際召開": a later meeting named in passing; it is
        # proposed where the report gives its dates.
        return Decision(False, reason=note(gettext_noop("names a later meeting in passing")))
    confidence = 0.85 if primary.due is not None and primary.due.precision.value == "day" else 0.75
    if primary.rule is not None or primary.meeting is not None:
        confidence -= 0.1
    if primary.year_assumed:
        confidence -= 0.05
    if optional:
        confidence -= 0.05
    return Decision(True, kind, responsible, confidence=round(confidence, 2), notes=notes)


_QUANTITY = re.compile(
    r"\d[\d,.]*\s*(?:%|％|萬|億|兆|倍|成|million|billion|trillion|percent|per\s+cent|bn|m\b)|百分之|[一二三四五六七八九十]成",
    IC,
)


def _quantity(text: str) -> bool:
    """A statistic: a figure with its measure ("72 million", "成長 12%"), or a statistic's word
    near a number; not "the draft market report [DSTI/SC(2025)9]"."""
    if _QUANTITY.search(text):
        return True
    return any(
        re.search(r"\d", text[max(0, m.start() - 30) : m.end() + 30]) and not re.search(r"\[[^\]]*\d", text)
        for m in STATISTIC.finditer(text)
    )


def _around(clause: Clause, primary: Expression) -> str:
    """The part of the sentence between the commas around a date: "已完成 12 個經濟體之訪談，紐西蘭將於
    今年第 3 季完成研究報告" is done only in its first part."""
    sentence = clause.sentence
    if not (0 <= primary.start < primary.end <= len(sentence)) or clause.text not in sentence:
        return clause.text
    cuts = "，,;；。"
    start = max((sentence.rfind(c, 0, primary.start) for c in cuts), default=-1) + 1
    ends = [i for i in (sentence.find(c, primary.end) for c in cuts) if i >= 0]
    return sentence[start : min(ends) if ends else len(sentence)]


def _actor_name(clause: Clause, party: Actor | None) -> str:
    return party.name if party else ""


def _only_opportunity(text: str, optional: bool) -> bool:
    """'歡迎各經濟體提案': the only thing asked is to propose or join, which nobody must do."""
    if not cue(OPPORTUNITY, text) or not optional:
        return False
    without = OPPORTUNITY.sub("", text)
    return not re.search(
        r"上傳|回饋|意見|看法|\b(?:upload|feedback|comment|comments|views|input)\b", without, IC
    )


# "Wednesday, 25 November 2026 | 10 a.m.–1 p.m. | Opening of the session": a programme's hours.
_TIME_OF_DAY = re.compile(
    r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\s*[–-]\s*\d{1,2}:\d{2}\b"
    r"|(?:上午|下午|晚上)\s*\d{1,2}(?::\d{2}|時)",
    IC,
)


def _an_action(clause: Clause, party: Actor | None, *, confidence: float, ours: bool = False) -> Decision:
    """An action whoever does it: ours unless a party other than us is named as the actor."""
    ours_to_act = ours or party is None or party.ours or clause.ours_named
    return Decision(
        True,
        OUR_TASK if ours_to_act else EXTERNAL,
        clause.our_default if ours_to_act else party.name,
        confidence=confidence,
    )


def _decide_row(clause: Clause) -> Decision:
    """A table row: an action with its own owner and due cells."""
    row = clause.row or {}
    action = row.get("action", "")
    if (
        _TIME_OF_DAY.search(" ".join(row.values()) or clause.text)
        and not any(cue(p, action or clause.text) for p in (REQUEST, DEADLINE, OBLIGATION, DELIVER))
        and not clause.addressee
        # "Written comments to the Chair | Fri 21 Nov, 6 pm | CB / DC": an owner column makes it
        # an action table, whatever its hours
        and not row.get("owner")
        # "AI: [WHA/AND] IA follow-up call Tues 4/28, 10:00-10:45": an action line, whatever its hours
        and not clause.action_line
    ):
        return Decision(False, reason=note(gettext_noop("a session of a programme, not a follow-up")))
    # "S1 | Obtain three quotes | BA | Done": a row closed in its status cell, or in its due cell.
    closed = [row.get(name, "") for name in ("status", "due")] + [
        value for name, value in row.items() if name not in {"action", "owner", "number"}
    ]
    if any(value and DONE_STATUS.search(value) and width_of(value) <= 40 for value in closed):
        return Decision(False, reason=note(gettext_noop("the table marks it done")))
    owner = row.get("owner", "").strip()
    if not clause.future and clause.primary is None and cue(PAST, action) and not cue(FUTURE, action):
        return Decision(False, reason=note(gettext_noop("told in the past tense")))
    if clause.primary is None and not clause.future and clause.past and not cue(FUTURE, action):
        return Decision(False, reason=note(gettext_noop("its date is past")))
    if owner and (clause.ours_named or (PERSON_OWNER.match(owner) and not first_party(clause))):
        kind, responsible = OUR_TASK, owner
    elif owner and any(a.everyone for a in clause.actors):
        kind, responsible = OUR_TASK, clause.our_default
    elif cue(MEETING_EVENT, action) and cue(
        re.compile(r"舉辦|舉行|召開|held|convene|take\s+place|meeting\s+of", IC), action
    ):
        kind, responsible = EVENT, owner
    elif owner:
        party = first_party(clause)
        ours_row = clause.ours_named or party is None
        kind, responsible = (OUR_TASK if ours_row else EXTERNAL), owner
    elif any(a.everyone for a in clause.actors) or clause.addressee:
        kind, responsible = OUR_TASK, clause.our_default  # "Action: Members are invited to send…"
    elif (party := first_party(clause)) is not None and not party.ours:
        kind, responsible = EXTERNAL, party.name  # "Action: The Secretariat to continue liaising…"
    else:
        kind, responsible = OUR_TASK, clause.our_default
    confidence = 0.85 if clause.primary is not None and clause.primary.due is not None else 0.55
    return Decision(True, kind, responsible, confidence=confidence)
