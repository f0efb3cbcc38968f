from django.urls import path

from saferhub.incidents.views import alerts, pages, record

app_name = "incidents"
urlpatterns = [
    path("", pages.incident_list, name="list"),
    path("<int:incident_pk>/", pages.incident_detail, name="incident"),
    path("record/", record.record_start, name="record-start"),
    path("record/when", record.record_when, name="record-when"),
    path("record/what", record.record_what, name="record-what"),
    path("record/type", record.record_type, name="record-type"),
    path("record/where", record.record_where, name="record-where"),
    path("record/where/new", record.record_where_new, name="record-where-new"),
    path("record/who", record.record_who, name="record-who"),
    path("record/who/find", record.record_who_find, name="record-who-find"),
    path("record/who/new", record.record_who_new, name="record-who-new"),
    path("record/screening", record.record_screening, name="record-screening"),
    path("record/check", record.record_check, name="record-check"),
    path("record/done/<int:incident_pk>", record.record_done, name="record-done"),
    path("alerts/", alerts.alert_list, name="alerts"),
    path("alerts/<int:alert_pk>/resolve", alerts.alert_resolve, name="alert-resolve"),
]
