"""Signing in (password, then the second factor), signing out, password reset and your account."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import (
    url_has_allowed_host_and_scheme,
    urlencode,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferhub.accounts import services
from saferhub.accounts.forms import (
    ChangePasswordForm,
    CodeForm,
    NewPasswordForm,
    PasswordResetRequestForm,
    SignInForm,
)
from saferhub.accounts.mfa import public, second_factor_pending, signed_in_user
from saferhub.accounts.models import User
from saferhub.audit import Verb
from saferhub.audit import record as audit_record
from saferhub.lib.forms import posted


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


def _step(url_name: str, request: HttpRequest) -> HttpResponseRedirect:
    return redirect(f"{reverse(url_name)}?{urlencode({'next': _next_url(request)})}")


def _after_password(request: HttpRequest, user: User) -> HttpResponseRedirect:
    if second_factor_pending(user):
        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        step = "accounts:second-factor" if has_device else "accounts:second-factor-setup"
        return _step(step, request)
    services.record_sign_in(user=user)
    return redirect(_next_url(request))


@public
@never_cache
@sensitive_post_parameters("password")
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and not second_factor_pending(request.user):
        return redirect(_next_url(request))
    form = SignInForm(posted(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["username"].lower()
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)
            return _after_password(request, user)
        services.record_sign_in_failed(email=email, user=User.objects.filter(email=email).first())
        form.add_error(None, _("Your email address or password is not right. Check them and try again."))
    return render(request, "accounts/sign_in.html", {"form": form, "next": _next_url(request)})


def _verify(request: HttpRequest, device: TOTPDevice, form: CodeForm) -> bool:
    if not form.is_valid():
        return False
    allowed, _details = device.verify_is_allowed()
    if allowed and device.verify_token(form.cleaned_data["code"]):
        return True
    audit_record(actor=request.user, verb=Verb.SECOND_FACTOR_FAILED, target=request.user)
    if allowed:
        form.add_error("code", _("The security code is not right: check your app and enter the code it shows now"))
    else:
        form.add_error("code", _("Too many wrong codes. Wait a few seconds, then enter the code your app shows now"))
    return False


@never_cache
def second_factor(request: HttpRequest) -> HttpResponse:
    """Second step of sign-in: the code from the user's authenticator app."""
    user = signed_in_user(request)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return _step("accounts:second-factor-setup", request)
    form = CodeForm(posted(request))
    if request.method == "POST" and _verify(request, device, form):
        otp_login(request, device)
        services.record_sign_in(user=user)
        return redirect(_next_url(request))
    return render(request, "accounts/second_factor.html", {"form": form, "next": _next_url(request)})


@never_cache
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """First sign-in of a user who must use a second factor: link an authenticator app."""
    user = signed_in_user(request)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return _step("accounts:second-factor", request)
    device = services.second_factor_start(user=user)
    form = CodeForm(posted(request))
    if request.method == "POST" and _verify(request, device, form):
        services.second_factor_confirm(device=device, by=user)
        otp_login(request, device)
        services.record_sign_in(user=user)
        messages.success(request, _("Your authenticator app is set up. You will need it each time you sign in."))
        return redirect(_next_url(request))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    qr = segno.make(device.config_url, micro=False).svg_inline(scale=4, title=_("QR code for your authenticator app"))
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr": qr,
            "next": _next_url(request),
        },
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.record_sign_out(user=request.user)
    logout(request)
    return redirect("accounts:signed-out")


@public
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


@public
@never_cache
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a link to set a new password. The answer is the same whether or not the address is known."""
    form = PasswordResetRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        user = User.objects.filter(email=email, is_active=True).first()
        if user is not None:
            send_password_link(request, user)
        return redirect("accounts:password-reset-sent")
    return render(request, "accounts/password_reset.html", {"form": form})


def send_password_link(request: HttpRequest, user: User, by: User | None = None) -> None:
    """E-mail a one-use link to set a password: a reset the user asked for (``by`` None), or an
    invitation or reset sent by an administrator (``by`` that administrator)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = request.build_absolute_uri(reverse("accounts:password-set", args=[uid, token]))
    body = render_to_string(
        "accounts/email/password_link.txt",
        {"user": user, "link": link, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
    )
    send_mail(_("Set your SaferHub password"), body, None, [user.email])
    audit_record(actor=by, verb=Verb.PASSWORD_RESET_REQUESTED, target=user)


@public
def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


@public
@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def password_set(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()), is_active=True)
    except (ValueError, TypeError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "accounts/password_link_invalid.html", status=400)
    form = NewPasswordForm(user, posted(request))
    if request.method == "POST" and form.is_valid():
        services.password_set(user=user, password=form.cleaned_data["new_password1"], by=user)
        messages.success(request, _("Your password has been set. Sign in with it now."))
        return redirect("accounts:sign-in")
    return render(request, "accounts/password_set.html", {"form": form})


def account(request: HttpRequest) -> HttpResponse:
    """Your own details, roles and password."""
    user = signed_in_user(request)
    form = ChangePasswordForm(user, posted(request))
    if request.method == "POST" and form.is_valid():
        services.password_set(user=user, password=form.cleaned_data["new_password1"], by=user)
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:account")
    grants = user.role_grants.select_related("partnership").order_by("partnership__name", "role")
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return render(request, "accounts/account.html", {"form": form, "grants": grants, "has_device": has_device})
