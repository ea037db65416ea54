from django.apps import AppConfig


class SystemworldConfig(AppConfig):
    name = "bedoeling.systemworld"
    label = "systemworld"
    verbose_name = "Systeemwereld"

    def ready(self):
        from bedoeling.systemworld import session_format  # noqa: F401  (registers it)
