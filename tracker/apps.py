"""The project as an app: at start-up, give the pure date package Django's translations."""

from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Tracker"

    def ready(self) -> None:
        from django.utils.translation import gettext

        from followup_dates import i18n

        i18n.install(gettext)
