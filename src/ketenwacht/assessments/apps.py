from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "ketenwacht.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        # Imported here: the panel module imports models, which exist only once the registry is ready.
        from ketenwacht.assessments.dashboard import register_dashboard_panel
        from ketenwacht.assessments.gate import register_gate
        from ketenwacht.assessments.supplier_section import register_supplier_section

        register_dashboard_panel()
        register_gate()
        register_supplier_section()
