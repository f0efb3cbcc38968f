"""Cases under /cases/, and the panel administration pages under /manage/panels/."""

from django.urls import path

from saferhub.cases import views

app_name = "cases"
urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/<int:case_pk>/", views.case_detail, name="case"),
    path("manage/panels/", views.panel_list, name="panels"),
    path("manage/panels/add/", views.panel_add, name="panel-add"),
    path("manage/panels/<int:panel_pk>/edit/", views.panel_edit, name="panel-edit"),
]
