"""Who sees what: a user sees the meetings they take part in and those meetings' items; staff see all.

Every web view, export, feed and API endpoint filters through these two functions.
"""

from django.db.models import QuerySet

from accounts.models import User
from actions.models import ActionItem
from meetings.models import Meeting, Participant, head_of_delegation


def visible_meetings(user: User) -> QuerySet[Meeting]:
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    if user.is_staff:
        return Meeting.objects.all()
    return Meeting.objects.filter(participants__user=user).distinct()


def visible_items(user: User) -> QuerySet[ActionItem]:
    if not user.is_authenticated or not user.is_active:
        return ActionItem.objects.none()
    if user.is_staff:
        return ActionItem.objects.all()
    return ActionItem.objects.filter(meeting__participants__user=user)


def is_head_of_delegation(user: User, meeting: Meeting | int) -> bool:
    return Participant.objects.filter(head_of_delegation(user), meeting=meeting).exists()


def can_manage_item(user: User, item: ActionItem) -> bool:
    """Reassign, move the deadline, change status: the owner, the head of delegation, staff."""
    return can_manage(user, owner_id=item.owner_id, meeting_id=item.meeting_id)


def can_manage(user: User, *, owner_id: int | None, meeting_id: int) -> bool:
    """can_manage_item for an item known by its owner and meeting ids (lists read columns)."""
    if not user.is_authenticated:
        return False
    return user.is_staff or owner_id == user.pk or is_head_of_delegation(user, meeting_id)


def may_own_item(owner: User, meeting: Meeting) -> bool:
    """An owner (or watcher) takes part in the item's meeting, or is staff of the delegation."""
    return owner.is_staff or meeting.participants.filter(user=owner).exists()
