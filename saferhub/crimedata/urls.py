"""Pages for analysts: crime data imports and their reports, and the analysis."""

from django.urls import path

from saferhub.crimedata import views_analysis, views_imports

app_name = "crimedata"

urlpatterns = [
    path("imports/", views_imports.import_list, name="imports"),
    path("imports/new/", views_imports.import_new, name="import-new"),
    path("imports/<int:import_pk>/", views_imports.import_detail, name="import"),
    path("imports/<int:import_pk>/report.csv", views_imports.import_report, name="import-report"),
    path("imports/jobs/<int:job_pk>/", views_imports.job_detail, name="job"),
    path("analysis/", views_analysis.analysis_page, name="analysis"),
]
