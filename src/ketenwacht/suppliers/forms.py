"""Forms for the supplier pages. They only parse input; the services validate and write.

Plain forms built from the model fields (labels, help, choices) rather than ModelForms, so a
form never changes the object it edits: the service compares the stored state with the new one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.models import fields_for_model, model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketenwacht.suppliers.criteria import CRITICALITY_CRITERIA
from ketenwacht.suppliers.lifecycle import allowed_statuses, status_label
from ketenwacht.suppliers.models import Contact, Criticality, Service, Supplier, SupplierStatus
from ketenwacht.suppliers.selectors import ORDERINGS

IDENTITY_FIELDS = ["name", "enterprise_number", "vat_number", "website", "address", "postal_code", "city", "country"]
RELATION_FIELDS = ["status", "criticality", "incident_relevant", "internal_owner", "framework_contract", "notes"]
PERSONAL_DATA_FIELDS = [
    "processes_personal_data", "personal_data_categories", "dpa_status", "dpa_signed_on", "data_location",
    "data_countries",
]
SERVICE_FORM_FIELDS = ["name", "kind", "description", "purpose", "own_responsibility"]
CONTACT_FORM_FIELDS = ["name", "role", "email", "phone", "reachability", "hours", "languages"]

_TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")  # people type "www.example.be"
    return field.formfield(**kwargs)


class _ModelFieldsForm(forms.Form):
    """A form whose fields are the given model fields; ``initial`` comes from ``instance``."""

    model: type[Any]
    field_names: list[str] = []
    widgets: dict[str, forms.Widget] = {}

    def __init__(self, *args: Any, instance: Any = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = model_to_dict(instance, fields=self.get_field_names())
        super().__init__(*args, **kwargs)
        self.fields.update(
            fields_for_model(
                self.model, fields=self.get_field_names(), widgets=self.widgets, formfield_callback=_formfield
            )
        )
        self.order_fields(self.get_field_names())

    def get_field_names(self) -> list[str]:
        return list(self.field_names)

    def add_service_errors(self, exc: ValidationError) -> None:
        """Show a service's ValidationError on the form: by field where the form has it, else on top."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for field, messages in exc.message_dict.items():
            target = field if field in self.fields else None
            if target is None and field != NON_FIELD_ERRORS:
                messages = [f"{field}: {m}" for m in messages]
            self.add_error(target, messages)


class SupplierForm(_ModelFieldsForm):
    model = Supplier
    widgets = {
        "notes": forms.Textarea(attrs={"rows": 4}),
        "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
        "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code"}),
        "country": forms.TextInput(attrs={"size": 3, "maxlength": 2, "autocapitalize": "characters"}),
        "dpa_signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        "criticality": forms.Select(attrs={"aria-describedby": "criticality-criteria"}),
    }

    def __init__(self, *args: Any, with_status: bool = True, **kwargs: Any) -> None:
        self.with_status = with_status
        super().__init__(*args, **kwargs)
        self.fields["criticality"].choices = Criticality.choices  # no empty choice
        self.fields["criticality"].criteria = CRITICALITY_CRITERIA

    def get_field_names(self) -> list[str]:
        names = IDENTITY_FIELDS + RELATION_FIELDS + PERSONAL_DATA_FIELDS
        return names if self.with_status else [n for n in names if n != "status"]

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        groups = [
            (_("Identification"), IDENTITY_FIELDS),
            (_("Relationship"), RELATION_FIELDS),
            (_("Personal data"), PERSONAL_DATA_FIELDS),
        ]
        return [(title, [self[n] for n in names if n in self.fields]) for title, names in groups]


class ServiceForm(_ModelFieldsForm):
    model = Service
    field_names = SERVICE_FORM_FIELDS
    widgets = {"description": _TEXTAREA, "purpose": _TEXTAREA, "own_responsibility": _TEXTAREA}


class ContactForm(_ModelFieldsForm):
    model = Contact
    field_names = CONTACT_FORM_FIELDS
    widgets = {
        "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        "phone": forms.TextInput(attrs={"type": "tel"}),
    }


class StatusChangeForm(forms.Form):
    """Move a supplier along its lifecycle; only the steps the lifecycle allows are offered."""

    to_status = forms.ChoiceField(label=_("New status"))
    changed_on = forms.DateField(
        label=_("Date of the change"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for today."),
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500, widget=_TEXTAREA)

    def __init__(self, *args: Any, supplier: Supplier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s, status_label(s)) for s in allowed_statuses(supplier)]

    def changed_at(self) -> dt.datetime | None:
        """The moment to record: now for today (or no date), else noon local time of the chosen day."""
        day = self.cleaned_data.get("changed_on")
        if day is None or day == timezone.localdate():
            return None
        return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


YES_NO = [("", _("All")), ("yes", _("Yes")), ("no", _("No"))]


class SupplierFilterForm(forms.Form):
    """The list page's search and filters (GET); a bad value is ignored, never an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *SupplierStatus.choices])
    criticality = forms.ChoiceField(
        label=_("Criticality"), required=False, choices=[("", _("All")), *Criticality.choices]
    )
    service_kind = forms.ChoiceField(
        label=_("Supplies"), required=False, choices=[("", _("All")), *Service.Kind.choices]
    )
    personal_data = forms.ChoiceField(label=_("Personal data"), required=False, choices=YES_NO)
    incident_relevant = forms.ChoiceField(label=_("Serious-incident flag"), required=False, choices=YES_NO)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def selector_kwargs(self) -> dict[str, Any]:
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}

        def yes_no(value: str | None) -> bool | None:
            return {"yes": True, "no": False}.get(value or "")

        sort = data.get("sort") or "name"
        if sort.lstrip("-") not in ORDERINGS:
            sort = "name"
        return {
            "search": data.get("q") or None,
            "status": data.get("status") or None,
            "criticality": data.get("criticality") or None,
            "service_kind": data.get("service_kind") or None,
            "personal_data": yes_no(data.get("personal_data")),
            "incident_relevant": yes_no(data.get("incident_relevant")),
            "ordering": sort,
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (comma or semicolon separated) or Excel XLSX, in the layout of the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
