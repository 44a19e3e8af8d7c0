"""A person's preferences (language, zone, date style, reminders), their calendar feeds, and
the language switch."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from actions.visibility import visible_meetings
from web import forms
from web import services as web_services
from web.links import absolute_url
from web.models import FeedToken


def _likely_zones(user) -> list[str]:
    venues = visible_meetings(user).order_by("-start_on").values_list("venue_zone", flat=True)
    return [user.time_zone, *venues[:10]]


def _preferences_page(request, *, form=None, feed_form=None, new_feed_url=None, status=200):
    user = request.user
    form = form or forms.PreferencesForm(
        likely_zones=_likely_zones(user),
        initial={
            "language": user.language,
            "time_zone": user.time_zone,
            "date_style": user.date_style,
            "reminder_mode": user.reminder_mode,
            "optional_reminders": user.optional_reminders,
        },
    )
    return render(
        request,
        "web/preferences.html",
        {
            "nav": "preferences",
            "form": form,
            "feed_form": feed_form or forms.FeedTokenForm(meetings=visible_meetings(user)),
            "tokens": list(user.feed_tokens.select_related("meeting")),
            "new_feed_url": new_feed_url,
            "new_webcal_url": "webcal:" + new_feed_url.split(":", 1)[1] if new_feed_url else "",
        },
        status=status,
    )


@login_required
def preferences(request):
    if request.method != "POST":
        return _preferences_page(request)
    form = forms.PreferencesForm(request.POST, likely_zones=_likely_zones(request.user))
    if not form.is_valid():
        return _preferences_page(request, form=form, status=400)
    web_services.user_preferences_update(user=request.user, now=timezone.now(), **form.cleaned_data)
    translation.activate(request.user.language)
    messages.success(request, _("Preferences saved."))
    response = redirect("web:preferences")
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, request.user.language)
    return response


@login_required
@require_POST
def feed_create(request):
    form = forms.FeedTokenForm(request.POST, meetings=visible_meetings(request.user))
    if not form.is_valid():
        return _preferences_page(request, feed_form=form, status=400)
    _token, raw = web_services.feed_token_create(
        user=request.user, meeting=form.cleaned_data["meeting"], now=timezone.now()
    )
    messages.success(request, _("Calendar feed created. Copy its address now: it is shown only once."))
    return _preferences_page(request, new_feed_url=absolute_url(reverse("web:feed", args=[raw])))


@login_required
@require_POST
def feed_revoke(request, pk: int):
    token = get_object_or_404(FeedToken, pk=pk, user=request.user)
    web_services.feed_token_revoke(token=token, now=timezone.now())
    messages.success(request, _("Calendar feed revoked; calendars using it stop updating."))
    return redirect("web:preferences")


@require_POST
def language_switch(request):
    """Django's set_language, which also remembers the choice on the signed-in user."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        web_services.user_language_set(user=request.user, language=language)
    return set_language(request)
