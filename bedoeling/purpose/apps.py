from django.apps import AppConfig


class PurposeConfig(AppConfig):
    name = "bedoeling.purpose"
    label = "purpose"
    verbose_name = "De Bedoeling"

    def ready(self):
        from bedoeling.purpose import blocks, formats  # noqa: F401  (registers them)
