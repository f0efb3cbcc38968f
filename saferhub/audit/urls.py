from django.urls import path

from saferhub.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log, name="log"),
    path("export.csv", views.export, name="export"),
    path("<int:event_pk>", views.event, name="event"),
]
