from django.urls import path

from bedoeling.reports import views

app_name = "reports"

urlpatterns = [
    path("o/<slug:org>/sessies/<int:session>/oogst.pdf", views.session_pdf,
         name="session_pdf"),
    path("o/<slug:org>/rapport/", views.period, name="period"),
    path("o/<slug:org>/rapport.pdf", views.period_pdf, name="period_pdf"),
    path("o/<slug:org>/rapporten/<int:report>/status/", views.status, name="status"),
]
