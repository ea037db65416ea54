from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "bedoeling.stories"
    label = "stories"
    verbose_name = "Verhalen"
