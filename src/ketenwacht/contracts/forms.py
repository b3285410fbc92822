"""Forms for contracts and their documents. They parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from ketenwacht.contracts.models import Contract, ContractDocument
from ketenwacht.contracts.selectors import ORDERINGS
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers.models import Service, Supplier

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class DecimalInput(forms.TextInput):
    """A text box for decimal numbers: a number input would refuse the Dutch decimal comma."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})


class CommaDecimalField(forms.DecimalField):
    """A decimal number written with a comma (99,9) or a point (99.9); no thousands separators."""

    widget = DecimalInput

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}  # no min/max/step: those belong to number inputs


def decimal_formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Model fields as form fields, decimals as :class:`CommaDecimalField`."""
    if isinstance(field, models.DecimalField):
        return field.formfield(form_class=CommaDecimalField, **kwargs)
    return field.formfield(**kwargs)


class ServiceErrorsMixin:
    """Shows a service's ``ValidationError`` on the form: by field where the form has it, else on top."""

    field_aliases: dict[str, str] = {}

    def add_service_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)  # type: ignore[attr-defined]
            return
        for field, messages in exc.message_dict.items():
            name = self.field_aliases.get(field, field)
            target = name if name in self.fields else None  # type: ignore[attr-defined]
            if target is None and field != NON_FIELD_ERRORS:
                messages = [f"{field}: {m}" for m in messages]
            self.add_error(target, messages)  # type: ignore[attr-defined]


class ModelFieldsForm(ServiceErrorsMixin, forms.Form):
    """A plain form with the given model fields (labels, help, choices); never saves anything itself."""

    model: type[models.Model]
    field_names: list[str] = []
    widgets: dict[str, forms.Widget] = {}

    def __init__(self, *args: Any, instance: models.Model | None = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = model_to_dict(instance, fields=self.field_names)
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(self.model, fields=self.field_names, widgets=self.widgets,
                                            formfield_callback=decimal_formfield))
        self.order_fields(self.field_names)


CONTRACT_GROUPS = [
    (_("Contract"), ["supplier", "reference", "title", "services", "framework_contract", "internal_owner"]),
    (_("Term and notice"), ["start_date", "end_date", "notice_period_value", "notice_period_unit", "renewal",
                            "renewal_period_months"]),
    (_("Value"), ["value_per_month", "notes"]),
]


class ContractForm(ModelFieldsForm):
    model = Contract
    field_names = [name for _title, names in CONTRACT_GROUPS for name in names if name != "services"]
    widgets = {"start_date": DATE, "end_date": DATE, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, organisation: Organisation, instance: Contract | None = None, **kwargs: Any) -> None:
        super().__init__(*args, instance=instance, **kwargs)
        self.fields["supplier"] = forms.ModelChoiceField(
            label=_("Supplier"), queryset=Supplier.objects.filter(organisation=organisation).order_by("name"),
            initial=getattr(instance, "supplier_id", None),
        )
        self.fields["services"] = forms.ModelMultipleChoiceField(
            label=_("Covered services"), required=False,
            queryset=Service.objects.filter(organisation=organisation).select_related("supplier")
            .order_by("supplier__name", "name"),
            widget=forms.SelectMultiple(attrs={"size": 6}),
            help_text=_("Only services of the chosen supplier. Hold Ctrl (or Cmd) to choose several."),
            initial=[s.pk for s in instance.services.all()] if instance is not None else [],
        )
        self.fields["services"].label_from_instance = lambda s: f"{s.supplier.name} – {s.name}"
        self.order_fields([name for _title, names in CONTRACT_GROUPS for name in names])

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[n] for n in names]) for title, names in CONTRACT_GROUPS]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["services"] = list(data.pop("services") or [])
        return data


class DocumentForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=ContractDocument.Kind.choices)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, DOCX or XLSX."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx"}),
    )


class ContractFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    supplier = forms.TypedChoiceField(label=_("Supplier"), required=False, coerce=int, empty_value=None)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        suppliers = Supplier.objects.filter(organisation=organisation, contracts__isnull=False).distinct()
        self.fields["supplier"].choices = [("", _("All")), *((s.pk, s.name) for s in suppliers.order_by("name"))]

    def selector_kwargs(self) -> dict[str, Any]:
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        sort = data.get("sort") or "reference"
        if sort.lstrip("-") not in ORDERINGS:
            sort = "reference"
        return {"search": data.get("q") or None, "supplier": data.get("supplier"), "ordering": sort}
