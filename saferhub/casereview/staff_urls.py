"""Staff pages of the ASB Case Review: the dashboard, one application, its actions and its letters."""

from django.urls import URLPattern, path

from saferhub.casereview.views import staff, staff_actions

_one = "applications/<int:application_pk>/"

urlpatterns: list[URLPattern] = [
    path("", staff.dashboard, name="dashboard"),
    path(_one, staff.application_detail, name="application"),
    path(_one + "acknowledge", staff_actions.application_acknowledge, name="acknowledge"),
    path(_one + "single-point-of-contact", staff_actions.application_assign, name="assign"),
    path(_one + "officers", staff_actions.application_officers, name="officers"),
    path(_one + "victim", staff_actions.application_match_victim, name="match-victim"),
    path(_one + "decision", staff_actions.application_decide, name="decide"),
    path(_one + "review", staff_actions.review_record, name="review"),
    path(_one + "recommendations/new", staff_actions.recommendation_add, name="recommendation-add"),
    path(
        _one + "recommendations/<int:recommendation_pk>/done",
        staff_actions.recommendation_complete,
        name="recommendation-complete",
    ),
    path(_one + "outcome", staff_actions.outcome_send, name="outcome"),
    path(_one + "reconsideration", staff_actions.reconsideration_record, name="reconsideration"),
    path(_one + "letters/<int:letter_pk>.pdf", staff.letter_pdf, name="letter-pdf"),
]
