"""Serializers: shape and validate. They never write — the views call actions/services.py."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import ApiToken, User, user_display_name
from actions.models import (
    OPEN_STATUSES,
    ActionItem,
    Activity,
    Deadline,
    DeadlineMode,
)
from actions.services import item_assignees_check
from actions.visibility import can_manage, can_manage_item, visible_meetings
from api.fields import DueDateField, FlexibleDateField
from api.permissions import visible_users
from followup_dates import dates
from meetings.models import Meeting, Organization, Participant, Session, meeting_short_label
from tracker.templatetags.tracker_dates import reader_prefs
from webhooks.models import Webhook, WebhookDelivery, WebhookEvent

TEXT_MAX = 10_000


class StrictMixin:
    """Refuse fields the serializer does not accept: a typo must not be silently ignored."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(str(name) for name in data if name not in writable)
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("Unknown field, or one that cannot be written here.")] for name in unknown},
                    code="unknown_field",
                )
        return super().to_internal_value(data)


class NoWriteMixin:
    """Writes go through the services; a serializer that tried to save would be a bug."""

    def create(self, validated_data):
        raise NotImplementedError("Call the service in actions/services.py instead.")

    def update(self, instance, validated_data):
        raise NotImplementedError("Call the service in actions/services.py instead.")


def _user(serializer: serializers.Serializer):
    return serializer.context["request"].user


def _now(serializer: serializers.Serializer) -> datetime:
    return serializer.context.get("now") or timezone.now()


class Reader(NamedTuple):
    style: str  # "roc" or "gregorian"
    language: str  # "zh-hant" or "en"
    zone: tzinfo  # the active zone: instants are written in it, as DRF's DateTimeField does


def _reader(serializer: serializers.Serializer) -> Reader:
    """Who reads the response, worked out once per response rather than once per item."""
    context = serializer.context
    reader = context.get("_reader")
    if reader is None:
        request = context.get("request")
        style, language, _zone = reader_prefs(request.user if request else None)
        reader = context["_reader"] = Reader(style, language, timezone.get_current_timezone())
    return reader


def _instant(value: datetime | None, zone: tzinfo) -> str | None:
    """An instant as DRF's DateTimeField writes it: in the active zone, ISO 8601, UTC as Z."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# --- Reference data -----------------------------------------------------------


class OptionalEmailField(serializers.EmailField):
    """A blank email is null in the API: "" is not an email address."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class OrganizationSerializer(serializers.ModelSerializer):
    focal_point_email = OptionalEmailField()

    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "abbreviation",
            "kind",
            "time_zone",
            "holiday_calendar",
            "focal_point_name",
            "focal_point_email",
        ]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer):
    local_date = serializers.DateField(
        read_only=True, help_text=_("The session's calendar day at the venue.")
    )

    class Meta:
        model = Session
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "kind",
            "starts_at",
            "ends_at",
            "local_date",
            "chair",
            "report_section",
        ]
        read_only_fields = fields


class ParticipantSerializer(serializers.ModelSerializer):
    email = OptionalEmailField()
    username = serializers.CharField(source="user.username", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Participant
        fields = ["id", "user", "username", "name", "organization", "title", "role", "role_detail", "email"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    sessions = SessionSerializer(many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "slug",
            "series",
            "number",
            "title",
            "title_en",
            "start_on",
            "end_on",
            "venue",
            "venue_zone",
            "host",
            "holiday_calendar",
            "report_title",
            "notes",
            "sessions",
            "participants",
        ]
        read_only_fields = fields


# --- Deadlines ----------------------------------------------------------------


class DeadlineRuleSerializer(serializers.Serializer):
    amount = serializers.IntegerField(source="rule_amount")
    unit = serializers.CharField(source="rule_unit")
    direction = serializers.CharField(source="rule_direction")
    anchor = serializers.CharField(source="rule_anchor")
    anchor_session = serializers.IntegerField(source="anchor_session_id", allow_null=True)
    anchor_deadline = serializers.IntegerField(source="anchor_deadline_id", allow_null=True)
    calendar = serializers.CharField(help_text=_("Working-day calendar, e.g. KR."))


class DeadlineSerializer(serializers.ModelSerializer):
    first_day = serializers.DateField(
        source="due.first_day",
        read_only=True,
        help_text=_("The first day of the due period (equals due_on for day precision)."),
    )
    due_at = serializers.SerializerMethodField(
        help_text=_("The instant the deadline ends (23:59:59 in its zone), with that zone's offset.")
    )
    display = serializers.SerializerMethodField(
        help_text=_("The due date in the reader's language and date style (ROC or Gregorian).")
    )
    rule = serializers.SerializerMethodField(
        help_text=_("For a relative deadline, the rule it follows; null for an absolute one.")
    )

    class Meta:
        model = Deadline
        fields = [
            "id",
            "meeting",
            "key",
            "label",
            "set_by",
            "zone",
            "mode",
            "due_on",
            "first_day",
            "precision",
            "due_at",
            "display",
            "rule",
            "source_excerpt",
        ]
        read_only_fields = fields

    # The fields above describe the output (and the schema); to_representation writes the same
    # dict by hand, because a 50-item page spent most of its time in DRF's per-field machinery.
    # tests/api/test_representation.py checks both give the same JSON.
    def to_representation(self, deadline: Deadline) -> dict[str, Any]:
        return deadline_json(deadline_columns(deadline), _reader(self))

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_due_at(self, deadline: Deadline) -> str:
        return deadline.due_at_for(deadline.zone).isoformat()

    def get_display(self, deadline: Deadline) -> str:
        reader = _reader(self)
        return dates.format_due_date(deadline.due, style=reader.style, language=reader.language)

    @extend_schema_field(DeadlineRuleSerializer(allow_null=True))
    def get_rule(self, deadline: Deadline) -> dict[str, Any] | None:
        if deadline.mode != DeadlineMode.RELATIVE:
            return None
        return DeadlineRuleSerializer(deadline).data


# A deadline's columns by field name, foreign keys as ids: as values() reads them.
DEADLINE_COLUMNS = {field.name: field.attname for field in Deadline._meta.concrete_fields}


def deadline_columns(deadline: Deadline) -> dict[str, Any]:
    return {name: getattr(deadline, attname) for name, attname in DEADLINE_COLUMNS.items()}


def deadline_json(deadline: Mapping[str, Any], reader: Reader) -> dict[str, Any]:
    """DeadlineSerializer's output from a deadline's columns (also an item's `due`)."""
    due = dates.DueDate(on=deadline["due_on"], precision=dates.Precision(deadline["precision"]))
    rule = None
    if deadline["mode"] == DeadlineMode.RELATIVE:
        rule = {
            "amount": deadline["rule_amount"],
            "unit": deadline["rule_unit"],
            "direction": deadline["rule_direction"],
            "anchor": deadline["rule_anchor"],
            "anchor_session": deadline["anchor_session"],
            "anchor_deadline": deadline["anchor_deadline"],
            "calendar": deadline["calendar"],
        }
    return {
        "id": deadline["id"],
        "meeting": deadline["meeting"],
        "key": deadline["key"],
        "label": deadline["label"],
        "set_by": deadline["set_by"],
        "zone": deadline["zone"],
        "mode": deadline["mode"],
        "due_on": deadline["due_on"].isoformat(),
        "first_day": due.first_day.isoformat(),
        "precision": deadline["precision"],
        "due_at": deadline["due_at"].astimezone(dates.validate_zone(deadline["zone"])).isoformat(),
        "display": dates.format_due_date(due, style=reader.style, language=reader.language),
        "rule": rule,
        "source_excerpt": deadline["source_excerpt"],
    }


# --- Items --------------------------------------------------------------------


# An item as the list endpoint reads it: its columns by field name (foreign keys as ids), and
# the few columns of its meeting and owner it shows. The list asks for these with values() —
# building 200 model objects was ~1.2 ms of a ~10 ms request — and a single item is turned
# into the same row by item_columns(), so both go through one representation. Deadlines and
# watchers are read for a whole page at once (ItemPage): a page's items share deadlines,
# and a fifth join made the page query dearer to plan than the extra query costs.
ITEM_COLUMNS = {
    name: ActionItem._meta.get_field(name).attname
    for name in [
        "id",
        "meeting",
        "number",
        "session",
        "title",
        "description",
        "source_excerpt",
        "source_section",
        "kind",
        "status",
        "priority",
        "responsible",
        "owner",
        "deadline",
        "ends_on",
        "completed_at",
        "completed_by",
        "completion_note",
        "created_at",
        "updated_at",
    ]
}
ITEM_ROW = [
    *ITEM_COLUMNS,
    "meeting__series",
    "meeting__number",
    "owner__full_name",
    "owner__first_name",
    "owner__last_name",
    "owner__username",
]


def item_columns(item: ActionItem) -> dict[str, Any]:
    """The row values(*ITEM_ROW) gives, for an item already in memory."""
    row = {name: getattr(item, attname) for name, attname in ITEM_COLUMNS.items()}
    meeting, owner = item.meeting, item.owner
    row.update({"meeting__series": meeting.series, "meeting__number": meeting.number})
    for name in ("full_name", "first_name", "last_name", "username"):
        row[f"owner__{name}"] = getattr(owner, name) if owner is not None else None
    return row


@dataclass
class ItemPage:
    """What the items of one response share, read with one query each."""

    watchers: dict[int, list[int]]  # item id → watchers' user ids, smallest first
    deadlines: dict[int, dict[str, Any]]  # deadline id → its columns

    @classmethod
    def read(cls, rows: list[Mapping[str, Any]]) -> ItemPage:
        watchers: dict[int, list[int]] = {row["id"]: [] for row in rows}
        links = (
            ActionItem.watchers.through.objects.filter(actionitem_id__in=list(watchers))
            .order_by("actionitem_id", "user_id")
            .values_list("actionitem_id", "user_id")
        )
        for item_id, user_id in links:
            watchers[item_id].append(user_id)
        deadline_ids = {row["deadline"] for row in rows if row["deadline"] is not None}
        deadlines = {}
        if deadline_ids:
            deadlines = {
                columns["id"]: columns
                for columns in Deadline.objects.filter(pk__in=deadline_ids).values(*DEADLINE_COLUMNS)
            }
        return cls(watchers, deadlines)


class ActionItemListSerializer(serializers.ListSerializer):
    """A page of items: rows from the list endpoint, or ActionItem objects."""

    def to_representation(self, data) -> list[dict[str, Any]]:
        rows = [
            row if isinstance(row, Mapping) else item_columns(row)
            for row in (data.all() if hasattr(data, "all") else data)
        ]
        self.context["_page"] = ItemPage.read(rows)
        return [self.child.to_representation(row) for row in rows]


class ActionItemSerializer(StrictMixin, NoWriteMixin, serializers.ModelSerializer):
    meeting_label = serializers.CharField(source="meeting.short_label", read_only=True)
    owner_name = serializers.CharField(
        source="owner.display_name", read_only=True, default=None, allow_null=True
    )
    due = DeadlineSerializer(source="deadline", read_only=True, allow_null=True)
    ends_on = FlexibleDateField(required=False, allow_null=True)
    is_overdue = serializers.SerializerMethodField()
    can_manage = serializers.SerializerMethodField(
        help_text=_("Whether you may complete, reopen, reassign, move or edit this item.")
    )

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "meeting",
            "meeting_label",
            "number",
            "session",
            "title",
            "description",
            "source_excerpt",
            "source_section",
            "kind",
            "status",
            "priority",
            "responsible",
            "owner",
            "owner_name",
            "watchers",
            "deadline",
            "due",
            "ends_on",
            "is_overdue",
            "completed_at",
            "completed_by",
            "completion_note",
            "created_at",
            "updated_at",
            "can_manage",
        ]
        read_only_fields = ["number", "completed_at", "completed_by", "created_at", "updated_at"]
        extra_kwargs = {
            "title": {"max_length": 300},
            "description": {"max_length": TEXT_MAX},
            "source_excerpt": {"max_length": TEXT_MAX},
            "completion_note": {"max_length": TEXT_MAX},
            "watchers": {"required": False},
            "deadline": {"help_text": _("The id of a deadline of the same meeting.")},
        }
        list_serializer_class = ActionItemListSerializer

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is None:
            return fields
        user = request.user
        meetings = visible_meetings(user)
        if "meeting" in fields and not fields["meeting"].read_only:
            fields["meeting"].queryset = meetings
        fields["session"].queryset = Session.objects.filter(meeting__in=meetings)
        fields["deadline"].queryset = Deadline.objects.filter(meeting__in=meetings)
        fields["owner"].queryset = visible_users(user)
        fields["watchers"].child_relation.queryset = visible_users(user)
        return fields

    # Written by hand like DeadlineSerializer's (same test), from an item's row (ITEM_ROW).
    def to_representation(self, item: ActionItem | Mapping[str, Any]) -> dict[str, Any]:
        if isinstance(item, Mapping):  # one row of a page: ActionItemListSerializer read it
            row, page = item, self.context["_page"]
        else:  # one item on its own
            row = item_columns(item)
            page = ItemPage.read([row])
        reader = _reader(self)
        zone = reader.zone
        owner_id, deadline_id = row["owner"], row["deadline"]
        return {
            "id": row["id"],
            "meeting": row["meeting"],
            "meeting_label": meeting_short_label(row["meeting__series"], row["meeting__number"]),
            "number": row["number"],
            "session": row["session"],
            "title": row["title"],
            "description": row["description"],
            "source_excerpt": row["source_excerpt"],
            "source_section": row["source_section"],
            "kind": row["kind"],
            "status": row["status"],
            "priority": row["priority"],
            "responsible": row["responsible"],
            "owner": owner_id,
            "owner_name": None
            if owner_id is None
            else user_display_name(
                row["owner__full_name"],
                row["owner__first_name"],
                row["owner__last_name"],
                row["owner__username"],
            ),
            "watchers": page.watchers[row["id"]],
            "deadline": deadline_id,
            "due": self._due(deadline_id, page, reader),
            "ends_on": row["ends_on"].isoformat() if row["ends_on"] is not None else None,
            "is_overdue": (
                row["status"] in OPEN_STATUSES
                and deadline_id in page.deadlines
                and page.deadlines[deadline_id]["due_at"] < _now(self)
            ),
            "completed_at": _instant(row["completed_at"], zone),
            "completed_by": row["completed_by"],
            "completion_note": row["completion_note"],
            "created_at": _instant(row["created_at"], zone),
            "updated_at": _instant(row["updated_at"], zone),
            "can_manage": self._can_manage(owner_id, row["meeting"]),
        }

    def _due(self, deadline_id: int | None, page: ItemPage, reader: Reader) -> dict[str, Any] | None:
        """The item's deadline, written once per response (a page's items share deadlines).
        None also for one removed between the page's two queries."""
        if deadline_id not in page.deadlines:
            return None
        written = self.context.setdefault("_deadlines", {})
        if deadline_id not in written:
            written[deadline_id] = deadline_json(page.deadlines[deadline_id], reader)
        return written[deadline_id]

    def _can_manage(self, owner_id: int | None, meeting_id: int) -> bool:
        # The answer depends only on the item's owner and meeting: ask once per pair in a list.
        cache = self.context.setdefault("_can_manage", {})
        key = (owner_id, meeting_id)
        if key not in cache:
            cache[key] = can_manage(_user(self), owner_id=owner_id, meeting_id=meeting_id)
        return cache[key]

    # The schema's types for the two computed fields (to_representation writes them).
    def get_is_overdue(self, item: ActionItem) -> bool:
        return item.is_overdue(_now(self))

    def get_can_manage(self, item: ActionItem) -> bool:
        return can_manage_item(_user(self), item)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        meeting = attrs.get("meeting") or (self.instance.meeting if self.instance else None)
        errors: dict[str, list[str]] = {}
        session = attrs.get("session")
        if session is not None and meeting is not None and session.meeting_id != meeting.pk:
            errors["session"] = [_("This session belongs to another meeting.")]
        deadline = attrs.get("deadline")
        if deadline is not None and meeting is not None and deadline.meeting_id != meeting.pk:
            errors["deadline"] = [_("This deadline belongs to another meeting.")]
        if meeting is not None:
            try:  # the services' rule, shown on the fields before anything is written
                item_assignees_check(
                    meeting=meeting, owner=attrs.get("owner"), watchers=attrs.get("watchers") or ()
                )
            except DjangoValidationError as error:
                errors.update(
                    {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
                )
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class ActionItemUpdateSerializer(ActionItemSerializer):
    reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text=_("Why, for the item's log (e.g. why the deadline changed)."),
    )

    class Meta(ActionItemSerializer.Meta):
        fields = [*ActionItemSerializer.Meta.fields, "reason"]
        read_only_fields = [*ActionItemSerializer.Meta.read_only_fields, "meeting"]


class CompleteSerializer(StrictMixin, NoWriteMixin, serializers.Serializer):
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=TEXT_MAX,
        default="",
        help_text=_("Evidence or a note: what was done."),
    )


class ReopenSerializer(StrictMixin, NoWriteMixin, serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ReassignSerializer(StrictMixin, NoWriteMixin, serializers.Serializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(),
        allow_null=True,
        help_text=_("The new owner's user id, or null to unassign."),
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["owner"].queryset = visible_users(request.user)
        return fields

    def validate_owner(self, owner):
        item = self.context.get("item")
        if owner is not None and item is not None:
            try:
                item_assignees_check(meeting=item.meeting, owner=owner)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.message_dict["owner"]) from error
        return owner


class MoveDeadlineSerializer(StrictMixin, NoWriteMixin, serializers.Serializer):
    due = DueDateField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


# --- Activity -----------------------------------------------------------------


class ActivitySerializer(serializers.ModelSerializer):
    actor_name = serializers.CharField(
        source="actor.display_name", read_only=True, default=None, allow_null=True
    )
    line = serializers.SerializerMethodField(
        help_text=_("The entry as one sentence, in the reader's language and date style.")
    )
    data = serializers.DictField(read_only=True, help_text=_("What changed, as plain values."))

    class Meta:
        model = Activity
        fields = ["id", "item", "actor", "actor_name", "verb", "text", "data", "line", "created_at"]
        read_only_fields = fields

    def get_line(self, activity: Activity) -> str:
        request = self.context.get("request")
        style, language, _zone = reader_prefs(request.user if request else None)
        return str(activity.describe(style=style, language=language))


class CommentSerializer(StrictMixin, NoWriteMixin, serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX, help_text=_("The comment."))


# --- Webhooks -----------------------------------------------------------------


class WebhookSerializer(StrictMixin, NoWriteMixin, serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices),
        allow_empty=False,
        max_length=len(WebhookEvent.choices),
        help_text=_(
            "Which events to POST: item.created, item.status_changed, item.deadline_moved, item.overdue."
        ),
    )
    secret = serializers.CharField(
        read_only=True,
        help_text=_("Verify each body: X-Tracker-Signature = “sha256=” + hex HMAC-SHA256(secret, raw body)."),
    )

    class Meta:
        model = Webhook
        fields = ["id", "meeting", "url", "events", "active", "secret", "created_at"]
        read_only_fields = ["secret", "created_at"]
        extra_kwargs = {"url": {"help_text": _("http:// or https:// only.")}}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and not fields["meeting"].read_only:
            fields["meeting"].queryset = visible_meetings(request.user)
        return fields

    def validate_events(self, events: list[str]) -> list[str]:
        return list(dict.fromkeys(events))  # keep the order, drop repeats


class WebhookUpdateSerializer(WebhookSerializer):
    rotate_secret = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_("true: issue a new secret (the old one stops verifying at once)."),
    )

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "rotate_secret"]
        read_only_fields = [*WebhookSerializer.Meta.read_only_fields, "meeting"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "item",
            "state",
            "attempts",
            "last_status_code",
            "last_error",
            "created_at",
            "last_attempt_at",
            "delivered_at",
            "payload",
        ]
        read_only_fields = fields


# --- Tokens -------------------------------------------------------------------


class ApiTokenSerializer(StrictMixin, NoWriteMixin, serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    active = serializers.BooleanField(source="is_active", read_only=True)

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "user",
            "username",
            "active",
            "created_at",
            "last_used_at",
            "revoked_at",
            "revoked_by",
        ]
        read_only_fields = ["prefix", "user", "created_at", "last_used_at", "revoked_at", "revoked_by"]
        extra_kwargs = {"name": {"max_length": 100}}


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    key = serializers.CharField(
        read_only=True,
        help_text=_("The key, shown this once only: send it as “Authorization: Bearer <key>”."),
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
        read_only_fields = [*ApiTokenSerializer.Meta.read_only_fields, "key"]

    def to_representation(self, token):
        data = super().to_representation(token)
        data["key"] = self.context["key"]
        return data
