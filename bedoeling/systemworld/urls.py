from django.urls import include, path

from bedoeling.systemworld import views

app_name = "systemworld"

org_patterns = [
    path("", views.register, name="register"),
    path("regel/nieuw/", views.rule_new, name="rule_new"),
    path("regel/<int:rule>/", views.rule_detail, name="rule"),
    path("regel/<int:rule>/bewerken/", views.rule_edit, name="rule_edit"),
    path("regel/<int:rule>/volgen/", views.rule_follow, name="rule_follow"),
    path("melden/", views.signal_new, name="signal_new"),
    path("signalen/", views.signal_list, name="signals"),
    path("signaal/<int:signal>/", views.signal_detail, name="signal"),
    path("signaal/<int:signal>/reageren/", views.signal_respond, name="signal_respond"),
    path("signaal/<int:signal>/regel/", views.signal_link_rule, name="signal_link_rule"),
    path("signaal/<int:signal>/verwijderen/", views.signal_remove, name="signal_remove"),
    path("acties/", views.action_board, name="actions"),
    path("acties/nieuw/", views.action_new, name="action_new"),
    path("actie/<int:action>/", views.action_detail, name="action"),
    path("actie/<int:action>/bijwerken/", views.action_update, name="action_update"),
    path("actie/<int:action>/oordeel/", views.action_verdict, name="action_verdict"),
    path("hotspots/", views.hotspots, name="hotspots"),
    path("berichten/", views.notifications, name="notifications"),
    path("meldlink/", views.public_link, name="public_link"),
]

urlpatterns = [
    path("o/<slug:org>/systeemwereld/", include(org_patterns)),
    # Public: no account needed. The receipt code travels in a POST body, never a URL.
    path("meld/<slug:link>/", views.public_report, name="public_report"),
    path("mijn-melding/", views.receipt, name="receipt"),
]
