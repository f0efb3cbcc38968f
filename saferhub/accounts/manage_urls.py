"""The manage-users pages, mounted at /manage/users/."""

from django.urls import path

from saferhub.accounts import manage_views as views

app_name = "users"
urlpatterns = [
    path("", views.user_list, name="list"),
    path("add", views.user_add, name="add"),
    path("<int:user_pk>", views.user_detail, name="detail"),
    path("<int:user_pk>/edit", views.user_edit, name="edit"),
    path("<int:user_pk>/roles/add", views.role_add, name="role-add"),
    path("<int:user_pk>/roles/<int:grant_pk>/remove", views.role_remove, name="role-remove"),
    path("<int:user_pk>/disable", views.user_disable, name="disable"),
    path("<int:user_pk>/enable", views.user_enable, name="enable"),
    path("<int:user_pk>/second-factor/reset", views.second_factor_reset, name="second-factor-reset"),
    path("<int:user_pk>/password-link", views.password_link, name="password-link"),
    path("<int:user_pk>/tokens/add", views.token_add, name="token-add"),
    path("<int:user_pk>/tokens/<int:token_pk>/revoke", views.token_revoke, name="token-revoke"),
]
