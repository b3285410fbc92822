from django.urls import path

from ketenwacht.core.views import audit, auth, members, pages, twofactor

app_name = "core"
urlpatterns = [
    path("", pages.DashboardView.as_view(), name="dashboard"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password/set/<uidb64>/<token>/", auth.PasswordSetView.as_view(), name="password_set"),
    path("otp/verify/", twofactor.OTPVerifyView.as_view(), name="otp_verify"),
    path("otp/setup/", twofactor.OTPSetupView.as_view(), name="otp_setup"),
    path("otp/recovery-codes/", twofactor.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("security/", twofactor.SecurityView.as_view(), name="security"),
    path("no-organisation/", pages.NoOrganisationView.as_view(), name="no_organisation"),
    path("switch-organisation/", pages.SwitchOrganisationView.as_view(), name="switch_organisation"),
    path("organisation/members/", members.MembersView.as_view(), name="members"),
    path("organisation/members/<int:pk>/role/", members.MemberRoleView.as_view(), name="member_role"),
    path("organisation/members/<int:pk>/remove/", members.MemberRemoveView.as_view(), name="member_remove"),
    path("organisation/settings/", members.OrganisationSettingsView.as_view(), name="settings"),
    path("organisation/audit/", audit.AuditView.as_view(), name="audit"),
    path("organisation/audit/export.csv", audit.AuditExportView.as_view(), name="audit_export"),
]
