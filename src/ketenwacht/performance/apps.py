from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "ketenwacht.performance"
    label = "performance"
    verbose_name = _("Performance")

    def ready(self) -> None:
        # Imported here: the panel's selectors import models, which exist only once the registry is ready.
        from ketenwacht.performance.panels import register_dashboard_panel

        register_dashboard_panel()
