"""figures pages of the ASB Case Review: the public figures and procedure of each partnership, and the
county comparison."""

from django.urls import URLPattern, path

from saferhub.casereview import views_figures

urlpatterns: list[URLPattern] = [
    path("figures/", views_figures.figures_index, name="figures-index"),
    path("figures/<slug:partnership_slug>/", views_figures.figures_page, name="figures"),
    path("county/<slug:area_slug>/", views_figures.county, name="county"),
]
