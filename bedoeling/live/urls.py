from django.urls import path

from bedoeling.live import schedule_views, views

app_name = "live"

session = "o/<slug:org>/sessies/<int:session>/"

urlpatterns = [
    path("o/<slug:org>/sessies/", views.sessions, name="sessions"),
    path("o/<slug:org>/sessies/nieuw/", views.create, name="create"),
    path(session, views.control, name="control"),
    path(session + "scherm/", views.screen, name="screen"),
    path(session + "stroom/<str:view>/", views.staff_stream, name="staff_stream"),
    path(session + "actie/", views.control_action, name="control_action"),
    path(session + "fasen/", views.phase_add, name="phase_add"),
    path(session + "fasen/<int:phase>/", views.phase_edit, name="phase_edit"),
    path(session + "fasen/<int:phase>/actie/", views.phase_action, name="phase_action"),
    path(session + "oogst/", views.harvest, name="harvest"),
    path(session + "oogst.csv", views.harvest_download, {"fmt": "csv"}, name="harvest_csv"),
    path(session + "oogst.xlsx", views.harvest_download, {"fmt": "xlsx"}, name="harvest_xlsx"),
    path(session + "planning/", schedule_views.plan, name="plan"),
    path(session + "draad/", schedule_views.thread, name="thread"),
    path("doe-mee/<str:code>/uitnodiging/", schedule_views.invited, name="invited"),
    path("doe-mee/", views.join_code, name="join_code"),
    path("doe-mee/taal/", views.phone_language, name="phone_language"),
    path("doe-mee/<str:code>/", views.phone, name="phone"),
    path("doe-mee/<str:code>/stroom/", views.phone_stream, name="phone_stream"),
    path("doe-mee/<str:code>/mijn/", views.personal, name="personal"),
    path("doe-mee/<str:code>/fase/<int:phase>/", views.act, name="act"),
]
