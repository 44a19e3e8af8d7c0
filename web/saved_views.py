"""Saved views: a task list's filters kept under a name, one click away, per person and list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from web import forms, lists
from web import services as web_services
from web.models import SavedView, SavedViewList


def saved_views_context(request, form, list_name: str) -> dict:
    """The person's saved views of this list, and the form that saves the filters now applied."""
    current = forms.filters_query(form) if form.is_bound and form.is_valid() else ""
    return {
        "saved_views": [
            (view, view.query == current)
            for view in SavedView.objects.filter(user=request.user, list_name=list_name)
        ],
        "view_form": forms.SavedViewForm(initial={"list_name": list_name, "query": current}),
        "current_query": current,
    }


_LIST_PAGES = {SavedViewList.TASKS: "web:tasks", SavedViewList.DELEGATION: "web:delegation"}


@login_required
@require_POST
def saved_view_save(request):
    """ "Save this view as …": the list's filters, checked again as the list reads them."""
    form = forms.SavedViewForm(request.POST)
    list_name = request.POST.get("view-list_name", "")
    page = _LIST_PAGES.get(list_name, "web:tasks")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(page)
    filters = lists.filter_form(QueryDict(form.cleaned_data["query"]), user=request.user, list_name=list_name)
    if not filters.is_valid():
        messages.error(request, _("These filters are not valid any more: choose them again."))
        return redirect(page)
    query = forms.filters_query(filters)
    try:
        view = web_services.saved_view_save(
            user=request.user,
            list_name=list_name,
            name=form.cleaned_data["name"],
            query=query,
            now=timezone.now(),
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(reverse(page) + (f"?{query}" if query else ""))
    messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(reverse(page) + f"?{view.query}")


@login_required
@require_POST
def saved_view_delete(request, pk: int):
    view = get_object_or_404(SavedView, pk=pk, user=request.user)
    page = _LIST_PAGES.get(view.list_name, "web:tasks")
    web_services.saved_view_delete(view=view)
    messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
    return redirect(page)
