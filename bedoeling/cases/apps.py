from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "bedoeling.cases"
    label = "cases"
    verbose_name = "Casuïstiek"

    def ready(self):
        from bedoeling.cases import blocks, formats  # noqa: F401  (registers them)
