"""Forms for incidents, outages, the breach register, imports and webhooks (parse only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from ketenwacht.contracts.forms import ServiceErrorsMixin, decimal_formfield
from ketenwacht.contracts.models import Contract, Priority
from ketenwacht.performance.models import Breach, Incident, Outage
from ketenwacht.suppliers.models import Service

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
PAUSE_ROWS = 3


def datetime_field(label: str, required: bool = False, help_text: str = "") -> forms.DateTimeField:
    """A local date and time in the organisation's zone (the middleware activates it)."""
    return forms.DateTimeField(label=label, required=required, input_formats=DATETIME_FORMATS, help_text=help_text,
                               widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))


def _service_field(contract: Contract) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=_("Service"), required=False, queryset=contract.services.all(),
                                  empty_label=_("(the contract as a whole)"))


class IncidentForm(ServiceErrorsMixin, forms.Form):
    field_aliases = {f"pauses.{i}.{k}": f"pause_{i + 1}_{k}" for i in range(PAUSE_ROWS)
                     for k in ("started_at", "ended_at")}

    def __init__(self, *args: Any, contract: Contract, instance: Incident | None = None,
                 priority_names: dict[str, str] | None = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            initial = model_to_dict(instance, fields=["service", "external_reference", "priority", "reported_at",
                                                      "first_response_at", "resolved_at", "description",
                                                      "security_related"])
            for i, pause in enumerate(instance.pauses.all()[:PAUSE_ROWS], start=1):
                initial.update({f"pause_{i}_started_at": pause.started_at, f"pause_{i}_ended_at": pause.ended_at,
                                f"pause_{i}_reason": pause.reason})
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        names = priority_names or {}
        self.fields["service"] = _service_field(contract)
        self.fields.update(fields_for_model(Incident, fields=["external_reference", "description", "security_related"],
                                            widgets={"description": forms.Textarea(attrs={"rows": 3})}))
        self.fields["priority"] = forms.ChoiceField(
            label=_("Priority"), choices=[(p, f"{p} {names.get(p, '')}".strip()) for p in Priority.values])
        self.fields["reported_at"] = datetime_field(_("Reported"), required=True)
        self.fields["first_response_at"] = datetime_field(_("First response"))
        self.fields["resolved_at"] = datetime_field(_("Resolved"))
        for i in range(1, PAUSE_ROWS + 1):
            self.fields[f"pause_{i}_started_at"] = datetime_field(_("Waiting from"))
            self.fields[f"pause_{i}_ended_at"] = datetime_field(_("Waiting until"))
            self.fields[f"pause_{i}_reason"] = forms.CharField(label=_("Waiting for"), required=False, max_length=200)
        self.order_fields(["external_reference", "priority", "service", "reported_at", "first_response_at",
                           "resolved_at", "security_related", "description"])

    def main_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("external_reference", "priority", "service", "reported_at", "first_response_at",
                                  "resolved_at", "security_related", "description")]

    def pause_rows(self) -> list[list[forms.BoundField]]:
        return [[self[f"pause_{i}_{k}"] for k in ("started_at", "ended_at", "reason")]
                for i in range(1, PAUSE_ROWS + 1)]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        out = {k: data.get(k) for k in ("service", "external_reference", "priority", "reported_at",
                                        "first_response_at", "resolved_at", "description", "security_related")}
        out["pauses"] = [
            {"started_at": data.get(f"pause_{i}_started_at"), "ended_at": data.get(f"pause_{i}_ended_at"),
             "reason": data.get(f"pause_{i}_reason") or ""}
            for i in range(1, PAUSE_ROWS + 1)
            if data.get(f"pause_{i}_started_at") or data.get(f"pause_{i}_ended_at") or data.get(f"pause_{i}_reason")
        ]
        return out


class OutageForm(ServiceErrorsMixin, forms.Form):
    def __init__(self, *args: Any, contract: Contract, instance: Outage | None = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = model_to_dict(instance, fields=["service", "external_reference", "started_at",
                                                                "ended_at", "planned", "partial_weight", "description"])
        super().__init__(*args, **kwargs)
        self.fields["service"] = _service_field(contract)
        self.fields.update(fields_for_model(Outage, fields=["external_reference", "planned", "partial_weight",
                                                            "description"], formfield_callback=decimal_formfield,
                                            widgets={"description": forms.Textarea(attrs={"rows": 3})}))
        self.fields["started_at"] = datetime_field(_("Start"), required=True)
        self.fields["ended_at"] = datetime_field(_("End"), help_text=_("Empty while it is still going on."))
        self.order_fields(["service", "started_at", "ended_at", "planned", "partial_weight", "description",
                           "external_reference"])

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class BreachStatusForm(ServiceErrorsMixin, forms.Form):
    status = forms.ChoiceField(label=_("Follow-up"), choices=Breach.Status.choices)
    status_reason = forms.CharField(label=_("Reason or note"), required=False, max_length=500,
                                    help_text=_("Required when the breach is waived."))


class WebhookForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("e.g. Uptime Kuma – website"))

    def __init__(self, *args: Any, contract: Contract, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"] = forms.ModelChoiceField(
            label=_("Service"), required=False, queryset=Service.objects.filter(pk__in=contract.services.all()),
            empty_label=_("(the contract as a whole)"))


class ImportForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=[("incidents", _("Incidents")),
                                                                      ("outages", _("Outages and maintenance"))])
    layout = forms.ChoiceField(label=_("Column layout"))
    file = forms.FileField(label=_("File"), help_text=_("CSV or XLSX as exported from the ticket system."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}))
    save_as = forms.CharField(label=_("Save the columns found as a mapping named"), required=False, max_length=100)

    def __init__(self, *args: Any, layouts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["layout"].choices = layouts


class StatuspageForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(label=_("Statuspage incidents (JSON)"),
                           help_text=_("The incidents.json of an Atlassian Statuspage (…/api/v2/incidents.json)."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}))
    component = forms.CharField(label=_("Only incidents affecting the component"), required=False, max_length=200)
