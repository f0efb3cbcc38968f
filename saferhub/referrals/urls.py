from django.urls import path

from saferhub.referrals.views import pages

app_name = "referrals"
urlpatterns = [
    path("", pages.referral_list, name="list"),
    path("refer/person/<int:person_pk>", pages.referral_make, name="make-person"),
    path("refer/place/<int:location_pk>", pages.referral_make, name="make-place"),
    path("refer/incident/<int:incident_pk>", pages.referral_make, name="make-incident"),
    path("<int:referral_pk>/", pages.referral_detail, name="referral"),
    path("<int:referral_pk>/triage", pages.referral_triage, name="triage"),
    path("<int:referral_pk>/withdraw", pages.referral_withdraw, name="withdraw"),
]
