"""Sign-in steps: login (through django-axes), logout, lockout page, TOTP set-up and verification,
password change."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from scipark.core.views import ServiceFormMixin

from .. import otp, services
from ..forms import LoginForm, OtpCodeForm, PasswordChangeForm
from ..middleware import needs_second_factor
from .language import language_cookie_set


def _safe_next(request: HttpRequest, default: str | None = None) -> str:
    """The ``next`` parameter when it points inside this site, else the home page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse(settings.LOGIN_REDIRECT_URL)


def _cooloff_minutes() -> int:
    cooloff = settings.AXES_COOLOFF_TIME
    if isinstance(cooloff, dt.timedelta):
        return int(cooloff.total_seconds() // 60)
    return int(float(cooloff or 0) * 60)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """What django-axes answers while a username or address is locked (``AXES_LOCKOUT_CALLABLE``)."""
    minutes = _cooloff_minutes()
    message = _("登录失败次数过多,账号已锁定%(minutes)d分钟,请稍后再试。") % {"minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "locked_out", "cooloff_minutes": minutes}, status=429)
    return render(
        request,
        "accounts/lockout.html",
        {"message": message, "minutes": minutes, "title": _("账号已锁定")},
        status=429,
    )


@method_decorator([sensitive_post_parameters("password"), csrf_protect, never_cache], name="dispatch")
class LoginView(View):
    """Username and password; staff and administrators then pass the second factor."""

    public: ClassVar[bool] = True
    template_name = "accounts/login.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not needs_second_factor(request):
            return redirect(_safe_next(request))
        return self._render(request, LoginForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = LoginForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is None:
            # A locked account gets the lockout page from axes' middleware instead of this one.
            form.add_error(None, _("用户名或密码错误。"))
            return self._render(request, form, status=200)
        login(request, user)
        next_url = _safe_next(request)
        if needs_second_factor(request):
            step = "accounts:otp_verify" if otp.device_confirmed(user) else "accounts:otp_setup"
            response = redirect(reverse(step) + "?" + urlencode({"next": next_url}))
        else:
            response = redirect(next_url)
        # The language the user chose (on any device) opens this one too; without one, the cookie stays.
        if user.language:
            language_cookie_set(response, user.language)
        return response

    def _render(self, request: HttpRequest, form: LoginForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "title": _("登录"),
            "mfa_required": settings.SCIPARK_REQUIRE_MFA,
            "next": request.POST.get("next") or request.GET.get("next", ""),
        }
        return render(request, self.template_name, context, status=status)


class LogoutView(View):
    """Sign out (POST only): the session is deleted from the store, not merely forgotten by the browser."""

    public: ClassVar[bool] = False
    domain: ClassVar[None] = None
    http_method_names = ["post"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect(settings.LOGIN_URL)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest) -> HttpResponse:
        logout(request)
        return redirect(settings.LOGOUT_REDIRECT_URL)


class SignedInView(LoginRequiredMixin, View):
    """A step any signed-in user takes on their own account (no domain: it touches nobody else's data)."""

    public: ClassVar[bool] = False
    domain: ClassVar[None] = None


class OtpCodeView(SignedInView):
    """A step that asks for one code from the authenticator app; subclasses say what a right code does."""

    template_name: ClassVar[str]
    title: ClassVar[Any]
    wrong_code: ClassVar[Any]

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_form(request, OtpCodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = OtpCodeForm(request.POST)
        if form.is_valid():
            if self.accept(request, form.cleaned_data["code"]):
                return redirect(_safe_next(request))
            form.add_error("code", self.wrong_code)
        return self.render_form(request, form)

    def accept(self, request: HttpRequest, code: str) -> bool:
        """Check the code (and act on it); whether it was right."""
        raise NotImplementedError

    def get_context_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"title": self.title, "next": _safe_next(request)}

    def render_form(self, request: HttpRequest, form: OtpCodeForm) -> HttpResponse:
        return render(request, self.template_name, {"form": form, **self.get_context_data(request)})


@method_decorator([sensitive_post_parameters("code"), never_cache], name="dispatch")
class OtpVerifyView(OtpCodeView):
    """Enter the current TOTP code; a code already used (same or earlier time step) is refused."""

    template_name = "accounts/otp_verify.html"
    title = gettext_lazy("动态口令验证")
    wrong_code = gettext_lazy("动态口令错误或已使用,请等待下一个口令后重试。")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and otp.device_confirmed(request.user) is None:
            return redirect(reverse("accounts:otp_setup") + "?" + urlencode({"next": _safe_next(request)}))
        return super().dispatch(request, *args, **kwargs)

    def accept(self, request: HttpRequest, code: str) -> bool:
        return otp.otp_verify(request=request, user=request.user, code=code)  # type: ignore[arg-type]


@method_decorator([sensitive_post_parameters("code"), never_cache], name="dispatch")
class OtpSetupView(OtpCodeView):
    """Enrol an authenticator app: QR code and secret, confirmed by a first code.

    Replacing an existing device needs a session that already passed the second factor; otherwise a
    stolen password would be enough to enrol the thief's phone.
    """

    template_name = "accounts/otp_setup.html"
    title = gettext_lazy("设置动态口令")
    wrong_code = gettext_lazy("动态口令错误,请核对手机时间后重试。")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and otp.device_confirmed(user) is not None and not user.is_verified():  # type: ignore[attr-defined]
            return redirect(reverse("accounts:otp_verify") + "?" + urlencode({"next": _safe_next(request)}))
        return super().dispatch(request, *args, **kwargs)

    def accept(self, request: HttpRequest, code: str) -> bool:
        if not otp.otp_confirm(request=request, user=request.user, code=code):  # type: ignore[arg-type]
            return False
        messages.success(request, _("动态口令已启用。"))
        return True

    def get_context_data(self, request: HttpRequest) -> dict[str, Any]:
        device = otp.device_pending(request.user)  # type: ignore[arg-type]
        qr = {"qr": otp.qr_data_uri(device), "secret": otp.secret_base32(device)}
        return {**super().get_context_data(request), **qr}

    def render_form(self, request: HttpRequest, form: OtpCodeForm) -> HttpResponse:
        response = super().render_form(request, form)
        response["Cache-Control"] = "no-store"  # the secret is on the page
        return response


@method_decorator(
    [sensitive_post_parameters("old_password", "new_password1", "new_password2"), never_cache],
    name="dispatch",
)
class PasswordChangeView(ServiceFormMixin, SignedInView):
    """Every user changes their own password; their other sessions end."""

    template_name = "accounts/password_change.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_form(request, PasswordChangeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        return self.submit(request, PasswordChangeForm(request.POST))

    def save(self, request: HttpRequest, form: Any) -> str:
        services.password_change(
            user=request.user,  # type: ignore[arg-type]
            old_password=form.cleaned_data["old_password"],
            new_password=form.cleaned_data["new_password1"],
            request=request,
        )
        return _("密码已修改,其他设备上的登录已全部退出。")

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.success(request, message)
        return redirect("core:home")

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {"form": form, "title": _("修改密码")}, status=status)
