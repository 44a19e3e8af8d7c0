"""The web pages' rules (actions/visibility.py) applied to the API, plus who may create items."""

from django.db.models import Q, QuerySet
from rest_framework.permissions import BasePermission

from accounts.models import User
from actions.models import ActionItem
from actions.visibility import (  # noqa: F401 - may_own_item is part of this module's API
    can_manage_item,
    is_head_of_delegation,
    may_own_item,
    visible_meetings,
)
from meetings.models import Meeting


def visible_users(user: User) -> QuerySet[User]:
    """People a user may name as an owner: those in meetings they see, and staff."""
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    active = User.objects.filter(is_active=True)
    if user.is_staff:
        return active
    return active.filter(
        Q(participations__meeting__in=visible_meetings(user)) | Q(is_staff=True) | Q(pk=user.pk)
    ).distinct()


def can_create_item(user: User, meeting: Meeting) -> bool:
    """Adding follow-ups is staff work; the head of delegation may too (as in the admin)."""
    return user.is_authenticated and (user.is_staff or is_head_of_delegation(user, meeting))


class CanManageItem(BasePermission):
    """Complete, reopen, reassign, move the deadline, edit: the owner, the head, staff."""

    def has_object_permission(self, request, view, obj: ActionItem) -> bool:
        return can_manage_item(request.user, obj)
