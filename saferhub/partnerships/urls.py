"""The administration pages of areas, partnerships, organisations and sharing agreements, under /manage/."""

from django.urls import path

from saferhub.partnerships.views import agreements, areas, organisations, partnerships

app_name = "partnerships"
urlpatterns = [
    path("areas/", areas.area_list, name="areas"),
    path("areas/add/", areas.area_add, name="area-add"),
    path("areas/<slug:area_slug>/", areas.area_detail, name="area"),
    path("areas/<slug:area_slug>/edit/", areas.area_edit, name="area-edit"),
    path(
        "areas/<slug:area_slug>/local-authorities/add/",
        areas.local_authority_add,
        name="local-authority-add",
    ),
    path(
        "areas/<slug:area_slug>/local-authorities/<int:authority_pk>/edit/",
        areas.local_authority_edit,
        name="local-authority-edit",
    ),
    path("partnerships/", partnerships.partnership_list, name="partnerships"),
    path("partnerships/add/", partnerships.partnership_add, name="partnership-add"),
    path("partnerships/<slug:partnership_slug>/", partnerships.partnership_detail, name="partnership"),
    path("partnerships/<slug:partnership_slug>/edit/", partnerships.partnership_edit, name="partnership-edit"),
    path(
        "partnerships/<slug:partnership_slug>/members/add/",
        partnerships.membership_add,
        name="membership-add",
    ),
    path(
        "partnerships/<slug:partnership_slug>/members/<int:membership_pk>/end/",
        partnerships.membership_end,
        name="membership-end",
    ),
    path("organisations/", organisations.organisation_list, name="organisations"),
    path("organisations/add/", organisations.organisation_add, name="organisation-add"),
    path("organisations/<int:organisation_pk>/", organisations.organisation_detail, name="organisation"),
    path(
        "organisations/<int:organisation_pk>/edit/",
        organisations.organisation_edit,
        name="organisation-edit",
    ),
    path("agreements/", agreements.agreement_list, name="agreements"),
    path("agreements/add/", agreements.agreement_add, name="agreement-add"),
    path("agreements/<int:agreement_pk>/", agreements.agreement_detail, name="agreement"),
    path("agreements/<int:agreement_pk>/edit/", agreements.agreement_edit, name="agreement-edit"),
    path("agreements/<int:agreement_pk>/archive/", agreements.agreement_archive, name="agreement-archive"),
]
