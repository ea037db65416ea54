from django.urls import include, path

from bedoeling.privacy import views

app_name = "privacy"

org_patterns = [
    path("", views.organisation, name="organisation"),
    path("download/", views.organisation_download, name="organisation_download"),
    path("verwijderen/", views.organisation_delete, name="organisation_delete"),
    path("verwijderen/annuleren/", views.organisation_delete_cancel,
         name="organisation_delete_cancel"),
]

urlpatterns = [
    path("mijn-gegevens/", views.mine, name="mine"),
    path("mijn-gegevens/download/", views.mine_download, name="mine_download"),
    path("mijn-gegevens/account-verwijderen/", views.account_delete, name="account_delete"),
    path("o/<slug:org>/gegevens/", include(org_patterns)),
]
