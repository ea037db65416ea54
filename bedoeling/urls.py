from django.urls import include, path

from bedoeling.accounts.views import set_language
from bedoeling.intake import views as intake_views
from bedoeling.orgs import views as org_views

urlpatterns = [
    path("", intake_views.home, name="root"),
    path("taal/", set_language, name="set_language"),
    path("healthz", org_views.healthz, name="healthz"),
    path("", include("bedoeling.accounts.urls")),
    path("", include("bedoeling.orgs.urls")),
    path("", include("bedoeling.purpose.urls")),
    path("", include("bedoeling.live.urls")),
    path("", include("bedoeling.systemworld.urls")),
    path("", include("bedoeling.stories.urls")),
    path("", include("bedoeling.intake.urls")),
    path("", include("bedoeling.reports.urls")),
    path("", include("bedoeling.reflection.urls")),
    path("", include("bedoeling.cases.urls")),
    path("", include("bedoeling.privacy.urls")),
    path("", include("bedoeling.theatre.urls")),
]

handler404 = "bedoeling.orgs.errors.not_found"
handler403 = "bedoeling.orgs.errors.permission_denied"
handler500 = "bedoeling.orgs.errors.server_error"
