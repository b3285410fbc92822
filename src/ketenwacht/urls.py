"""URL map: one include per app; the REST API under /api/v1 (no trailing slashes there)."""

from django.urls import include, path

from ketenwacht.core.views.health import health

urlpatterns = [
    path("health", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("ketenwacht.api.urls")),
    path("", include("ketenwacht.core.urls")),
    path("suppliers/", include("ketenwacht.suppliers.urls")),
    path("contracts/", include("ketenwacht.contracts.urls")),
    path("assessments/", include("ketenwacht.assessments.urls")),
    path("performance/", include("ketenwacht.performance.urls")),
]
