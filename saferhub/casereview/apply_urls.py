"""Applying for an ASB Case Review: the public question pages (no sign-in) under /case-review/apply/,
and the same questions for staff entering an application from a phone call or letter under
/case-review/applications/new/."""

from django.urls import URLPattern, path

from saferhub.casereview.views import apply

urlpatterns: list[URLPattern] = [
    path("apply/", apply.apply_start, name="apply-start"),
    path("apply/partnership/", apply.apply_partnership, name="apply-partnership"),
    path("apply/who/", apply.apply_who, name="apply-who"),
    path("apply/consent/", apply.apply_consent, name="apply-consent"),
    path("apply/victim/", apply.apply_victim, name="apply-victim"),
    path("apply/contact/", apply.apply_contact, name="apply-contact"),
    path("apply/where/", apply.apply_where, name="apply-where"),
    path("apply/problem/", apply.apply_problem, name="apply-problem"),
    path("apply/reports/", apply.apply_reports, name="apply-reports"),
    path("apply/reports/report/", apply.apply_report, name="apply-report"),
    path("apply/impact/", apply.apply_impact, name="apply-impact"),
    path("apply/check/", apply.apply_check, name="apply-check"),
    path("apply/done/", apply.apply_done, name="apply-done"),
    path("applications/new/", apply.staff_start, name="staff-apply-start"),
    path("applications/new/how/", apply.staff_how, name="staff-apply-how"),
    path("applications/new/received/", apply.staff_received, name="staff-apply-received"),
    path("applications/new/partnership/", apply.staff_partnership, name="staff-apply-partnership"),
    path("applications/new/who/", apply.staff_who, name="staff-apply-who"),
    path("applications/new/consent/", apply.staff_consent, name="staff-apply-consent"),
    path("applications/new/victim/", apply.staff_victim, name="staff-apply-victim"),
    path("applications/new/contact/", apply.staff_contact, name="staff-apply-contact"),
    path("applications/new/where/", apply.staff_where, name="staff-apply-where"),
    path("applications/new/problem/", apply.staff_problem, name="staff-apply-problem"),
    path("applications/new/reports/", apply.staff_reports, name="staff-apply-reports"),
    path("applications/new/reports/report/", apply.staff_report, name="staff-apply-report"),
    path("applications/new/impact/", apply.staff_impact, name="staff-apply-impact"),
    path("applications/new/check/", apply.staff_check, name="staff-apply-check"),
    path("applications/new/done/", apply.staff_done, name="staff-apply-done"),
]
