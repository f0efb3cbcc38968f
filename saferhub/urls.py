"""Every URL of SaferHub. Apps own their URL modules; this file only mounts them."""

from django.urls import include, path

from saferhub import views
from saferhub.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("manage/", views.manage_index, name="manage-index"),
    path("accounts/", include("saferhub.accounts.urls")),
    path("register/", include("saferhub.register.urls")),
    path("incidents/", include("saferhub.incidents.urls")),
    path("referrals/", include("saferhub.referrals.urls")),
    path("case-review/", include("saferhub.casereview.urls")),
    path("crime/", include("saferhub.crimedata.urls")),
    path("partner-data/", include("saferhub.partnerdata.urls")),
    path("assessment/", include("saferhub.assessment.urls")),
    path("", include("saferhub.cases.urls")),
    path("manage/", include("saferhub.partnerships.urls")),
    path("manage/users/", include("saferhub.accounts.manage_urls")),
    path("manage/audit/", include("saferhub.audit.urls")),
    path("api/v1/", api.urls),
    path("accessibility", views.accessibility, name="accessibility"),
    path("privacy", views.privacy, name="privacy"),
    path("cookies", views.cookies, name="cookies"),
    path("healthz", views.healthz, name="healthz"),
]

handler400 = "saferhub.views.bad_request"
handler403 = "saferhub.views.permission_denied"
handler404 = "saferhub.views.page_not_found"
handler500 = "saferhub.views.server_error"
