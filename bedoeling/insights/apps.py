from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """The one place where the analysis meets Django: the charts' own words and numbers
    follow the language of the request. Nothing else in `bedoeling.insights` imports
    Django; the catalogue of those words lives in `insights/locale/`."""

    name = "bedoeling.insights"
    label = "insights"
    verbose_name = "Inzichten"

    def ready(self):
        from django.utils.translation import get_language, gettext

        from bedoeling.insights import words

        words.install(gettext, get_language)
