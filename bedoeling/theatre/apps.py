from django.apps import AppConfig


class TheatreConfig(AppConfig):
    name = "bedoeling.theatre"
    label = "theatre"
    verbose_name = "Regietheater"

    def ready(self):
        # The regie block and the format register themselves on the live engine.
        from bedoeling.theatre import block, format  # noqa: F401
