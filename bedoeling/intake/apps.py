from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "bedoeling.intake"
    label = "intake"
    verbose_name = "Kennismaking"
