from django.urls import path

from bedoeling.intake import views

app_name = "intake"

inbox = "sparsessies/<int:sparring>/"

urlpatterns = [
    path("sparsessie/", views.sparring, name="sparring"),
    path("sparsessie/verstuurd/", views.sent, name="sent"),
    path("privacy/", views.privacy, name="privacy"),
    path("sparsessies/", views.inbox, name="inbox"),
    path(inbox, views.request_detail, name="request"),
    path(inbox + "antwoorden/", views.answer, name="answer"),
    path(inbox + "plannen/", views.plan, name="plan"),
    path(inbox + "uitnodiging.ics", views.invitation_ics, name="ics"),
    path(inbox + "organisatie/", views.convert, name="convert"),
]
