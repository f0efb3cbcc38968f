"""Every page of the ASB Case Review, under /case-review/: the public application and figures, and the staff pages."""

from django.urls import path

from saferhub.casereview import apply_urls, figures_urls, rules_views, staff_urls

app_name = "casereview"
urlpatterns = [
    *apply_urls.urlpatterns,
    *staff_urls.urlpatterns,
    *figures_urls.urlpatterns,
    path("rules/<slug:area_slug>/", rules_views.rules_edit, name="rules"),
]
