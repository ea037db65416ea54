from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "bedoeling.orgs"
    label = "orgs"
    verbose_name = "Organisaties"
