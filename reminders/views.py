"""Pages behind the links in reminder emails: mark done, unsubscribe. GET changes nothing."""

from django.core import signing
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import User
from actions import services
from actions.models import ActionItem
from actions.visibility import can_manage_item, visible_items
from reminders import scheduling, tokens


def _bad_link(request, status: int = 400, message: str = ""):
    return render(
        request,
        "reminders/reminder_link.html",
        {
            "title": _("This link is not valid"),
            "message": message
            or _("The link is broken or has expired. Open the tracker to update the item."),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def reminder_done(request, token: str):
    """Confirm form on GET; POST marks the item done as the reminder's recipient."""
    try:
        item_id, user_id = tokens.read_done_token(token)
    except signing.BadSignature:
        return _bad_link(request)
    item = ActionItem.objects.select_related("meeting", "deadline").filter(pk=item_id).first()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if item is None or user is None:
        return _bad_link(request, status=404)
    # The link is a credential of its recipient, but only while they may still act on the item
    # (reassigned, left the delegation, or only watching: the web page's rule applies).
    if not (visible_items(user).filter(pk=item.pk).exists() and can_manage_item(user, item)):
        return _bad_link(
            request,
            status=403,
            message=_(
                "You can no longer change this item: it was reassigned, or you are no longer in "
                "its delegation."
            ),
        )
    context = {"item": item, "user_name": user.display_name}
    if not item.is_open:
        return render(request, "reminders/reminder_done.html", {**context, "already": True})
    if request.method == "POST":
        note = request.POST.get("note", "").strip()[:2000]
        services.action_item_complete(
            item=item, by=user, now=timezone.now(), note=note or _("Marked done from a reminder email.")
        )
        return render(request, "reminders/reminder_done.html", {**context, "completed": True})
    return render(request, "reminders/reminder_done.html", context)


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs without a session or CSRF token
@require_http_methods(["GET", "POST"])
def reminder_unsubscribe(request, token: str):
    try:
        user_id = tokens.read_unsubscribe_token(token)
    except signing.BadSignature:
        return _bad_link(request)
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return _bad_link(request, status=404)
    if request.method == "POST":
        scheduling.user_optional_reminders_off(user=user, now=timezone.now())
        return render(request, "reminders/reminder_unsubscribe.html", {"done": True})
    return render(request, "reminders/reminder_unsubscribe.html", {"user_name": user.display_name})
