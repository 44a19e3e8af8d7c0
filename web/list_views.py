"""Actions from the task lists: one item's done / move / reassign, a selection's, and undo.

Plain POST forms that redirect back to the list with a message (JavaScript off); with htmx
(the `HX-Request` header) the line is answered in place. Every write is one call into
web.list_actions, which goes through actions.services and actions.deadline_services.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import User, user_display_name
from actions.models import ActionItem, Status
from actions.visibility import can_manage_item, visible_items
from followup_dates import dates
from meetings.models import Participant
from web import forms, list_actions, lists
from web.rows import _PathOf, item_rows, row_labels

UNDO_KEY = "web_list_undo"
UNDO_SHOWN_FOR = timedelta(minutes=15)
BULK_NOT_VISIBLE = gettext_lazy("Some selected items are no longer there; nothing was changed.")


def may_bulk(user: User) -> bool:
    return user.is_staff or bool(lists.headed_meeting_ids(user))


def _labels() -> dict[str, str]:
    return {
        "select": _("Select"),
        "undo": _("Undo"),
        "note": _("Note (optional)"),
        "done": _("Mark done"),
        "more": _("Move or reassign"),
        "new_due": _("New due date"),
        "pick": _("Pick a date"),
        "due_help": _("e.g. 114/3/20, 114年4月底, 2025-03-20"),
        "reason": _("Reason (optional)"),
        "move": _("Move"),
        "new_owner": _("New owner"),
        "reassign": _("Reassign"),
    }


def _manageable_ids(user: User, items: list[ActionItem], headed: set[int]) -> set[int]:
    """can_manage_item for every line at once (`headed`: the meetings the user leads)."""
    if user.is_staff:
        return {item.pk for item in items}
    return {item.pk for item in items if item.owner_id == user.pk or item.meeting_id in headed}


def _owner_lists(meeting_ids: set[int]) -> str:
    """The `<datalist>`s of who may own an item of each meeting, by user name."""
    return format_html_join(
        "",
        '<datalist id="{}">{}</datalist>',
        (
            (forms.owner_list_id(meeting), format_html_join("", '<option value="{}">{}</option>', users))
            for meeting, users in _owners_by_meeting(meeting_ids).items()
        ),
    )


def _owners_by_meeting(meeting_ids: set[int]) -> dict[int, list[tuple[str, str]]]:
    """Who may be given an item of each meeting: its participants with an account (the item
    page's rule; the service also refuses anyone else), as (user name, name shown)."""
    # Two plain reads, not one join: joined, PostgreSQL reads every user to find a meeting's
    # 200 (a sequential scan of 100,000 accounts, 18 ms at a million items).
    seats = list(
        Participant.objects.filter(meeting_id__in=meeting_ids, user__isnull=False)
        .order_by()
        .values_list("meeting_id", "user_id")
    )
    people = {
        pk: (full_name, username, user_display_name(full_name, first_name, last_name, username))
        for pk, username, full_name, first_name, last_name in User.objects.filter(
            pk__in={user_id for _meeting, user_id in seats}, is_active=True
        ).values_list("pk", "username", "full_name", "first_name", "last_name")
    }
    found: dict[int, dict[str, str]] = {}
    # by full name, then user name (as the item page's menu)
    for meeting_id, user_id in sorted(
        (seat for seat in seats if seat[1] in people), key=lambda s: people[s[1]][:2]
    ):
        _full_name, username, shown = people[user_id]
        found.setdefault(meeting_id, {})[username] = shown
    return {meeting: list(users.items()) for meeting, users in found.items()}


def _bulk_owners(user: User):
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_staff=True) | Q(participations__meeting__in=lists.headed_meetings(user).values("pk")))
        .distinct()
        .order_by("full_name", "username")
    )


def _safe_next(request) -> str:
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("web:tasks")


def actions_context(request, items: list[ActionItem], *, next_url: str | None = None) -> dict:
    """What web/_item_actions.html needs for the lines of one list, worked out once a page."""
    user = request.user
    headed = lists.headed_meeting_ids(user)
    return {
        "manageable": _manageable_ids(user, items, headed),
        # One <datalist> of possible owners a meeting, shared by the page's lines (a list of
        # 200 lines carried 200 copies of each meeting's <option>s).
        "owner_lists": _owner_lists({item.meeting_id for item in items}),
        "bulk": user.is_staff or bool(headed),
        "next": next_url or request.get_full_path(),
        "labels": _labels(),
        "paths": {
            "done": _PathOf("web:list_done").path,
            "move": _PathOf("web:list_move").path,
            "reassign": _PathOf("web:list_reassign").path,
        },
        "undo_url": reverse("web:list_undo"),
    }


def list_tools_context(request, items: list[ActionItem]) -> dict:
    """The undo bar and, for staff and heads, the selection's form, above a list."""
    context = {"actions": actions_context(request, items), "undo_label": _recent_undo(request)}
    if context["actions"]["bulk"]:
        context["bulk_form"] = forms.BulkForm(today=timezone.localdate(), owners=_bulk_owners(request.user))
    return context


def _recent_undo(request) -> str:
    undo = request.session.get(UNDO_KEY)
    if not undo:
        return ""
    try:
        at = datetime.fromisoformat(undo["at"])
    except (KeyError, TypeError, ValueError):
        return ""
    return undo.get("label", "") if timezone.now() - at < UNDO_SHOWN_FOR else ""


def _managed(request, pk: int) -> ActionItem:
    item = get_object_or_404(visible_items(request.user).with_related(), pk=pk)
    if not can_manage_item(request.user, item):
        raise PermissionDenied(_("Only the owner, the head of delegation and staff may do this."))
    return item


def _row(request, item: ActionItem, **extra):
    """One list line re-rendered after an action (htmx)."""
    item = visible_items(request.user).with_related().get(pk=item.pk)
    now = timezone.now()
    row = item_rows([item], user=request.user, now=now)[0]
    return render(
        request,
        "web/_item.html",
        {
            "row": row,
            "row_labels": row_labels(),
            "show_owner": bool(request.POST.get("show_owner")),
            "actions": actions_context(request, [item], next_url=_safe_next(request)),
            **extra,
        },
    )


def _remember(request, undo: dict, label: str) -> None:
    request.session[UNDO_KEY] = {**undo, "label": label, "at": timezone.now().isoformat()}


def _changed(request, item: ActionItem | None, outcome: list_actions.Outcome, message: str):
    _remember(request, outcome.undo, message)
    if request.htmx and item is not None:
        return _row(request, item, notice=message)
    messages.success(request, message)
    return redirect(_safe_next(request))


def _refused(request, item: ActionItem, *, form=None, kind: str = "", error=None):
    """A bad input: the line again with the form and its errors (htmx), or a page of its own
    holding the same form (JavaScript off), never a half-made change."""
    text = "; ".join(error.messages) if isinstance(error, ValidationError) else ""
    if request.htmx:
        return _row(
            request,
            item,
            form=form,
            open_form=kind if form is not None else "",
            error=text or _("Please correct the errors below."),
        )
    return render(
        request,
        "web/list_action.html",
        {
            "item": item,
            "form": form,
            "kind": kind,
            "error": text,
            "action_url": reverse(f"web:list_{kind}", args=[item.pk]),
            "next": _safe_next(request),
            "show_owner": request.POST.get("show_owner", ""),
            "owner_lists": _owner_lists({item.meeting_id}) if kind == "reassign" else "",
        },
        status=400,
    )


def _error_of(form) -> ValidationError:
    return ValidationError([message for errors in form.errors.values() for message in errors])


@login_required
@require_POST
def list_done(request, pk: int):
    item = _managed(request, pk)
    form = forms.ListDoneForm(request.POST, auto_id=f"done{pk}-%s")
    if not form.is_valid():
        return _refused(request, item, form=form, kind="done")
    try:
        outcome = list_actions.items_complete(
            items=[item], by=request.user, note=form.cleaned_data["note"].strip(), now=timezone.now()
        )
    except ValidationError as error:
        return _refused(request, item, error=error, kind="done")
    return _changed(request, item, outcome, _("“%(title)s” marked done.") % {"title": item.title})


@login_required
@require_POST
def list_move(request, pk: int):
    item = _managed(request, pk)
    form = forms.ListMoveForm(request.POST, today=timezone.localdate(), auto_id=f"move{pk}-%s")
    if not form.is_valid():
        return _refused(request, item, form=form, kind="move", error=_error_of(form))
    try:
        outcome = list_actions.items_move(
            items=[item],
            due=form.cleaned_data["due"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            now=timezone.now(),
        )
    except (ValidationError, dates.DateInputError, OverflowError) as error:
        if not isinstance(error, ValidationError):
            error = ValidationError(_("This date cannot be used as a deadline."))
        return _refused(request, item, form=form, kind="move", error=error)
    item.refresh_from_db()
    return _changed(
        request,
        item,
        outcome,
        _("“%(title)s” now due %(due)s.") % {"title": item.title, "due": _due_text(request, item)},
    )


def _due_text(request, item: ActionItem) -> str:
    from tracker.templatetags.tracker_dates import due

    return due(item.deadline, request.user)


@login_required
@require_POST
def list_reassign(request, pk: int):
    item = _managed(request, pk)
    owners = User.objects.filter(participations__meeting_id=item.meeting_id, is_active=True).distinct()
    form = forms.ListReassignForm(
        request.POST, owners=owners, meeting_id=item.meeting_id, auto_id=f"reassign{pk}-%s"
    )
    if not form.is_valid():
        return _refused(request, item, form=form, kind="reassign", error=_error_of(form))
    owner = form.cleaned_data["owner"]
    try:
        outcome = list_actions.items_reassign(
            items=[item], owner=owner, by=request.user, reason=form.cleaned_data["reason"], now=timezone.now()
        )
    except ValidationError as error:
        return _refused(request, item, form=form, kind="reassign", error=error)
    return _changed(
        request,
        item,
        outcome,
        _("“%(title)s” given to %(name)s.") % {"title": item.title, "name": owner.display_name},
    )


def _selected_ids(request) -> list[int]:
    ids = []
    for value in request.POST.getlist("items"):
        if not value.isdigit() or len(value) > 10:
            raise ValidationError(BULK_NOT_VISIBLE)
        ids.append(int(value))
    return sorted(set(ids))


@login_required
@require_POST
def list_bulk(request):
    user = request.user
    if not may_bulk(user):
        raise PermissionDenied(_("Only heads of delegation and staff act on a selection."))
    form = forms.BulkForm(request.POST, today=timezone.localdate(), owners=_bulk_owners(user))
    try:
        ids = _selected_ids(request)
        if not ids:
            raise ValidationError(forms.BULK_NEEDS_ITEMS)
        items = list(visible_items(user).with_related().filter(pk__in=ids).order_by("pk"))
        if len(items) != len(ids):
            raise ValidationError(BULK_NOT_VISIBLE)
        if any(not can_manage_item(user, item) for item in items):
            raise PermissionDenied(_("Only the owner, the head of delegation and staff may do this."))
        if not form.is_valid():
            raise _error_of(form)
        outcome, message = _bulk_apply(form.cleaned_data, items, user=user)
    except ValidationError as error:
        return render(
            request,
            "web/list_action.html",
            {
                "form": form,
                "kind": "bulk",
                "error": "; ".join(error.messages),
                "action_url": reverse("web:list_bulk"),
                "next": _safe_next(request),
                "selected": request.POST.getlist("items"),
            },
            status=400,
        )
    _remember(request, outcome.undo, message)
    messages.success(request, message)
    return redirect(_safe_next(request))


def _bulk_apply(data: dict, items: list[ActionItem], *, user: User):
    now = timezone.now()
    action = data["action"]
    if action == "done":
        open_items = [item for item in items if item.status != Status.DONE]
        if not open_items:
            raise ValidationError(list_actions.ALREADY_DONE)
        outcome = list_actions.items_complete(items=open_items, by=user, note=data["note"].strip(), now=now)
        return outcome, _("%(n)s items marked done.") % {"n": len(open_items)}
    if action == "move":
        try:
            outcome = list_actions.items_move(
                items=items, due=data["due"], by=user, reason=data["reason"], now=now
            )
        except (dates.DateInputError, OverflowError) as error:
            raise ValidationError(_("This date cannot be used as a deadline.")) from error
        return outcome, _("%(n)s items moved.") % {"n": len(items)}
    outcome = list_actions.items_reassign(
        items=items, owner=data["owner"], by=user, reason=data["reason"], now=now
    )
    return outcome, _("%(n)s items given to %(name)s.") % {
        "n": len(items),
        "name": data["owner"].display_name,
    }


@login_required
@require_POST
def list_undo(request):
    user = request.user
    # The record is the server's own, in this user's session, of a change it allowed a moment
    # ago: who gave an item away may take it back, while it is recent and still visible.
    undo = (request.session.get(UNDO_KEY) or {}) if _recent_undo(request) else {}
    ids = [change.get("item") for change in undo.get("changes", [])]
    items = {item.pk: item for item in visible_items(user).with_related().filter(pk__in=ids)}
    try:
        undone = list_actions.undo_apply(undo=undo, items=items, by=user, now=timezone.now())
    except ValidationError as error:
        request.session.pop(UNDO_KEY, None)
        messages.error(request, "; ".join(error.messages))
        return redirect(_safe_next(request))
    request.session.pop(UNDO_KEY, None)
    message = _("Undone: %(label)s") % {"label": undo.get("label", "")}
    if request.htmx and len(undone) == 1:
        return _row(request, undone[0], notice_plain=message)
    messages.success(request, message)
    return redirect(_safe_next(request))
