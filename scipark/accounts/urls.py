"""Sign-in steps, the security admin's account pages and the audit admin's log pages."""

from django.urls import path

from . import admin_views, audit_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("otp/verify/", views.OtpVerifyView.as_view(), name="otp_verify"),
    path("otp/setup/", views.OtpSetupView.as_view(), name="otp_setup"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    # 安全管理员: accounts and role grants
    path("users/", admin_views.UserListView.as_view(), name="user_list"),
    path("users/new/", admin_views.UserCreateView.as_view(), name="user_create"),
    path("users/<int:pk>/", admin_views.UserDetailView.as_view(), name="user_detail"),
    path("users/<int:pk>/edit/", admin_views.UserEditView.as_view(), name="user_edit"),
    path(
        "users/<int:pk>/deactivate/",
        admin_views.UserActiveView.as_view(activate=False),
        name="user_deactivate",
    ),
    path(
        "users/<int:pk>/reactivate/",
        admin_views.UserActiveView.as_view(activate=True),
        name="user_reactivate",
    ),
    path("users/<int:pk>/password-reset/", admin_views.PasswordResetView.as_view(), name="password_reset"),
    path("users/<int:pk>/roles/", admin_views.MembershipGrantView.as_view(), name="membership_grant"),
    path("roles/<int:pk>/revoke/", admin_views.MembershipRevokeView.as_view(), name="membership_revoke"),
    # 审计管理员: audit events and the change log
    path("audit/", audit_views.AuditLogView.as_view(), name="audit_log"),
    path("changes/", audit_views.ChangeLogView.as_view(), name="change_log"),
]
