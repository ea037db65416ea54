from django.apps import AppConfig


class PurposeConfig(AppConfig):
    name = "bedoeling.purpose"
    label = "purpose"
    verbose_name = "De Bedoeling"
