from django.urls import path

from bedoeling.purpose import views

app_name = "purpose"

vision = "o/<slug:org>/bedoeling/visie/<int:vision>/"

urlpatterns = [
    path("o/<slug:org>/bedoeling/", views.history, name="history"),
    path("o/<slug:org>/bedoeling/bewerken/", views.edit, name="edit"),
    path("o/<slug:org>/bedoeling/herijking/", views.review_date, name="review_date"),
    path("o/<slug:org>/bedoeling/vergelijk/", views.compare, name="compare"),
    path("o/<slug:org>/bedoeling/v<int:number>/", views.version, name="version"),
    path("o/<slug:org>/bedoeling/visie/", views.vision_list, name="vision_list"),
    path("o/<slug:org>/bedoeling/visie/nieuw/", views.vision_new, name="vision_new"),
    path("o/<slug:org>/bedoeling/visie/vergelijk/", views.vision_compare,
         name="vision_compare"),
    path(vision, views.vision_detail, name="vision_detail"),
    path(vision + "kaart/<int:snapshot>/", views.vision_snapshot, name="vision_snapshot"),
    path(vision + "importeren/", views.vision_import, name="vision_import"),
]
