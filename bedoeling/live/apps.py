from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "bedoeling.live"
    label = "live"
    verbose_name = "Werksessies"

    def ready(self):
        from bedoeling.live import blocks, formats  # noqa: F401  (registers them)
