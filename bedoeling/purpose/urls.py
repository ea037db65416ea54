from django.urls import path

from bedoeling.purpose import views

app_name = "purpose"

urlpatterns = [
    path("o/<slug:org>/bedoeling/", views.history, name="history"),
    path("o/<slug:org>/bedoeling/bewerken/", views.edit, name="edit"),
    path("o/<slug:org>/bedoeling/herijking/", views.review_date, name="review_date"),
    path("o/<slug:org>/bedoeling/vergelijk/", views.compare, name="compare"),
    path("o/<slug:org>/bedoeling/v<int:number>/", views.version, name="version"),
]
