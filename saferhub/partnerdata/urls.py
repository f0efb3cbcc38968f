"""Partner data pages, under /partner-data/."""

from django.urls import path

from saferhub.partnerdata import views

app_name = "partnerdata"

_one = "<int:dataset_pk>/"
_upload = _one + "uploads/<int:upload_pk>/"

urlpatterns = [
    path("", views.dataset_list, name="datasets"),
    path("new", views.dataset_new, name="dataset-new"),
    path(_one, views.dataset_detail, name="dataset"),
    path(_one + "upload", views.upload_new, name="upload"),
    path(_upload + "columns", views.upload_mapping, name="mapping"),
    path(_upload + "rejected-rows.csv", views.upload_report, name="report"),
]
