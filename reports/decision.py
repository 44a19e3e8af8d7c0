"""The follow-up decision: is a clause something to do or to track after the meeting?

Long because it holds the cue tables (Chinese and English) beside the rules that use them.

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
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

from reports.notes import note
from reports.parties import Actor
from reports.temporal import Expression

OUR_TASK = "our_task"
EXTERNAL = "external_commitment"
EVENT = "event"

IC = re.IGNORECASE

# A delegate's notes: "→ us: fwd to MOEA", "-> me: book travel" (a to-do written for us).
_NOTE_TO_US = r"(?:→|->|=>)\s*(?:us|me)\s*[:：]"
REQUEST = re.compile(
    r"(?<![申聘宴延懇祈提])請(?!求)|提醒|呼籲|邀請|要求(?=各|所有|會員|與會|我|本|大家|[^，。；,;]{0,6}(?:於|在|前|提|須|應))|敦促|歡迎|鼓勵|促請|籲請|務請|煩請|敬請|惠請|徵求|徵詢|責成|指示|交辦"
    r"|\b(?:invit(?:e|es|ed|ing)|request(?:s|ed|ing)?|ask(?:s|ed)?|remind(?:s|ed)?|urg(?:e|es|ed)"
    r"|encourag(?:e|es|ed)|welcome[sd]?|call(?:s|ed)?\s+(?:on|upon)|instruct(?:s|ed)?|task(?:s|ed)|mandate[sd]?"
    r"|direct(?:s|ed)|please|kindly|are\s+to|is\s+to|let\s+(?:me|us)\s+know|get\s+back\s+to\s+(?:me|us)"
    r"|may\s+wish\s+to)\b"
    r"|" + _NOTE_TO_US,
    IC,
)
NOTE_TO_US = re.compile(_NOTE_TO_US, IC)
OBLIGATION = re.compile(
    r"應於|應在|應儘|應盡|應即|應就|應將|應提|應完成|須於|須在|須提|必須|需於|需在|務必|應|須|宜於|責由"
    r"|\b(?:should|must|shall|need(?:s)?\s+to|have\s+to|has\s+to|is\s+required\s+to|are\s+required\s+to"
    r"|are\s+expected\s+to|is\s+expected\s+to|will\s+need\s+to|required)\b",
    IC,
)
INPUT = re.compile(
    r"提供|提交|上傳|回饋|繳交|寄送|回覆|回復|回傳|填寫|報名|確認|意見|看法|建議|追蹤|留意|提名|推派|指派|報告|更新|"
    r"完成|準備|審閱|檢視|研議|評估|規劃|辦理|聯繫|協調|彙整|撰寫|草擬|研擬|蒐集|收集|送交|函送|提出|提報|回報|研提|"
    r"出席|參加|派員|參與|登錄|註冊|申請|提案|核定|簽署|盤點|修正|修訂|檢討|說明|分享|列席|安排|籌備|辦妥|送|寄"
    r"|\b(?:submit|provide|upload|send|share|comment|feedback|views|input|inputs|nominat\w*|confirm|repl(?:y|ies)"
    r"|respond|return|register|complete|prepare|review|update|report|circulate|draft|finali[sz]e|consider|inform"
    r"|notify|designate|identify|contribut\w*|propos\w*|present|arrange|organi[sz]e|coordinate|contact|follow[-\s]up"
    r"|fill|endorse|approve|translate|publish|sign|ratify|attend|host|appoint|elect|submission|comments|nominations"
    r"|reply|replies|proposals|contributions|papers|documents|information|data|responses|questionnaire|survey)\b",
    IC,
)
# What a request without a date must ask for, to be a follow-up: handing something in.
INPUT_UNDATED = re.compile(
    r"提供|提交|上傳|回饋|繳交|寄送|回覆|回復|回傳|填寫|報名|確認出席|意見|看法|提出建議|提供建議|追蹤|留意|更新為|提名|推派|指派|函送|送交"
    r"|研議|研擬|研商|評估|請示|溝通|推薦|(?<!切入)分享(?!場次|會)|向[^，。；]{1,8}(?:報告|說明|簡報)"
    r"|\b(?:submit|provide|upload|send|share|comment|comments|feedback|views|input|inputs|nominat\w*"
    r"|confirm|reply|respond|register|designate|notify|inform\s+the|contributions?|proposals?|written"
    r"|(?:to\s+)?report\s+(?:on|back|to|regularly|annually)|to\s+report|keep\s+(?:\w+\s+){1,3}informed"
    r"|let\s+(?:us|me|the\s+\w+)\s+know|make\s+use\s+of|fill\s+(?:in|out)|complete\s+(?:the|our|this)\s+(?:\w+\s+){0,3}(?:survey|form|questionnaire)"
    # what UN and WTO bodies urge members to do: "contribute to its development", "keep the
    # information … up to date", "complete their notifications"
    r"|contribute|keep\s+(?:\S+\s+){1,12}?up\s+to\s+date|notifications?|complete\s+(?:their|its|your)\s+\w+)\b",
    IC,
)
DELIVER = re.compile(
    r"提供|提交|完成|彙整|收集|蒐集|提出|發布|公布|公告|發送|寄送|分送|上傳|送交|修正|修訂|草擬|研擬|撰寫|準備|更新|召開|舉辦|辦理"
    r"|\b(?:circulat\w*|submit|provide|complete|compile|publish(?:ed)?|deliver|send|share|revis\w*|draft|prepar\w*"
    r"|issued?|distribut\w*|report\s+back|present|organi[sz]e|convene|host|update|finali[sz]e|post|upload|launch"
    r"|release|develop|produce|hold|arrange|respond|reply|write|table)\b",
    IC,
)
COMMITMENT = re.compile(
    r"將|預計|預定|(?<![研草])擬|承諾|同意|負責|會於|表示將|願意|允諾|答應"
    r"|\b(?:will|shall|would|agreed\s+to|undert(?:ook|akes)\s+to|committed\s+to|commits\s+to|offered\s+to"
    r"|volunteered\s+to|is\s+to|are\s+to|plans?\s+to|planning\s+to|intends?\s+to|expects?\s+to"
    r"|expected\s+to|to\s+(?:circulate|prepare|send|provide|draft|share|update|submit|report|organi[sz]e|contact"
    r"|review|follow|confirm|arrange|finali[sz]e|compile|publish|revise|present|check|liaise|invite|seek|set\s+up"
    r"|develop|produce|write|coordinate|draw\s+up|schedule|book|distribute|issue|upload|investigate|explore))\b",
    IC,
)
# "agreed to continue consideration of this matter at SBSTA 66": an item on a later agenda.
_LATER_AGENDA = (
    r"continue\s+(?:its\s+)?(?:consideration|discussion|deliberations?)"
    r"|consider\s+(?:this|the)\s+(?:matter|item|issue)\s+(?:further\s+)?at"
)
EVENT_WORDS = re.compile(
    r"舉辦|舉行|召開|辦理|參訪|工作坊|研討會|會議|論壇|大會|適用|生效|施行|實施|上路|營運|啟用|啟動|開放|延期|延至|改期|"
    r"截止|開幕|閉幕|開課|展開|退場|終止|正式|揭牌|公告|發布"
    r"|\b(?:meeting|meetings|workshop|seminar|forum|conference|session|summit|visit|webinar|held|hold|take\s+place"
    r"|takes\s+place|convene[sd]?|convening|scheduled|postponed|rescheduled|moved\s+to|appl(?:y|ies)"
    r"|enters?\s+into\s+force|entry\s+into\s+force|effective|come\s+into\s+effect|comes\s+into\s+effect"
    r"|with\s+effect\s+from|takes?\s+effect"
    r"|launch(?:es|ed)?|open(?:s)?\s+for|deadline|closes|opens|begins?|starts?|commence[sd]?|kick[-\s]off"
    r"|ministerial|plenary|round\s+table|roundtable|training|course|event|exhibition|expo|consultation"
    r"|expir(?:e|es|y|ing)|lapses?|renewal|renew"
    r"|" + _LATER_AGENDA + r")\b"
    r"|到期|屆滿|屆期|續約",
    IC,
)
MEETING_EVENT = re.compile(
    r"舉辦|舉行|召開|辦理|會議|大會|工作坊|研討會|論壇|例會"
    r"|\b(?:meeting|workshop|seminar|forum|conference|session|summit|webinar|plenary|will\s+be\s+held"
    r"|to\s+be\s+held|will\s+take\s+place|will\s+convene|will\s+meet|is\s+scheduled|are\s+scheduled"
    r"|postponed|rescheduled)\b",
    IC,
)
# Something that happens at a later meeting (not just its name): "visit HCT's lab at TEL 71".
ACTIVITY = re.compile(
    r"舉辦|舉行|召開|辦理|參訪|邀請|工作坊|研討會|圓桌|論壇|展示|發表|報告|提出|討論|簽署"
    r"|\b(?:hold|held|host|organi[sz]e|visit|workshop|seminar|round\s*table|panel|present|launch|sign|discuss"
    r"|consider|adopt|approve|review|report)\b",
    IC,
)
HELD = re.compile(
    r"舉辦|舉行|召開|開幕|揭幕|\b(?:will\s+be\s+held|to\s+be\s+held|take\s+place|takes\s+place|convene[sd]?|will\s+meet"
    r"|is\s+scheduled|are\s+scheduled|postponed|rescheduled)\b",
    IC,
)
DEADLINE = re.compile(
    r"截止|期限|最後|之前|以前|前完成|前提交|前提供|前送|前回|底前|內完成|前$|前[，,。；;、]|為限|為止"
    r"|(?<=[日天週周月班午點時晚])前"
    r"|\b(?:by|no\s+later\s+than|not\s+later\s+than|deadline|due|before|until|till|prior\s+to|latest)\b",
    IC,
)
FUTURE = re.compile(
    r"將|預計|預定|預期|(?<![研草])擬|計劃|計畫於|規劃於|即將|屆時|暫定|未來|下次|下屆|目標於|(?<![期接招等款優對看])待|後續|之後|以後|明年|今年|下半年|下週|下月"
    r"|回國後|返國後|會後"
    r"|\b(?:will|shall|expected|plans?\s+to|scheduled|to\s+be\s+held|is\s+due|are\s+due|upcoming|forthcoming"
    r"|next|would|tentatively|provisionally|intends?\s+to|going\s+to|pending|in\s+the\s+coming)\b",
    IC,
)
PAST = re.compile(
    r"已於|已經|已完成|已發布|已提交|已上傳|已通過|已舉辦|已召開|已辦理|已簽署|已啟動|已實施|已施行|已送|已寄|已達|已有|已建置|業於|業已|曾於|(?<![不未])曾|回顧"
    r"|\b(?:was|were|had|has\s+been|have\s+been|did|took\s+place|was\s+held|were\s+held|completed|concluded"
    r"|adopted|approved|launched|established|signed|entered\s+into\s+force|came\s+into\s+force|reported\s+that"
    r"|noted\s+that|informed\s+(?:the\s+\w+\s+)?that|recalled\s+that|presented)\b",
    IC,
)
STATISTIC = re.compile(
    r"%|％|百分之|億|萬(?:人|戶|名|元|件|家)|兆|成長率|覆蓋率|普及率|滲透率|佔|占比|市值|GDP|用戶數|戶數"
    r"|\b(?:percent|per\s+cent|million|billion|trillion|coverage|penetration|growth|households?|subscribers?"
    r"|users?|share\s+of|gdp|revenue|market|adoption\s+rate|increase\s+of|decrease\s+of|reached)\b",
    IC,
)
TARGET = re.compile(
    r"目標|達成|達到|願景|藍圖|中長期|旨在|期望於|期能|期於|可望"
    r"|\b(?:aims?\s+to|aiming|target(?:s|ed|ing)?|goal|goals|vision|ambition|envisag\w*|aspir\w*|seeks?\s+to"
    r"|strives?\s+to|projected|forecast|estimated|expects?\s+(?:that\s+)?\d|roadmap|strategy)\b",
    IC,
)
DOMESTIC = re.compile(
    r"該國|其國內|該經濟體|其本國|該會員|該部|其政府|該政府|國家級|全國"
    r"|\b(?:domestic(?:ally)?|nationwide|its\s+own|national\s+(?:plan|strategy|law|policy|programme|program)"
    r"|the\s+country's|their\s+own|its\s+national|in\s+its\s+territory|at\s+home)\b",
    IC,
)
BACKGROUND_SECTION = re.compile(
    r"(?:經濟體|會員|各國|國家|成員|締約方).{0,8}(?:更新|報告|簡報|分享|發言|概況)|政策與監管更新"
    r"|觀察員與嘉賓發言|賓客組織報告|研討會議|研討會|研討|第[一二三四五六七八九十\d]+場|專題演講|演講|背景|沿革"
    r"|policy\s+(?:and\s+regulatory\s+)?updates?|(?:economy|economies|country|countries|member|members|national)(?:'s?)?\s+(?:\w+\s+){0,3}(?:reports?|updates?|statements?|presentations?)"
    r"|national\s+(?:reports?|updates?|statements?)|tour\s+de\s+table|member\s+updates?|statements?\s+by"
    r"|general\s+(?:debate|statements?)|background|keynote|presentations?\s+by|panel\s+discussion"
    r"|information\s+session|case\s+stud(?:y|ies)|history|overview|review\s+of\s+(?:past|previous)",
    IC,
)
FOLLOW_UP_SECTION = re.compile(
    r"後續|待辦|辦理事項|追蹤|決議|結論|建議|心得與建議|未來會議|下次會議|工作項目|行動"
    r"|follow[-\s]?ups?|next\s+steps?|action(?:s|\s+items?|\s+points?)?|decisions?|conclusions?|recommendations?"
    r"|future\s+(?:work|meetings?)|way\s+forward|date\s+and\s+venue|next\s+meeting|outcomes?|deadlines?"
    r"|any\s+other\s+business|timeline|schedule",
    IC,
)
OPTIONAL = re.compile(
    r"歡迎|鼓勵|亦可|可透過|得自由|自由參加|\b(?:encourag\w+|welcome[sd]?|may|optional|voluntar\w+|free\s+to)\b",
    IC,
)
OPPORTUNITY = re.compile(
    r"提案|申請|參與|贊助|共同提案|報名參加"
    r"|\b(?:propos\w*|appl(?:y|ication|ications)|co-?spons\w*|participat\w*|join|funding|call\s+for)\b",
    IC,
)
FORM_DATE = re.compile(
    r"^(?:報告日期|出國期間|出國日期|派赴期間|會議日期|會議時間|日期|填表日期|簽核日期|發文日期|Date|Dates|Sent|Report\s+date|Prepared\s+on|Meeting\s+dates?)\s*[：:]",
    IC,
)
DONE_STATUS = re.compile(
    r"^\s*(?:已完成|完成|已辦理|已辦結|辦結|結案|已結案|已送|已提供|已提交|已上傳|已寄|done|completed?|closed|finished|delivered|submitted|sent|resolved)\b",
    IC,
)
PERSON_OWNER = re.compile(
    r"^(?:[A-Z]{2,3}(?:\s*[/&,]\s*[A-Z]{2,3})*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[\u4e00-\u9fff]{2,4}(?:先生|女士|小姐|科長|組長|主任|處長)?)$"
)


ONGOING = re.compile(
    r"持續|繼續|適時|隨時|每年|每月|每週|每季|定期|長期|亦可|可以|願意|願與|有意|"
    r"\b(?:continue[sd]?\s+to|continuing|as\s+appropriate|as\s+needed|from\s+time\s+to\s+time|annually|every\s+year"
    r"|each\s+year|regularly|ongoing|could|might|may\s+wish)\b",
    IC,
)

# Something already done, dated after the meeting only because the report was written later.
DONE = re.compile(
    r"已於|已在|業於|已經於|已完成(?!的話|者)|已辦理|已舉辦|已召開|已送|\b(?:was|were)\s+held\b|\btook\s+place\b"
    r"|\b(?:has|have)\s+been\s+(?:completed|held|issued|published|sent|incorporated|included|received|posted|circulated"
    r"|adopted|approved|done|finali[sz]ed|submitted|uploaded|transmitted)"
    r"|\bwere\s+(?:completed|issued|published|sent)\b|\bwas\s+(?:completed|issued|published|sent|launched|signed)\b|\balready\b",
    IC,
)

HOLIDAY = re.compile(
    r"國定假日|放假|補假|休館|停止上班|不上班|\b(?:public|bank|national)\s+holiday\b|\bholiday\s+in\b"
    r"|\boffices?\s+(?:will\s+be|is|are)\s+closed\b",
    IC,
)
PERFECT_DONE = re.compile(r"\b(?:has|have)\s+been\s+\w+ed\b|已(?:於|完成|送|收到)", IC)

# "<member> described / presented / informed the Committee …": reported speech about itself.
REPORTING = re.compile(
    r"^\W{0,4}(?:[(（]?[一二三四五六七八九十\d]+[)）.、]\s*)?(?P<who>[^，,。；;:：]{1,40}?)\s*"
    r"(?:代表|代表團|delegation)?\s*(?:也|亦|則|並|隨後|接著)?\s*"
    r"(?:說明|介紹|報告|分享|表示|指出|提及|簡報|更新|回應|回覆|重申|強調|提到|[：:]"
    r"|described|presented|informed|reported|explained|outlined|noted|replied|said|stated|highlighted|shared"
    r"|introduced|updated|briefed|announced|recalled|indicated|mentioned|responded|provided\s+an\s+update"
    r"|gave\s+an\s+update|made\s+a\s+presentation)",
    IC,
)
OWN = re.compile(
    r"其|該國|該經濟體|本國|自身|國內|全國|政府"
    r"|\b(?:its|their|own|national|domestic|nationwide|the\s+country|government|she|he|her|his)\b",
    IC,
)
GROUP_OFFER = re.compile(
    r"邀請各|歡迎各|請各|呼籲各|鼓勵各|開放各|供各|與各經濟體分享|\b(?:offered\s+to|volunteered|invited|invites|welcomed\s+(?:the\s+)?participation"
    r"|will\s+host|would\s+host|agreed\s+to|proposed\s+to|call\s+for|encouraged\s+(?:all|members|economies)"
    r"|(?:intention|intends|plans?|offer(?:ed)?)\s+to\s+(?:host|organi[sz]e|convene)\b[^.;]{0,80}"
    r"\b(?:regional|international|workshop|seminar|webinar|conference|forum|training|symposium))\b"
    r"|(?:主辦|舉辦|辦理)[^，。；]{0,20}(?:區域|國際|APEC)[^，。；]{0,12}(?:研討會|工作坊|論壇|訓練|培訓)",
    IC,
)
ELECTION = re.compile(
    r"當選|連任|選舉|改選|\b(?:elect|elections?|elected|re-elected|appointed\s+as|nominated\s+as|term\s+of\s+office|mandate\s+of)\b",
    IC,
)
AT_THIS_MEETING = re.compile(
    r"今天|今日|本次會議中|會中|會上|當場|座談|與談人|各講者"
    r"|\b(?:today|at\s+this\s+meeting|during\s+the\s+meeting|panellists|panelists|speakers\s+(?:were|are))\b",
    IC,
)
DOCUMENT = re.compile(
    r"草案|報告|紀錄|紀要|資料|簡報|文件|修正版|初稿|清單|名單|問卷|說帖|計畫書|概念文件|議程|摘要|彙整|意見|回覆|邀請函"
    r"|\b(?:draft|report|record|summary|minutes|list|paper|proposal|slides|document|documents|note|notes|revised|"
    r"questionnaire|survey|agenda|invitation|letter|guidance|guidelines|template|compilation|analysis|study|terms\s+of\s+reference"
    r"|workplan|work\s+plan|circular|text|comments|feedback|information|update|results|findings|brief)\b",
    IC,
)


# "Members were encouraged to share …": a request reported in the past tense asks for the future.
_REPORTED_REQUEST = re.compile(
    r"\b(?:was|were|had\s+been|have\s+been|has\s+been)\s+(?:also\s+|further\s+|again\s+)?"
    r"(?:encouraged|invited|requested|urged|reminded|asked|called\s+upon|instructed|tasked|mandated|requested)\b",
    IC,
)


def cue(pattern: re.Pattern[str], text: str) -> bool:
    return bool(pattern.search(text))


@dataclass
class Decision:
    proposed: bool
    kind: str = EXTERNAL
    responsible: str = ""
    reason: str = ""  # why it is not proposed (shown in the review), or empty
    confidence: float = 0.5
    notes: list[str] = field(default_factory=list)


@dataclass
class Clause:
    """One clause as the decision sees it (normalised text)."""

    text: str
    sentence: str
    primary: Expression | None  # the date this clause is about, if any
    future: Sequence[Expression]
    past: Sequence[Expression]
    actors: Sequence[Actor]
    headings: Sequence[str]
    addressee: str | None  # the 'everyone' phrase a request in this clause (or before it) goes to
    ours_named: bool  # one of our names or "we" acts in this clause
    in_list: bool  # a list item or a terse note
    row: dict[str, str] | None = None  # a table row: role -> cell
    our_default: str = "我國"
    quoted: bool = False
    form_field: bool = False
    later_meeting: str | None = None  # the clause says the event is at this later meeting
    heading: bool = False  # the clause is a heading ("7 PROVISIONAL AGENDA FOR SDC 12")
    meeting_year: int | None = None  # the year the meeting ended
    next_meeting_section: bool = False  # under "Date of next meeting", "下次會議"


def _first_party(clause: Clause) -> Actor | None:
    """The party that acts: the first named party that is not an addressee or an object."""
    for actor in clause.actors:
        if actor.everyone:
            continue
        before = clause.text[max(0, actor.start - 6) : actor.start]
        if re.search(r"(?:向|對|給|供|與|和|及|就|依|根據|from|to|with|by|for|of)\s*$", before, IC):
            continue
        return actor
    return None


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


def decide(clause: Clause) -> Decision:
    text, sentence = clause.text, clause.sentence
    primary = clause.primary
    plain = _without_dates(clause)
    headings = " › ".join(clause.headings)
    request = cue(REQUEST, text) or bool(clause.addressee)
    obligation = cue(OBLIGATION, text)
    asked = cue(INPUT, text)
    future = cue(FUTURE, text)
    deadline = cue(DEADLINE, text) or bool(primary and primary.role == "by")
    event = cue(EVENT_WORDS, plain)
    commitment = cue(COMMITMENT, text) and cue(DELIVER, text)
    past = cue(PAST, _REPORTED_REQUEST.sub(" ", text)) and not future and not deadline
    optional = cue(OPTIONAL, text) or (cue(OPTIONAL, sentence) and cue(OPPORTUNITY, text))
    heading_party = _heading_party(clause)
    party = _first_party(clause) or heading_party or _sentence_party(clause)
    notes: list[str] = []
    reporting = REPORTING.match(sentence)
    reporter = _reporter(clause, reporting)

    mail_header = bool(
        re.search(r"<[^<>@\s]+@[^<>\s]+>|\b(?:From|Sent|Date|To|Cc|Subject)\s*:", text)
    ) and bool(re.search(r"\b(?:Sent|Date)\s*:|日期\s*[:：]|寄件日期", text))
    if clause.form_field or mail_header or (primary is not None and cue(FORM_DATE, text)):
        return Decision(
            False, reason=note(gettext_noop("a field of the report's form (report date, travel dates)"))
        )
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
    ):
        return Decision(False, reason=note(gettext_noop("a long-term goal (a year two or more years ahead)")))

    addressed = bool(clause.addressee) and (request or obligation or asked)
    ours = clause.ours_named or addressed
    background_section = bool(BACKGROUND_SECTION.search(headings)) and not FOLLOW_UP_SECTION.search(
        headings.split(" › ")[-1] if headings else ""
    )
    group_event = bool(clause.later_meeting and cue(MEETING_EVENT, text))
    self_report = (
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
    ) or (
        background_section and party is None and not addressed and not cue(REQUEST, text) and not group_event
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
    if primary is not None and _quantity(plain) and not (request or obligation or deadline or event):
        return Decision(False, reason=note(gettext_noop("a statistic, not a follow-up")))
    # "APERC 表示，修訂版將於會後 1 個月內寄送各經濟體": a promise to every member is not a self-report.
    delivers_to_all = commitment and bool(
        re.search(
            r"(?:送|寄|提供|分送|發送|轉知)[^，。；]{0,6}(?:各|所有|全體)|\b(?:to|with)\s+all\s+(?:members|economies|delegations|participants)"
            # "將於會後 3 週內將簡報上傳至 MDDB", "will post the slides on the website": to everyone
            r"|上傳(?:至|到)?|(?:放置|公布|刊登)(?:於|在)[^，。；]{0,12}(?:網站|平台|資料庫|系統)"
            r"|\b(?:upload(?:ed)?|post(?:ed)?|publish(?:ed)?)\b[^.;]{0,60}\b(?:to|on)\s+the\s+(?:\w+\s+){0,3}(?:website|portal|extranet|platform|database|site)\b",
            text,
            IC,
        )
    )
    if self_report and not cue(REQUEST, text) and not delivers_to_all:
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
        and not delivers_to_all
        and not cue(GROUP_OFFER, sentence)
        and (
            cue(OWN, sentence)
            or background_section
            or (not reporter.startswith("?") and not _other_member(clause, reporter))
        )
    ):
        return Decision(False, reason=note(gettext_noop("a member reporting on its own plans")))
    if cue(ELECTION, sentence) and not deadline:
        return Decision(False, reason=note(gettext_noop("an election or a term of office")))
    if primary is not None and primary.role == "since":
        return Decision(False, reason=note(gettext_noop("the start of something already under way")))
    if past and not request and (primary is None or primary.due is None):
        return Decision(False, reason=note(gettext_noop("told in the past tense")))
    noted_only = re.sub(
        r"\bplease\s+(?:note|be\s+aware)\b|\bnote\s+that\b|請注意|敬請留意|請留意", "", text, flags=IC
    )
    if primary is not None and cue(HOLIDAY, text) and not (cue(REQUEST, noted_only) or obligation):
        return Decision(False, reason=note(gettext_noop("a public holiday, said for information")))
    if (
        primary is not None
        and cue(DONE, _around(clause, primary))
        and not request
        and not (cue(FUTURE, _around(clause, primary)) and not cue(PERFECT_DONE, _around(clause, primary)))
        and (primary.role != "by" or cue(PERFECT_DONE, text))
        and not re.search(r"postpone|reschedul|延期|延至|改期|moved\s+to", text, IC)
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
        if clause.ours_named and cue(COMMITMENT, text) and cue(DELIVER, text) and not past:
            return Decision(True, OUR_TASK, clause.our_default, confidence=0.45)
        if commitment and party is not None and party.body and future and not past and cue(DOCUMENT, text):
            return Decision(True, EXTERNAL, party.name, confidence=0.45)
        if _ASKS_A_BODY.search(text) and not past and not clause.past:
            # "requested the secretariat to publish the submissions", "requested the SBSTA Chair to
            # consult Parties intersessionally": a task given to those who run the process, undated
            return Decision(True, EXTERNAL, party.name if party else "", confidence=0.4)
        promiser = _PROMISER.search(text)
        if promiser and commitment and not past and cue(DOCUMENT, text) and not clause.ours_named:
            # "Ms. Okafor undertook to share the draft bulletin once it is available", "The
            # Standards Committee will also prepare a guidance note": someone's promise, undated
            return Decision(True, EXTERNAL, party.name if party else "", confidence=0.4)
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


def _heading_party(clause: Clause) -> Actor | None:
    """ "(4) 韓國", "B. Japan": a section that is one member's report names it in its heading."""
    if not clause.headings:
        return None
    from reports.layout import strip_marker
    from reports.parties import actors as find

    heading = strip_marker(clause.headings[-1])
    if len(heading) > 24:
        return None
    named = [a for a in find(heading, (clause.our_default,)) if not a.everyone and not a.body]
    if not named or not heading.startswith(named[0].name):
        return None
    # "日本", "Japan's country report", "韓國報告": the member's own section; "日本提案之跨境資料
    # 流通計畫" is the group's project that Japan proposed.
    rest = heading[len(named[0].name) :].strip(" :：-–—'’s")
    own_report = r"(?:代表團?|經濟體|國家)?(?:報告|簡報|說明|更新|現況|進展|分享)?|(?:country|economy|national)?\s*(?:report|update|statement|presentation|briefing|progress)?"
    return named[0] if re.fullmatch(own_report, rest, IC) else None


def _sentence_party(clause: Clause) -> Actor | None:
    """The party that a clause's sentence starts with, when the clause names none itself."""
    for actor in clause.actors:
        if not actor.everyone:
            return actor
    return None


def _reporter(clause: Clause, reporting: re.Match[str] | None) -> str | None:
    """The member (not a secretariat or chair, not us) whose report on itself the sentence is."""
    if reporting is None:
        return None
    who = reporting["who"]
    from reports.parties import actors as find

    named = [a for a in find(who, (clause.our_default,)) if not a.everyone]
    if not named:
        # "Banca d'Italia informed the Group …": a name the lists do not know, in capitals.
        proper = re.match(
            r"^(?:The\s+)?(?:representative|delegate|delegation)s?\s+of\s+(?:the\s+)?(.+)$"
            r"|^([A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|of|d'|de|du|del|la|le|and|for))*)$",
            who.strip(),
        )
        spoke = not reporting.group().rstrip().endswith(("：", ":"))
        if (
            proper
            and spoke
            and not re.fullmatch(r"(?i:she|he|it|they|we|i|this|that|there)", who.strip())
            and not re.search(
                r"Secretar|Chair|Committee|Group|Bureau|Board|Council|President|Director|Convenor|Rapporteur|^SG$|^DG$|^ED$",
                who.strip(),
            )
        ):
            return "?" + (proper.group(1) or proper.group(2)).strip()  # "?": a name no list knows
        return None
    first = named[0]
    said = reporting.group()[len(reporting.group().rstrip("：: ")) :] or reporting.group()[-1:]
    if reporting.group().rstrip().endswith(("：", ":")) and who.strip() not in {
        first.name,
        f"{first.name}代表",
        f"{first.name}代表團",
        f"The delegation of {first.name}",
        f"{first.name} delegation",
    }:
        return None  # "（二）如期填復日本問卷：" is a heading, not Japan speaking
    del said
    if first.body or first.ours:
        return None
    return first.name


def _other_member(clause: Clause, reporter: str) -> bool:
    """Does the sentence speak of a member other than the one reporting (the US on the EU's rule)?"""
    from reports.parties import actors as find

    return any(
        not a.everyone
        and not a.body
        and not a.ours
        and a.name.casefold() != reporter.casefold()
        and reporter.casefold() not in a.name.casefold()
        and a.name.casefold() not in reporter.casefold()
        for a in find(clause.sentence, (clause.our_default,))
    )


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


def width_of(text: str) -> int:
    return len(text.strip())


def _decide_row(clause: Clause) -> Decision:
    """A table row: an action with its own owner and due cells."""
    row = clause.row or {}
    # "S1 | Obtain three quotes | BA | Done": a row closed in its status cell, or in its due cell.
    closed = [row.get(name, "") for name in ("status", "due")] + [
        value for name, value in row.items() if name not in {"action", "owner", "number"}
    ]
    if any(value and DONE_STATUS.search(value) and width_of(value) <= 40 for value in closed):
        return Decision(False, reason=note(gettext_noop("the table marks it done")))
    owner = row.get("owner", "").strip()
    action = row.get("action", "")
    if not clause.future and clause.primary is None and cue(PAST, action) and not cue(FUTURE, action):
        return Decision(False, reason=note(gettext_noop("told in the past tense")))
    if clause.primary is None and not clause.future and clause.past and not cue(FUTURE, action):
        return Decision(False, reason=note(gettext_noop("its date is past")))
    if owner and (clause.ours_named or (PERSON_OWNER.match(owner) and not _first_party(clause))):
        kind, responsible = OUR_TASK, owner
    elif owner and any(a.everyone for a in clause.actors):
        kind, responsible = OUR_TASK, clause.our_default
    elif cue(MEETING_EVENT, action) and cue(
        re.compile(r"舉辦|舉行|召開|held|convene|take\s+place|meeting\s+of", IC), action
    ):
        kind, responsible = EVENT, owner
    elif owner:
        party = _first_party(clause)
        ours_row = clause.ours_named or party is None
        kind, responsible = (OUR_TASK if ours_row else EXTERNAL), owner
    else:
        kind, responsible = OUR_TASK, clause.our_default
    confidence = 0.85 if clause.primary is not None and clause.primary.due is not None else 0.55
    return Decision(True, kind, responsible, confidence=confidence)
