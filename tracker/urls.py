"""URL map: the admin, the delegates' pages, the API and the health check."""

from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

admin.site.site_header = _("Meeting follow-up tracker")
admin.site.site_title = _("Follow-up tracker")
admin.site.index_title = _("Administration")


@require_GET
def health(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health, name="health"),
    path("", include("actions.urls")),
]
