from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "ketenwacht.contracts"
    label = "contracts"
    verbose_name = _("Contracts")

    def ready(self) -> None:
        # Imported here: the panel's and section's selectors import models, which exist only once
        # the app registry is ready.
        from ketenwacht.contracts.panels import register_dashboard_panel
        from ketenwacht.contracts.supplier_section import register_supplier_section

        register_dashboard_panel()
        register_supplier_section()
