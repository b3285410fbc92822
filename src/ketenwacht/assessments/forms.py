from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenwacht.assessments.models import Answer, AnswerStatus, CatalogVersion
from ketenwacht.catalogs import Catalog, Section
from ketenwacht.suppliers.models import Contact, Supplier


class AssessmentCreateForm(forms.Form):
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=Supplier.objects.none())
    catalogs = forms.ModelMultipleChoiceField(
        label=_("Catalogs"), queryset=CatalogVersion.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("The checklists to walk through for this supplier."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Optional; by default 'Assessment of <supplier>'."))

    def __init__(self, *args: Any, suppliers: Any, catalog_versions: list[CatalogVersion], language: str,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = suppliers
        self.fields["catalogs"].queryset = CatalogVersion.objects.filter(pk__in=[v.pk for v in catalog_versions])
        self.fields["catalogs"].label_from_instance = lambda v: f"{v.title(language)} ({v.version}, {v.item_count})"


STATUS_CHOICES = [("", _("Not answered yet"))] + list(AnswerStatus.choices)


class SectionAnswersForm(forms.Form):
    """The answers to every item of one catalog section; field names are prefixed with the item id."""

    def __init__(self, *args: Any, section: Section, answers: dict[str, Answer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        for item in section.items:
            answer = answers.get(item.id)
            key = item.id
            self.fields[f"{key}-status"] = forms.ChoiceField(
                label=_("Answer"), choices=STATUS_CHOICES, required=False, widget=forms.RadioSelect,
                initial=answer.status if answer else "",
            )
            self.fields[f"{key}-clause"] = forms.CharField(
                label=_("Clause reference"), max_length=200, required=False,
                initial=answer.clause_reference if answer else "", help_text=_("e.g. SLA art. 5.2"),
            )
            self.fields[f"{key}-evidence"] = forms.CharField(
                label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.evidence if answer else "",
            )
            self.fields[f"{key}-file"] = forms.FileField(label=_("Attach a file"), required=False)

    def item_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "item": item,
                "status": self[f"{item.id}-status"],
                "clause": self[f"{item.id}-clause"],
                "evidence": self[f"{item.id}-evidence"],
                "file": self[f"{item.id}-file"],
            }
            for item in self.section.items
        ]

    def changed_items(self) -> list[dict[str, Any]]:
        """Items with an answer to store: a status chosen (evidence without a status is an error)."""
        out = []
        for item in self.section.items:
            status = self.cleaned_data.get(f"{item.id}-status") or ""
            clause = self.cleaned_data.get(f"{item.id}-clause") or ""
            evidence = self.cleaned_data.get(f"{item.id}-evidence") or ""
            upload = self.cleaned_data.get(f"{item.id}-file")
            if not status:
                continue
            out.append({"item_id": item.id, "status": status, "clause_reference": clause,
                        "evidence": evidence, "evidence_upload": upload})
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for item in self.section.items:
            has_detail = data.get(f"{item.id}-clause") or data.get(f"{item.id}-evidence") or data.get(f"{item.id}-file")
            if has_detail and not data.get(f"{item.id}-status"):
                self.add_error(f"{item.id}-status", _("Choose an answer for the evidence you gave."))
        return data


class RemarksForm(forms.Form):
    remarks = forms.CharField(label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              max_length=2000)


class OverrideForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), min_length=10,
                             max_length=2000,
                             help_text=_("Why may this supplier become active without a clean, signed-off SLA review?"))


class LinkCreateForm(forms.Form):
    catalog = forms.ModelChoiceField(label=_("Catalog"), queryset=CatalogVersion.objects.none())
    contact = forms.ModelChoiceField(label=_("Supplier contact"), queryset=Contact.objects.none(), required=False,
                                     help_text=_("Optional; fills in the e-mail address when it is left empty."))
    email = forms.EmailField(label=_("E-mail address"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=[("nl", "Nederlands"), ("en", "English")])
    valid_days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=90, initial=14)

    def __init__(self, *args: Any, catalogs: Any, contacts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catalog"].queryset = catalogs
        self.fields["contact"].queryset = contacts

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("email") and data.get("contact") is not None:
            data["email"] = data["contact"].email
        if not data.get("email"):
            self.add_error("email", _("Give an e-mail address or choose a contact that has one."))
        return data


class SupplierQuestionnaireForm(forms.Form):
    """The whole catalog for the supplier: per item an answer, a clause reference and an explanation."""

    def __init__(self, *args: Any, catalog: Catalog, proposals: dict[str, Any], language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        self.proposals = proposals
        for item in catalog.items:
            proposal = proposals.get(item.id)
            self.fields[f"{item.id}-status"] = forms.ChoiceField(
                label=_("Answer"), choices=STATUS_CHOICES, required=False, widget=forms.RadioSelect,
                initial=proposal.status if proposal else "",
            )
            self.fields[f"{item.id}-clause"] = forms.CharField(
                label=_("Where in your contract or SLA?"), max_length=200, required=False,
                initial=proposal.clause_reference if proposal else "", help_text=_("e.g. SLA art. 5.2"),
            )
            self.fields[f"{item.id}-explanation"] = forms.CharField(
                label=_("Explanation"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
                initial=proposal.explanation if proposal else "",
            )
            if proposal is not None and proposal.review == "accepted":
                # Already part of the assessment: shown, not changeable through this link.
                for suffix in ("status", "clause", "explanation"):
                    self.fields[f"{item.id}-{suffix}"].disabled = True

    def sections(self) -> list[dict[str, Any]]:
        return [
            {"section": section, "rows": [
                {"item": item, "status": self[f"{item.id}-status"], "clause": self[f"{item.id}-clause"],
                 "explanation": self[f"{item.id}-explanation"], "proposal": self.proposals.get(item.id)}
                for item in section.items]}
            for section in self.catalog.sections
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for item in self.catalog.items:
            if (data.get(f"{item.id}-clause") or data.get(f"{item.id}-explanation")) and not data.get(f"{item.id}-status"):
                self.add_error(f"{item.id}-status", _("Choose an answer for the explanation you gave."))
        return data

    def answers(self) -> list[dict[str, str]]:
        return [
            {"item_id": item.id, "status": self.cleaned_data[f"{item.id}-status"],
             "clause_reference": self.cleaned_data.get(f"{item.id}-clause", ""),
             "explanation": self.cleaned_data.get(f"{item.id}-explanation", "")}
            for item in self.catalog.items if self.cleaned_data.get(f"{item.id}-status")
        ]
