from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "web"
    verbose_name = _("Task lists")

    def ready(self):
        from django.core import checks

        from tracker.staticfiles import static_collected_check

        # Its own tag, not "staticfiles": collectstatic (which runs only those) must still run.
        checks.register(static_collected_check, "tracker_static")
