from django.apps import AppConfig


class SystemworldConfig(AppConfig):
    name = "bedoeling.systemworld"
    label = "systemworld"
    verbose_name = "Systeemwereld"
