from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bedoeling.accounts"
    label = "accounts"
    verbose_name = "Accounts"
