"""The SLA terms form: typed fields with units, calendars, priority targets, credit tiers, wording.

Rows (priorities, maintenance windows, credit tiers) are fixed sets of plain fields so every input
has its own label; the form turns them into the structures the service stores.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from ketenwacht.contracts.forms import DATE, CommaDecimalField, ServiceErrorsMixin, decimal_formfield
from ketenwacht.contracts.measurability import TERM_LABELS
from ketenwacht.contracts.models import DURATION_TERMS, Priority, SlaVersion, TargetUnit, TimeUnit
from ketenwacht.contracts.terms import WEEKDAYS

WEEKDAY_LABELS = dict(zip(WEEKDAYS, (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
                                     _("Saturday"), _("Sunday")), strict=True))
TIMEZONES = [("Europe/Brussels", "Europe/Brussels"), ("Europe/Amsterdam", "Europe/Amsterdam"), ("UTC", "UTC")]
MAINTENANCE_ROWS = 3
CREDIT_ROWS = 4
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

PLAIN_FIELDS = [
    "label", "valid_from", "valid_until", "timezone",
    "availability_target_percent", "availability_period", "downtime_definition", "partial_weight",
    "maintenance", "maintenance_max_minutes", "maintenance_max_period", "maintenance_notice_value",
    "maintenance_notice_unit", "security_notification_value", "security_notification_unit",
    "backup_frequency_value", "backup_frequency_unit", "backup_retention_value", "backup_retention_unit",
    "rpo_value", "rpo_unit", "rto_value", "rto_unit", "patch_critical_value", "patch_critical_unit",
    "audit_right", "audit_frequency_value", "audit_frequency_unit", "pentest_frequency_value",
    "pentest_frequency_unit", "credit_cap_percent", "liability_cap_amount", "notes",
]


class CalendarFields:
    """Three ways to give service or support hours: 24x7, weekdays with one opening span, or JSON."""

    def __init__(self, prefix: str, label: str) -> None:
        self.prefix, self.label = prefix, label

    def fields(self) -> dict[str, forms.Field]:
        p = self.prefix
        return {
            f"{p}_mode": forms.ChoiceField(label=self.label, required=False, choices=[
                ("", _("Not agreed")), ("24x7", _("24 hours a day, 7 days a week")),
                ("weekly", _("On these days and hours")), ("custom", _("Another calendar (JSON)"))]),
            f"{p}_days": forms.MultipleChoiceField(
                label=_("Days"), required=False, choices=list(WEEKDAY_LABELS.items()),
                widget=forms.CheckboxSelectMultiple, initial=list(WEEKDAYS[:5])),
            f"{p}_opens": forms.TimeField(label=_("From"), required=False, widget=TIME, initial="08:00"),
            f"{p}_closes": forms.CharField(label=_("Until"), required=False, initial="18:00", max_length=5,
                                           help_text=_("HH:MM; 24:00 for midnight.")),
            f"{p}_holidays": forms.ChoiceField(label=_("Closed on public holidays of"), required=False, choices=[
                ("", _("none")), ("NL", _("the Netherlands")), ("BE", _("Belgium"))]),
            f"{p}_custom": forms.CharField(
                label=_("Calendar (JSON)"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_('E.g. {"weekly": {"mon": [["08:00", "12:00"], ["13:00", "17:00"]]}, '
                            '"holidays": ["2025-12-24/2026-01-02"], "public_holidays": {"country": "BE"}}')),
        }

    def initial(self, value: Any) -> dict[str, Any]:
        p = self.prefix
        if value in (None, ""):
            return {f"{p}_mode": ""}
        if value == "24x7":
            return {f"{p}_mode": "24x7"}
        weekly = value.get("weekly") if isinstance(value, dict) else None
        spans = {tuple(map(tuple, segs)) for segs in (weekly or {}).values() if segs}
        simple = (isinstance(weekly, dict) and len(spans) == 1 and len(next(iter(spans))) == 1
                  and set(value) <= {"timezone", "weekly", "public_holidays"}
                  and set(value.get("public_holidays") or {}) <= {"country"})
        if simple:
            (opens, closes), = next(iter(spans))
            return {f"{p}_mode": "weekly", f"{p}_days": [d for d in WEEKDAYS if weekly.get(d)],
                    f"{p}_opens": opens, f"{p}_closes": closes,
                    f"{p}_holidays": (value.get("public_holidays") or {}).get("country", "")}
        shown = {k: v for k, v in value.items() if k != "timezone"}
        return {f"{p}_mode": "custom", f"{p}_custom": json.dumps(shown, ensure_ascii=False)}

    def value(self, form: forms.Form, timezone: str) -> Any:
        """The calendar in the engine's format (validated later by the service, naming the field)."""
        data, p = form.cleaned_data, self.prefix
        mode = data.get(f"{p}_mode")
        if not mode:
            return None
        if mode == "24x7":
            return "24x7"
        if mode == "custom":
            text = (data.get(f"{p}_custom") or "").strip()
            try:
                parsed = json.loads(text)
            except ValueError:
                form.add_error(f"{p}_custom", _("This is not valid JSON."))
                return None
            if isinstance(parsed, dict):
                parsed.setdefault("timezone", timezone)
            return parsed
        days = data.get(f"{p}_days") or []
        opens, closes = data.get(f"{p}_opens"), (data.get(f"{p}_closes") or "").strip()
        if not days:
            form.add_error(f"{p}_days", _("Choose at least one day."))
            return None
        if opens is None or not closes:
            form.add_error(f"{p}_opens" if opens is None else f"{p}_closes", _("Give the opening and closing time."))
            return None
        calendar: dict[str, Any] = {"timezone": timezone,
                                    "weekly": {d: [[opens.strftime("%H:%M"), closes]] for d in days}}
        if data.get(f"{p}_holidays"):
            calendar["public_holidays"] = {"country": data[f"{p}_holidays"]}
        return calendar


SERVICE_CAL = CalendarFields("service", _("Service hours"))
SUPPORT_CAL = CalendarFields("support", _("Support hours"))


def _unit_choices(term: str) -> list[tuple[str, str]]:
    labels = dict(TimeUnit.choices)
    return [("", "–"), *((u, labels[u]) for u in DURATION_TERMS[term])]


class SlaVersionForm(ServiceErrorsMixin, forms.Form):
    """One SLA version with all of its terms."""

    def __init__(self, *args: Any, instance: SlaVersion | None = None, default_timezone: str = "Europe/Brussels",
                 **kwargs: Any) -> None:
        initial = kwargs.pop("initial", {}) or {}
        if instance is not None:
            initial = {**self.instance_initial(instance), **initial}
        initial.setdefault("timezone", default_timezone)
        super().__init__(*args, initial=initial, **kwargs)
        self.fields.update(fields_for_model(SlaVersion, fields=PLAIN_FIELDS, formfield_callback=decimal_formfield,
                                            widgets={"valid_from": DATE, "valid_until": DATE,
                                                     "notes": forms.Textarea(attrs={"rows": 3})}))
        self.fields["timezone"] = forms.ChoiceField(label=_("Time zone"), choices=TIMEZONES,
                                                    help_text=SlaVersion._meta.get_field("timezone").help_text)
        for term in DURATION_TERMS:
            self.fields[f"{term}_unit"].choices = _unit_choices(term)
            self.fields[f"{term}_unit"].label = _("Unit")
        self.fields["audit_right"] = forms.NullBooleanField(
            label=_("Right to audit"), required=False,
            widget=forms.Select(choices=[("unknown", _("Not agreed")), ("true", _("Yes")), ("false", _("No"))]))
        self.fields.update(SERVICE_CAL.fields())
        self.fields.update(SUPPORT_CAL.fields())
        day_choices = [("", "–"), *WEEKDAY_LABELS.items()]
        for i in range(1, MAINTENANCE_ROWS + 1):
            self.fields[f"mw_{i}_day"] = forms.ChoiceField(label=_("Day"), required=False, choices=day_choices)
            self.fields[f"mw_{i}_start"] = forms.CharField(label=_("From"), required=False, max_length=5,
                                                           widget=forms.TextInput(attrs={"placeholder": "02:00"}))
            self.fields[f"mw_{i}_end"] = forms.CharField(label=_("Until"), required=False, max_length=5,
                                                         widget=forms.TextInput(attrs={"placeholder": "06:00"}))
        for i in range(1, CREDIT_ROWS + 1):
            self.fields[f"credit_{i}_below"] = CommaDecimalField(
                label=_("When availability is below (%)"), required=False, max_digits=7, decimal_places=4)
            self.fields[f"credit_{i}_credit"] = CommaDecimalField(
                label=_("Credit (% of the fee)"), required=False, max_digits=5, decimal_places=2)
        unit_choices = [("", "–"), *TargetUnit.choices]
        for p in Priority.values:
            self.fields[f"t_{p}_name"] = forms.CharField(label=_("Name"), required=False, max_length=60)
            self.fields[f"t_{p}_definition"] = forms.CharField(label=_("Definition"), required=False,
                                                               widget=forms.Textarea(attrs={"rows": 2}))
            for clock, label in (("response", _("Response target")), ("resolution", _("Resolution target"))):
                self.fields[f"t_{p}_{clock}_value"] = CommaDecimalField(
                    label=label, required=False, max_digits=8, decimal_places=2,
                    help_text=_("Hours for business or clock hours; days for working days."))
                self.fields[f"t_{p}_{clock}_unit"] = forms.ChoiceField(label=_("Unit"), required=False,
                                                                      choices=unit_choices)
        for key, label in TERM_LABELS.items():
            self.fields[f"wording_{key}"] = forms.CharField(label=label, required=False,
                                                            widget=forms.Textarea(attrs={"rows": 2}))
        self.field_aliases = {"service_hours": "service_mode", "support_hours": "support_mode",
                              "maintenance_windows": "mw_1_day", "credit_tiers": "credit_1_below",
                              "wording": "wording_availability"}
        self._target_order: list[str] = []

    @staticmethod
    def instance_initial(version: SlaVersion) -> dict[str, Any]:
        data = model_to_dict(version, fields=PLAIN_FIELDS)
        data["audit_right"] = {None: "unknown", True: "true", False: "false"}[version.audit_right]
        data.update(SERVICE_CAL.initial(version.service_hours))
        data.update(SUPPORT_CAL.initial(version.support_hours))
        for i, window in enumerate(version.maintenance_windows or [], start=1):
            data.update({f"mw_{i}_day": window.get("day"), f"mw_{i}_start": window.get("start"),
                         f"mw_{i}_end": window.get("end")})
        for i, tier in enumerate(version.credit_tiers or [], start=1):
            data.update({f"credit_{i}_below": tier.get("below_percent"), f"credit_{i}_credit": tier.get("credit_percent")})
        for target in version.priority_targets.all():
            for key in ("name", "definition", "response_value", "response_unit", "resolution_value", "resolution_unit"):
                data[f"t_{target.priority}_{key}"] = getattr(target, key)
        for key, text in (version.wording or {}).items():
            data[f"wording_{key}"] = text
        return data

    # -- layout -------------------------------------------------------------------------------------
    def group(self, *names: str) -> list[forms.BoundField]:
        return [self[n] for n in names]

    def maintenance_rows(self) -> list[list[forms.BoundField]]:
        return [self.group(f"mw_{i}_day", f"mw_{i}_start", f"mw_{i}_end") for i in range(1, MAINTENANCE_ROWS + 1)]

    def credit_rows(self) -> list[list[forms.BoundField]]:
        return [self.group(f"credit_{i}_below", f"credit_{i}_credit") for i in range(1, CREDIT_ROWS + 1)]

    def priority_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(p, self.group(*(f"t_{p}_{k}" for k in ("name", "definition", "response_value", "response_unit",
                                                          "resolution_value", "resolution_unit"))))
                for p in Priority.values]

    def duration_pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"{t}_value"], self[f"{t}_unit"]) for t in DURATION_TERMS if t != "maintenance_notice"]

    def calendar_fields(self, prefix: str) -> list[forms.BoundField]:
        return self.group(*(f"{prefix}_{k}" for k in ("mode", "days", "opens", "closes", "holidays", "custom")))

    def calendar_fields_service(self) -> list[forms.BoundField]:
        return self.calendar_fields("service")

    def calendar_fields_support(self) -> list[forms.BoundField]:
        return self.calendar_fields("support")

    def wording_fields(self) -> list[forms.BoundField]:
        return [self[f"wording_{key}"] for key in TERM_LABELS]

    # -- to the service -----------------------------------------------------------------------------
    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned data as ``sla_version_create``/``update`` keyword arguments (after ``is_valid``)."""
        data = self.cleaned_data
        tz = data.get("timezone") or "Europe/Brussels"
        out = {name: data.get(name) for name in PLAIN_FIELDS}
        out["service_hours"] = SERVICE_CAL.value(self, tz)
        out["support_hours"] = SUPPORT_CAL.value(self, tz)
        out["maintenance_windows"] = [
            {"day": data[f"mw_{i}_day"], "start": (data[f"mw_{i}_start"] or "").strip(),
             "end": (data[f"mw_{i}_end"] or "").strip()}
            for i in range(1, MAINTENANCE_ROWS + 1)
            if data.get(f"mw_{i}_day") or data.get(f"mw_{i}_start") or data.get(f"mw_{i}_end")
        ]
        tiers = []
        for i in range(1, CREDIT_ROWS + 1):
            below, credit = data.get(f"credit_{i}_below"), data.get(f"credit_{i}_credit")
            if below is None and credit is None:
                continue
            if below is None or credit is None:
                self.add_error(f"credit_{i}_below" if below is None else f"credit_{i}_credit",
                               _("A tier needs both percentages."))
                continue
            tiers.append({"below_percent": _number(below), "credit_percent": _number(credit)})
        out["credit_tiers"] = tiers
        targets = []
        self._target_order = []
        for p in Priority.values:
            row = {k: data.get(f"t_{p}_{k}") for k in ("name", "definition", "response_value", "response_unit",
                                                       "resolution_value", "resolution_unit")}
            if not any(v not in (None, "") for v in row.values()):
                continue
            targets.append({"priority": p, **row})
            self._target_order.append(p)
        out["priority_targets"] = targets
        for i, p in enumerate(self._target_order):
            for key in ("priority", "name", "definition", "response_value", "response_unit", "resolution_value",
                        "resolution_unit"):
                self.field_aliases[f"priority_targets.{i}.{key}"] = f"t_{p}_{key if key != 'priority' else 'name'}"
        out["wording"] = {key: data[f"wording_{key}"].strip() for key in TERM_LABELS if data.get(f"wording_{key}")}
        out["notes"] = data.get("notes") or ""
        return out


def _number(value: Decimal) -> float | int:
    return int(value) if value == int(value) else float(value)
