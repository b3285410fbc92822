from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliersConfig(AppConfig):
    name = "ketenwacht.suppliers"
    label = "suppliers"
    verbose_name = _("Suppliers")

    def ready(self) -> None:
        # Imported here: views import models, which exist only once the app registry is ready.
        from ketenwacht.suppliers.crisis_views import register_dashboard_panel
        from ketenwacht.suppliers.panels import register_dashboard_panel as register_register_panel

        register_dashboard_panel()
        register_register_panel()
