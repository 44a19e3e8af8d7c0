"""Who a proposed follow-up names: our agency, the secretariat, the economies, an organisation.

`ImportLookup` reads once what one import needs from the database (organisations, our head of
delegation's agency, the meeting's sessions) and answers "who is 我國 / 秘書處 / Viet Nam here".
"""

from __future__ import annotations

from dataclasses import dataclass

from meetings.models import Meeting, Organization, OrganizationKind, Participant, Session, head_of_delegation
from reports.duplicates import normalise
from reports.parties import OUR_DEFAULT

SECRETARIAT_CODE = "apec-secretariat"
ECONOMIES_CODE = "apec-economies"
_SECRETARIAT_NAMES = (
    "秘書處",
    "APEC 秘書處",
    "APEC秘書處",
    "大會秘書",
    "Secretariat",
    "APEC Secretariat",
    "The Secretariat",
    "the secretariat",
)
_ECONOMIES_NAMES = ("各經濟體", "所有經濟體", "會員經濟體", "Economies", "All economies", "Member economies")


@dataclass
class ImportLookup:
    """What one import needs from the database, read once."""

    meeting: Meeting
    organizations: list[Organization]
    our_agency: Organization | None
    sessions: dict[str, Session]

    @classmethod
    def load(cls, meeting: Meeting) -> ImportLookup:
        head = (
            Participant.objects.filter(head_of_delegation(), meeting=meeting)
            .select_related("organization")
            .order_by("id")
            .first()
        )
        sessions: dict[str, Session] = {}
        for session in meeting.sessions.select_related("meeting").order_by("starts_at", "code"):
            sessions.setdefault(session.name, session)
        return cls(
            meeting=meeting,
            organizations=list(Organization.objects.all()),
            our_agency=head.organization if head else None,
            sessions=sessions,
        )

    def by_code(self, code: str) -> Organization | None:
        return next((org for org in self.organizations if org.code == code), None)

    def responsible(self, written: str) -> Organization | None:
        """ "我國" → our agency, "秘書處" → the secretariat, "各經濟體" → the economies, names."""
        key = normalise(written)
        if not key:
            return None
        if key in {normalise(n) for n in OUR_DEFAULT}:
            return self.our_agency
        if key in {normalise(n) for n in _SECRETARIAT_NAMES}:
            return self.by_code(SECRETARIAT_CODE)
        if key in {normalise(n) for n in _ECONOMIES_NAMES}:
            return self.by_code(ECONOMIES_CODE)
        exact = [
            org
            for org in self.organizations
            if key in {normalise(org.name), normalise(org.name_en), normalise(org.abbreviation)}
        ]
        if len(exact) == 1:
            return exact[0]
        # "中國" is written for 中國大陸: an economy whose name starts with what was written.
        prefixed = [
            org
            for org in self.organizations
            if org.kind == OrganizationKind.ECONOMY and len(key) >= 2 and normalise(org.name).startswith(key)
        ]
        return prefixed[0] if len(prefixed) == 1 else None

    def setter(self, data: dict, responsible: Organization | None) -> Organization | None:
        """Whose clock the due day ends on: the secretariat when it set the deadline, else who acts."""
        excerpt = normalise(data.get("excerpt", ""))
        if data.get("due_date") and any(normalise(n) in excerpt for n in ("秘書處", "secretariat")):
            return self.by_code(SECRETARIAT_CODE) or responsible
        return responsible

    def session(self, data: dict) -> Session | None:
        if data.get("session_id"):
            return next((s for s in self.sessions.values() if s.pk == data["session_id"]), None)
        rule = data.get("rule") or {}
        name = rule.get("session") or data.get("session")
        return self.sessions.get(name) if name else None
