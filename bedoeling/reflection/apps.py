from django.apps import AppConfig


class ReflectionConfig(AppConfig):
    name = "bedoeling.reflection"
    label = "reflection"
    verbose_name = "Reflectie"
