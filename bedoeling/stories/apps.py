from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "bedoeling.stories"
    label = "stories"
    verbose_name = "Verhalen"

    def ready(self):
        from bedoeling.stories import blocks, formats  # noqa: F401  (registers them)
