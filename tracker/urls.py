"""URL map: the admin, the delegates' pages, the API and the health check."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from tracker.views import health

admin.site.site_header = _("Meeting follow-up tracker")
admin.site.site_title = _("Follow-up tracker")
admin.site.index_title = _("Administration")
# The app list beside every page took a quarter of a 1366 px screen: the item list's owner
# and due columns fell off it. The home page and the breadcrumbs lead to every model.
admin.site.enable_nav_sidebar = False


# The API answers in JSON even for URLs it does not know; pages keep Django's HTML.
handler404 = "api.views.not_found"
handler500 = "api.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health, name="health"),
    path("api/v1/", include("api.urls")),
    path("", include("reminders.urls")),
    path("", include("reports.urls")),
    path("", include("followups.urls")),
    path("", include("web.urls")),
]
