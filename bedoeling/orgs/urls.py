from django.urls import include, path

from bedoeling.orgs import views

app_name = "orgs"

org_patterns = [
    path("", views.home, name="home"),
    path("mensen/", views.people, name="people"),
    path("mensen/uitnodigen/", views.invite, name="invite"),
    path("mensen/uitnodiging/<int:invitation>/intrekken/", views.invitation_revoke_view,
         name="invitation_revoke"),
    path("mensen/<int:member>/", views.member, name="member"),
    path("teams/toevoegen/", views.team_add, name="team_add"),
    path("logboek/", views.audit_log, name="audit_log"),
]

urlpatterns = [
    path("organisaties/", views.index, name="index"),
    path("o/<slug:org>/", include(org_patterns)),
]
