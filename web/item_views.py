"""One item's page and the forms on it: comment, status, done, reassign, move the deadline,
attach and download evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from actions import deadline_services, services
from actions.evidence import EvidenceError
from actions.models import ActionItem, Evidence
from actions.visibility import can_manage_item, visible_items
from followup_dates import dates
from tracker.templatetags.tracker_dates import reader_prefs
from web import forms


def _visible_item(request, pk: int) -> ActionItem:
    return get_object_or_404(visible_items(request.user).with_related(), pk=pk)


def _managed_item(request, pk: int) -> ActionItem:
    item = _visible_item(request, pk)
    if not can_manage_item(request.user, item):
        raise PermissionDenied(_("Only the owner, the head of delegation and staff may do this."))
    return item


def _item_page(request, item: ActionItem, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    style, language, _zone = reader_prefs(request.user)
    # The latest first: the page shows six and folds the older ones.
    activities = list(item.activities.select_related("actor").order_by("-created_at", "-id"))
    for entry in activities:
        entry.line = entry.describe(style=style, language=language)
        entry.local_on = timezone.localtime(entry.created_at).date()
    manage = can_manage_item(request.user, item)
    shared = []
    if item.deadline_id:
        shared = list(
            item.deadline.items.exclude(pk=item.pk).order_by("number").values_list("number", "title")
        )
    today = timezone.localdate()
    context = {
        "nav": "",
        "item": item,
        "activities": activities,
        "can_manage": manage,
        "evidence": list(item.evidence.select_related("added_by")),
        "watchers": list(item.watchers.all()),
        "shared_items": shared,
        "now": timezone.now(),
        "moves_shared": bool(item.deadline_id)
        and deadline_services.may_move_deadline(request.user, item.deadline),
        "completed_on": timezone.localdate(item.completed_at) if item.completed_at else None,
        "comment_form": bound.get("comment") or forms.CommentForm(),
        "open_form": next(iter(bound), ""),  # the disclosure holding a form with errors
        "carried": list(item.carried.select_related("from_meeting", "to_meeting")),
        **_recommendation_context(item),
    }
    if manage:
        context.update(
            {
                "status_form": bound.get("status") or forms.StatusForm(initial={"status": item.status}),
                "complete_form": bound.get("complete") or forms.CompleteForm(),
                "reassign_form": bound.get("reassign")
                or forms.ReassignForm(item=item, initial={"owner": item.owner_id}),
                "deadline_form": bound.get("deadline") or forms.DeadlineForm(today=today),
                "evidence_form": bound.get("evidence") or forms.EvidenceForm(),
            }
        )
    return render(request, "web/item.html", context, status=status)


def _recommendation_context(item: ActionItem) -> dict:
    from followups.models import AdoptionStatus, Recommendation

    recommendation = Recommendation.objects.filter(item=item).first()
    return {"recommendation": recommendation, "adoption_choices": AdoptionStatus.choices}


@login_required
@require_GET
def item_detail(request, pk: int):
    return _item_page(request, _visible_item(request, pk))


def _done(request, item: ActionItem, message: str):
    messages.success(request, message)
    return redirect("web:item", pk=item.pk)


def _invalid(request, item, key, form):
    messages.error(request, _("Please correct the errors below."))
    return _item_page(request, item, bound={key: form}, status=400)


@login_required
@require_POST
def item_comment(request, pk: int):
    item = _visible_item(request, pk)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, "comment", form)
    services.comment_add(item=item, by=request.user, text=form.cleaned_data["text"], now=timezone.now())
    return _done(request, item, _("Comment added."))


@login_required
@require_POST
def item_status(request, pk: int):
    item = _managed_item(request, pk)
    form = forms.StatusForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, "status", form)
    services.action_item_set_status(
        item=item,
        status=form.cleaned_data["status"],
        by=request.user,
        note=form.cleaned_data["note"],
        now=timezone.now(),
    )
    return _done(request, item, _("Status changed to %(status)s.") % {"status": item.get_status_display()})


@login_required
@require_POST
def item_complete(request, pk: int):
    item = _managed_item(request, pk)
    form = forms.CompleteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, "complete", form)
    services.action_item_complete(
        item=item, by=request.user, note=form.cleaned_data["note"], now=timezone.now()
    )
    return _done(request, item, _("Marked as done."))


@login_required
@require_POST
def item_reassign(request, pk: int):
    item = _managed_item(request, pk)
    form = forms.ReassignForm(request.POST, item=item)
    if not form.is_valid():
        return _invalid(request, item, "reassign", form)
    services.action_item_reassign(
        item=item,
        owner=form.cleaned_data["owner"],
        by=request.user,
        reason=form.cleaned_data["reason"],
        now=timezone.now(),
    )
    return _done(
        request, item, _("Reassigned to %(name)s.") % {"name": form.cleaned_data["owner"].display_name}
    )


@login_required
@require_POST
def item_deadline(request, pk: int):
    item = _managed_item(request, pk)
    form = forms.DeadlineForm(request.POST, today=timezone.localdate())
    if item.deadline is None:
        form.add_error(None, _("This item has no deadline to move; staff set one in the admin."))
    elif item.deadline.is_relative:
        form.add_error(
            None,
            _(
                "This deadline follows a rule (e.g. working days after the "
                "meeting); staff change it in the admin."
            ),
        )
    if not form.is_valid():
        return _invalid(request, item, "deadline", form)
    try:
        if deadline_services.may_move_deadline(request.user, item.deadline):
            # Staff, the head (or the owner of every item on it): the shared deadline moves.
            deadline_services.deadline_move(
                deadline=item.deadline,
                to=form.cleaned_data["due"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        else:  # this item only, as the API's move-deadline: it gets a deadline of its own
            deadline_services.action_item_move_deadline(
                item=item,
                due=form.cleaned_data["due"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
    except (ValidationError, dates.DateInputError, OverflowError) as error:
        # e.g. 31 Dec 9999 at 23:59:59 in a zone west of UTC is past the last storable instant
        form.add_error(
            None,
            error if isinstance(error, ValidationError) else _("This date cannot be used as a deadline."),
        )
        return _invalid(request, item, "deadline", form)
    return _done(request, item, _("Deadline moved."))


@login_required
@require_POST
def item_evidence(request, pk: int):
    item = _managed_item(request, pk)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, item, "evidence", form)
    try:
        services.evidence_add(
            item=item,
            by=request.user,
            now=timezone.now(),
            file=form.cleaned_data["file"],
            url=form.cleaned_data["url"],
            note=form.cleaned_data["note"],
        )
    except (EvidenceError, ValidationError) as error:
        form.add_error(None, str(getattr(error, "message", error)))
        return _invalid(request, item, "evidence", form)
    return _done(request, item, _("Evidence attached."))


@login_required
@require_GET
def evidence_download(request, pk: int):
    evidence = get_object_or_404(
        Evidence.objects.filter(item__in=visible_items(request.user).values("pk")), pk=pk
    )
    if not evidence.file:
        return HttpResponseRedirect(evidence.url)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing from storage.")) from error
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name)
