from django.urls import path

from bedoeling.reflection import views

app_name = "reflection"

base = "o/<slug:org>/reflectie/"
entry = base + "<int:entry>/"

urlpatterns = [
    path(base, views.log, name="log"),
    path(base + "nieuw/", views.new, name="new"),
    path(base + "patroon/", views.pattern, name="pattern"),
    path(base + "ritme/", views.settings_view, name="settings"),
    path(base + "mijn-reflecties.json", views.export, name="export"),
    path(base + "alles-verwijderen/", views.delete_all, name="delete_all"),
    path(entry, views.entry, name="entry"),
    path(entry + "bewerken/", views.edit, name="edit"),
    path(entry + "verwijderen/", views.delete, name="delete"),
    path(entry + "melding/", views.to_signal, name="to_signal"),
    path(entry + "verhaal/", views.to_story, name="to_story"),
    path(base + "rondes/", views.rounds, name="rounds"),
    path(base + "rondes/nieuw/", views.round_new, name="round_new"),
    path(base + "rondes/<int:round>/", views.round_answer, name="round"),
    path(base + "rondes/<int:round>/uitslag/", views.round_results, name="round_results"),
    path("reflectie/herinnering/<str:token>/", views.mail_settings, name="mail_settings"),
]
