from django.urls import path

from bedoeling.theatre import views

app_name = "theatre"

base = "o/<slug:org>/regietheater/"
performance = base + "<int:performance>/"
scene = performance + "scenes/<int:scene>/"
showing = performance + "logboek/<int:showing>/"

urlpatterns = [
    path(base, views.performances, name="performances"),
    path(base + "nieuw/", views.performance_new, name="performance_new"),
    path(performance, views.performance, name="performance"),
    path(performance + "bewerken/", views.performance_edit, name="performance_edit"),
    path(performance + "scenes/nieuw/", views.scene_new, name="scene_new"),
    path(scene, views.scene_edit, name="scene"),
    path(scene + "verwijderen/", views.scene_delete, name="scene_delete"),
    path(performance + "spelen/", views.play, name="play"),
    path(showing, views.showing_log, name="log"),
    path(showing + "stop/<int:stop>/inzicht/", views.insight, name="insight"),
]
