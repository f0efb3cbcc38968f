from django.urls import path

from saferhub.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in", views.sign_in, name="sign-in"),
    path("sign-in/code", views.second_factor, name="second-factor"),
    path("sign-in/set-up-code", views.second_factor_setup, name="second-factor-setup"),
    path("sign-out", views.sign_out, name="sign-out"),
    path("signed-out", views.signed_out, name="signed-out"),
    path("password-reset", views.password_reset, name="password-reset"),
    path("password-reset/sent", views.password_reset_sent, name="password-reset-sent"),
    path("password-set/<str:uidb64>/<str:token>", views.password_set, name="password-set"),
    path("your-account", views.account, name="account"),
]
