from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "bedoeling.reports"
    label = "reports"
    verbose_name = "Rapporten"
