from django.contrib.auth import views as auth_views
from django.urls import path

from ketenwacht.core.views import pages

app_name = "core"
urlpatterns = [
    path("", pages.DashboardView.as_view(), name="dashboard"),
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("no-organisation/", pages.NoOrganisationView.as_view(), name="no_organisation"),
    path("switch-organisation/", pages.NoOrganisationView.as_view(), name="switch_organisation"),
    path("otp/verify/", pages.NoOrganisationView.as_view(), name="otp_verify"),
]
