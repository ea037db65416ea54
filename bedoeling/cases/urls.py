from django.urls import path

from bedoeling.cases import views

app_name = "cases"

base = "o/<slug:org>/casussen/"
case = base + "<int:case>/"

urlpatterns = [
    path(base, views.case_list, name="list"),
    path(base + "nieuw/", views.case_new, name="new"),
    path(base + "methoden/", views.method_list, name="methods"),
    path(base + "methoden/<int:method>/bewerken/", views.method_edit, name="method_edit"),
    path(base + "methoden/<int:method>/verwijderen/", views.method_delete,
         name="method_delete"),
    path(case, views.case_detail, name="detail"),
    path(case + "bewerken/", views.case_edit, name="edit"),
    path(case + "verwijderen/", views.case_delete, name="delete"),
    path(case + "delen/", views.case_share, name="share"),
    path(case + "groep/", views.case_invite, name="invite"),
    path(case + "bespreken/", views.case_discuss, name="discuss"),
    path(case + "leerpunt/", views.learning_add, name="learning_add"),
]
