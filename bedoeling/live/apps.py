from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "bedoeling.live"
    label = "live"
    verbose_name = "Werksessies"
