from django.urls import path

from bedoeling.stories import views

app_name = "stories"

urlpatterns = [
    path("o/<slug:org>/verhalen/", views.library, name="library"),
    path("o/<slug:org>/verhalen/alle/", views.story_list, name="story_list"),
    path("o/<slug:org>/verhalen/mijn/", views.my_stories, name="my_stories"),
    path("o/<slug:org>/verhalen/vertellen/", views.tell_start, name="tell_start"),
    path("o/<slug:org>/verhalen/vertellen/<int:form>/", views.tell, name="tell"),
    path("o/<slug:org>/verhalen/verteld/", views.told, name="told"),
    path("o/<slug:org>/verhalen/<int:story>/", views.story, name="story"),
    path("o/<slug:org>/verhalen/<int:story>/verhalenbank/", views.curate, name="curate"),
    path("o/<slug:org>/verhalen/<int:story>/uit-verhalenbank/", views.uncurate,
         name="uncurate"),
    path("o/<slug:org>/verhalen/<int:story>/toestemming/", views.consent, name="consent"),
    path("o/<slug:org>/verhalen/<int:story>/verwijderen/", views.delete, name="delete"),
    path("o/<slug:org>/verhalen/patronen/", views.pattern_overview, name="patterns"),
    path("o/<slug:org>/verhalen/patronen/themas/", views.pattern_themes, name="themes"),
    path("o/<slug:org>/verhalen/patronen/vergelijken/", views.pattern_compare,
         name="compare"),
    path("o/<slug:org>/verhalen/export.csv", views.export_csv, name="export_csv"),
    path("o/<slug:org>/verhalen/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("o/<slug:org>/verhalen/formulieren/", views.form_list, name="forms"),
    path("o/<slug:org>/verhalen/formulieren/nieuw/", views.form_create, name="form_create"),
    path("o/<slug:org>/verhalen/formulieren/<int:form>/", views.form_edit, name="form_edit"),
    path("o/<slug:org>/verhalen/formulieren/<int:form>/vertelvragen/",
         views.form_prompt_add, name="prompt_add"),
    path("o/<slug:org>/verhalen/formulieren/<int:form>/vertelvragen/<int:prompt>/weg/",
         views.form_prompt_remove, name="prompt_remove"),
    path("o/<slug:org>/verhalen/formulieren/<int:form>/vragen/", views.form_signifier_add,
         name="signifier_add"),
    path("o/<slug:org>/verhalen/formulieren/<int:form>/vragen/<int:signifier>/weg/",
         views.form_signifier_remove, name="signifier_remove"),
    # Public: no account. The key is unguessable; a closed or private form is a 404.
    path("vertel/<str:key>/", views.public_tell, name="public_tell"),
    path("vertel/<str:key>/bedankt/", views.public_told, name="public_told"),
]
