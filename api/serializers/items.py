"""Action items (read from rows, see ITEM_ROW) and the input of their actions: complete,
reopen, reassign, move the deadline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User, user_display_name
from actions.models import OPEN_STATUSES, ActionItem, Deadline
from actions.services import item_assignees_check
from actions.visibility import can_manage, can_manage_item, visible_meetings
from api.fields import DueDateField, FlexibleDateField
from api.permissions import visible_users
from api.serializers.base import (
    TEXT_MAX,
    NoWriteMixin,
    Reader,
    StrictMixin,
    instant_json,
    now_of,
    reader_of,
    user_of,
)
from api.serializers.deadlines import DEADLINE_COLUMNS, DeadlineSerializer, deadline_json
from meetings.models import Session, meeting_short_label

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
        reader = reader_of(self)
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
                and page.deadlines[deadline_id]["due_at"] < now_of(self)
            ),
            "completed_at": instant_json(row["completed_at"], zone),
            "completed_by": row["completed_by"],
            "completion_note": row["completion_note"],
            "created_at": instant_json(row["created_at"], zone),
            "updated_at": instant_json(row["updated_at"], zone),
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
            cache[key] = can_manage(user_of(self), owner_id=owner_id, meeting_id=meeting_id)
        return cache[key]

    # The schema's types for the two computed fields (to_representation writes them).
    def get_is_overdue(self, item: ActionItem) -> bool:
        return item.is_overdue(now_of(self))

    def get_can_manage(self, item: ActionItem) -> bool:
        return can_manage_item(user_of(self), item)

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
