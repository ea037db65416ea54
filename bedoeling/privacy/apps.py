from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PrivacyConfig(AppConfig):
    name = "bedoeling.privacy"
    label = "privacy"
    verbose_name = "Gegevens en privacy"

    def ready(self):
        # Each app says what personal data it holds in its own `personal_data.py`.
        autodiscover_modules("personal_data")
