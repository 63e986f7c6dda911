"""Sign-in steps, one's own account and API tokens, the security admin's account pages and the audit
admin's log pages."""

from django.urls import path

from .views import audit, profile, signin, tokens, users

app_name = "accounts"

urlpatterns = [
    path("login/", signin.LoginView.as_view(), name="login"),
    path("logout/", signin.LogoutView.as_view(), name="logout"),
    path("otp/verify/", signin.OtpVerifyView.as_view(), name="otp_verify"),
    path("otp/setup/", signin.OtpSetupView.as_view(), name="otp_setup"),
    path("password/", signin.PasswordChangeView.as_view(), name="password_change"),
    # 我的账号: one's own account and API tokens
    path("profile/", profile.ProfileView.as_view(), name="profile"),
    path("profile/tokens/new/", profile.TokenCreateView.as_view(), name="token_create"),
    path("profile/tokens/revoke/", profile.TokenRevokeView.as_view(), name="token_revoke"),
    # 安全管理员: accounts and role grants
    path("users/", users.UserListView.as_view(), name="user_list"),
    path("users/new/", users.UserCreateView.as_view(), name="user_create"),
    path("users/<int:pk>/", users.UserDetailView.as_view(), name="user_detail"),
    path("users/<int:pk>/edit/", users.UserEditView.as_view(), name="user_edit"),
    path(
        "users/<int:pk>/deactivate/",
        users.UserActiveView.as_view(activate=False),
        name="user_deactivate",
    ),
    path(
        "users/<int:pk>/reactivate/",
        users.UserActiveView.as_view(activate=True),
        name="user_reactivate",
    ),
    path("users/<int:pk>/password-reset/", users.PasswordResetView.as_view(), name="password_reset"),
    path("users/<int:pk>/roles/", users.MembershipGrantView.as_view(), name="membership_grant"),
    path("roles/<int:pk>/revoke/", users.MembershipRevokeView.as_view(), name="membership_revoke"),
    path("tokens/", tokens.TokenListView.as_view(), name="token_list"),
    path("tokens/<int:pk>/revoke/", tokens.TokenAdminRevokeView.as_view(), name="token_admin_revoke"),
    # 审计管理员: audit events and the change log
    path("audit/", audit.AuditLogView.as_view(), name="audit_log"),
    path("changes/", audit.ChangeLogView.as_view(), name="change_log"),
]
