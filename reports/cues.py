"""The follow-up decision's cue tables, Chinese and English: one compiled pattern a line, each
named for what it recognises (a request, an obligation, a promise, an event, the past tense,
a statistic, a member's own domestic plan …). Pure data; reports/decision.py holds the rules.
"""

from __future__ import annotations

import re

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
    r"|may\s+wish\s+to|would\s+(?:appreciate|be\s+grateful\s+for)\s+(?:our|your|a|an|the|receiving)|recommend(?:s|ed)?\s+that\s+the\s+(?:Council|Conference|Commission|Assembly|Board|Committee|Plenary|Ministers?))\b"
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
    r"提供|提交|完成|彙整|提報|提(?=下次|下一次|下屆|下期)|收集|蒐集|提出|發布|公布|公告|發送|寄送|分送|上傳|送交|修正|修訂|草擬|研擬|撰寫|準備|更新|召開|舉辦|辦理"
    r"|\b(?:circulat\w*|submit|provide|supply|furnish|complete|compile|publish(?:ed)?|deliver|send|share|revis\w*|draft|prepar\w*"
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
    r"截止|開幕|閉幕|開課|展開|退場|終止|正式|揭牌|公告|發布|延長至"
    r"|\b(?:meeting|meetings|workshop|seminar|forum|conference|session|summit|visit|webinar|held|hold|take\s+place"
    r"|takes\s+place|convene[sd]?|convening|scheduled|postponed|rescheduled|moved\s+to|appl(?:y|ies)"
    r"|enters?\s+into\s+force|entry\s+into\s+force|effective|comes?\s+into\s+(?:effect|force)|extended\s+to"
    r"|with\s+effect\s+from|takes?\s+effect"
    r"|launch(?:es|ed)?|open(?:s)?\s+for|deadline|closes|opens|begins?|starts?|commence[sd]?|kick[-\s]off"
    r"|ministerial|plenary|round\s+table|roundtable|training|course|event|exhibition|expo|consultation"
    r"|expir(?:e|es|y|ing)|lapses?|renewal|renew"
    # a delegation's own diary: "CARICOM caucus confirmed for Monday 17 Nov", "debrief tomorrow 9:30"
    r"|caucus|debrief|briefing|(?:conference|video|teams|zoom|coordination|induction|mirror[-\s]group)\s+call"
    r"|(?:confirmed|set|booked|fixed|pencilled|penciled)\s+(?:in\s+)?for"
    r"|" + _LATER_AGENDA + r")\b"
    r"|^\s*When\s*:"  # a calendar invitation's "When: Tuesday, November 18, 2025 10:00 AM"
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
    r"|(?<=[日天週周月班午點時晚])前|(?<=\d)\s?前(?!\s*[年天日週周月])"  # "最晚 1/9 前要拿到"
    r"|\b(?:by|no\s+later\s+than|not\s+later\s+than|NLT|deadline|due|before|until|till|prior\s+to|latest)\b",
    IC,
)
FUTURE = re.compile(
    r"將|預計|預定|預期|(?<![研草])擬|計劃|計畫於|規劃於|即將|屆時|暫定|未來|下次|下屆|目標於|(?<![期接招等款優對看])待|後續|之後|以後|明年|今年|下半年|下週|下月"
    r"|回國後|返國後|會後"
    r"|(?<=[A-Za-z])['’]ll\b"  # "I'll set up the debrief with the Director on Mon 27th"
    r"|\b(?:will|shall|expected|plans?\s+to|scheduled|to\s+be\s+held|is\s+due|are\s+due|upcoming|forthcoming"
    r"|next|would|tentatively|provisionally|intends?\s+to|intention\s+to|aims?\s+to|hopes?\s+to|seeks?\s+to|going\s+to|pending"
    r"|(?:is|are)\s+planned|(?:planned|slated|targeted|foreseen|envisaged)\s+for"
    # "a joint pilot …, to be carried out in the first half of 2026"
    r"|to\s+be\s+(?:carried\s+out|conducted|implemented|completed|launched|published|released|finali[sz]ed|rolled\s+out)"
    r"|in\s+the\s+coming)\b",
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
    r"|users?|share\s+of|gdp|revenue|market|adoption\s+rate|increase\s+of|decrease\s+of|reached|median"
    r"|(?:up|down)\s+from|(?:fell|rose|grew|dropped|declined|increased|decreased|climbed)\s+(?:\w+\s+)?from"
    r"|year[-\s]on[-\s]year|y-?o-?y)\b",
    IC,
)
TARGET = re.compile(
    r"目標|達成|達到|願景|藍圖|中長期|旨在|期望於|期能|期於|可望"
    r"|\b(?:aims?\s+to|aiming|target(?:s|ed|ing)?|goal|goals|vision|ambition|envisag(?:e|ed|es|ing)\b(?!\s+for\b)|aspir\w*|seeks?\s+to"
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
# "- hotel checkout Wed 25/3 am, flight CI 922 Wed night", "dep SIN Sat 13/6 15:40": the
# delegation's own itinerary, not something to follow up
TRAVEL = re.compile(
    r"hotel\s+check-?out|check-?out\s+(?:of|from)\s+(?:the\s+)?hotel|退房|班機|航班|搭機"
    # a notes' day line: "--- 2/26 回程 ---", "--- 2/23 (Mon) 抵達 ---"
    r"|^\W*[\d/()\sA-Za-z]{0,16}(?:回程|去程|返程|抵達|啟程)\W*$"
    r"|\bflights?\b[^.;。；]{0,40}(?-i:\b(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])\s?\d{2,4}\b)|\bflights?\s+on\s+the\s+\d"
    r"|\b(?:dep|arr)\b[^.;。；]{0,30}\d{1,2}:\d\d",
    IC,
)
# "Out of office: I will be on leave from 23 March to 27 March", "PMO on reduced staffing 7–10 Aug":
# someone's absence, not a follow-up
ABSENCE = re.compile(
    r"\bout\s+of\s+(?:the\s+)?office\b|(?-i:\bOOO\b)|\bon\s+(?:annual\s+|parental\s+|sick\s+|home\s+)?leave\b"
    r"|\breduced\s+staffing\b|\breplies\s+may\s+be\s+(?:slow|delayed)\b|休假|請假|公休"
    # "As you know I'll be in Bridgetown 24-28 Nov for the budget consultations": where I will be
    r"|\bI(?:'ll|’ll|\s+will)\s+be\s+(?:away|travelling|traveling|on\s+mission|in\s+[A-Z][a-z]+\s+\d)",
    IC,
)
# "Thanks to everyone who supported this week's EAC …", "A special shout-out to the Trust team for
# organising the field visit on 18 March": a courtesy, not a follow-up
COURTESY = re.compile(
    r"^\W*(?:thanks|thank\s+you|many\s+thanks|(?:a\s+)?(?:special\s+|big\s+|huge\s+)?shout-?out|congratulations|kudos"
    r"|well\s+done)\b",
    IC,
)
# "In the absence of comments by that date, the Summary Record will be considered approved": what
# follows when nobody answers a deadline stated before, not a second follow-up
DEFAULT_OUTCOME = re.compile(
    r"\bin\s+the\s+absence\s+of\s+(?:any\s+)?(?:comments?|objections?|replies|responses)\s+by\s+"
    r"(?:that|this|the\s+same)\s+(?:date|deadline|day)\b|\b(?:will|would|shall)\s+otherwise\s+be\s+(?:considered|deemed)\b",
    IC,
)
# "The 21 Nov date in Marc's original note is dead", "Disregard the 15-16 April dates below", "this
# replaces the 30 January date": a date the report calls off
CALLED_OFF = re.compile(
    r"\b(?:is|are)\s+(?:now\s+)?(?:dead|void|obsolete|superseded)\b|\bdisregard\b|\bno\s+longer\s+(?:applies|apply|valid|stands)\b"
    r"|\b(?:this|it|which|(?:the\s+)?new\s+(?:dates?|deadline|slot))\s+replaces?\s+the\b",
    IC,
)
# "TH rolling out its e-invoicing mandate 1 Jan 2027 -> info only", "own plan, no ask of AMS":
# the note-taker's own word that nothing is asked of us
INFO_ONLY = re.compile(
    r"\b(?:for\s+)?info(?:rmation)?\s+only\b|\bno\s+ask\b|\bnothing\s+for\s+us\b|\bnot\s+our\s+track\b"
    r"|\bno\s+action\s+(?:needed|required|for\s+us|on\s+our\s+(?:side|part))\b"
    r"|\bdo(?:es)?\s+not\s+require\s+(?:any\s+)?action\b|僅供參考|無須(?:我方)?(?:辦理|配合|處理)"
    r"|[,;(–—-]\s*fyi\s*\)?\s*[.;]?\s*$",  # "… FJ's own launch, fyi": a closing FYI
    IC,
)
DONE_STATUS = re.compile(
    r"^\s*(?:已完成|完成|已辦理|已辦結|辦結|結案|已結案|已送|已提供|已提交|已上傳|已寄|done|completed?|closed|finished|delivered|submitted|sent|resolved)\b",
    IC,
)
PERSON_OWNER = re.compile(
    r"^(?:[A-Z]{2,3}(?:\s*[/&,]\s*[A-Z]{2,3})*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[\u4e00-\u9fff]{2,4}(?:先生|女士|小姐|科長|組長|主任|處長)?)$"
)


# "繼續列管，由綜合企劃科持續追蹤", "宜持續關注", "The Secretariat will continue to maintain…": a task
# that goes on is still a follow-up when someone is told or undertakes to do it.
CONTINUING = re.compile(
    r"繼續列管|持續列管|列管追蹤|持續(?:追蹤|關注|注意|蒐集|收集|參與|派員|提供|辦理|推動|協調|聯繫|更新|掌握)"
    r"|\b(?:continue[sd]?\s+to\s+(?:monitor|follow|track|liaise|maintain|update|engage|work|report|consult|provide|coordinate|support|participate|share)"
    r"|continue\s+liaising|keep\s+(?:monitoring|track|under\s+review))\b",
    IC,
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
    r"|\b(?:offices?|missions?|embassy|embassies|secretariat)\s+(?:will\s+be|is|are)\s+closed\b"
    r"|\b(?:is|are|will\s+be)\s+closed\s+(?:on|for|from)\b",  # "as the WTO is closed on Good Friday"
    IC,
)
PERFECT_DONE = re.compile(r"\b(?:has|have)\s+been\s+\w+ed\b|已(?:於|完成|送|收到)", IC)

# "<member> described / presented / informed the Committee …": reported speech about itself.
REPORTING = re.compile(
    r"^\W{0,4}(?:[(（]?[一二三四五六七八九十\d]+[)）.、]\s*)?"
    # "14. In the ensuing discussion, the representative of Jordan said…", "會中，日本表示…"
    r"(?:(?:in\s+the\s+(?:ensuing\s+|subsequent\s+)?discussions?|during\s+the\s+(?:discussion|debate|exchange)"
    r"|in\s+response|subsequently|in\s+addition|furthermore|also|會中|討論時|隨後)\s*[,，]\s*)?"
    r"(?P<who>[^，,。；;:：]{1,40}?)\s*"
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
