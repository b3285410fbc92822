"""Create, change and delete a supplier's services and contacts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ketenwacht.core.permissions import WriterRequiredMixin
from ketenwacht.suppliers import selectors, services
from ketenwacht.suppliers.forms import ContactForm, ServiceForm
from ketenwacht.suppliers.views.base import SupplierScopedMixin, web_actor


class _ChildMixin(WriterRequiredMixin, SupplierScopedMixin, View):
    """Shared flow for a supplier's services and contacts; subclasses name the form and services."""

    form_class: type[ServiceForm] | type[ContactForm]
    template_name = "suppliers/child_form.html"
    what: str
    getter: Callable[..., models.Model]
    instance_kwarg: str

    def load_child(self) -> models.Model:
        return type(self).getter(
            organisation=self.request.organisation, supplier_pk=self.kwargs["pk"], pk=self.kwargs["child_pk"]
        )

    def detail_url(self) -> str:
        return reverse("suppliers:detail", kwargs={"pk": self.supplier.pk}) + f"#{self.anchor}"

    def render_form(self, form: Any, instance: models.Model | None, status: int = 200) -> HttpResponse:
        return render(
            self.request, self.template_name,
            {"form": form, "supplier": self.supplier, "object": instance, "what": self.what,
             "cancel_url": self.detail_url()},
            status=status,
        )


class _ChildCreateView(_ChildMixin):
    create: Callable[..., models.Model]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.load_supplier()
        return self.render_form(self.form_class(), None)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.load_supplier()
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                obj = type(self).create(supplier=self.supplier, actor=web_actor(request), **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("%(what)s %(name)s added.") % {"what": self.what.capitalize(), "name": obj})
                return redirect(self.detail_url())
        return self.render_form(form, None, status=400)


class _ChildUpdateView(_ChildMixin):
    update: Callable[..., models.Model]

    def get(self, request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
        self.load_supplier()
        obj = self.load_child()
        return self.render_form(self.form_class(instance=obj), obj)

    def post(self, request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
        self.load_supplier()
        obj = self.load_child()
        form = self.form_class(request.POST, instance=obj)
        if form.is_valid():
            try:
                type(self).update(**{self.instance_kwarg: obj}, actor=web_actor(request), **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("%(what)s %(name)s saved.") % {"what": self.what.capitalize(), "name": obj})
                return redirect(self.detail_url())
        return self.render_form(form, obj, status=400)


class _ChildDeleteView(_ChildMixin):
    delete_service: Callable[..., None]
    template_name = "confirm_delete.html"

    def get(self, request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
        self.load_supplier()
        obj = self.load_child()
        return render(
            request, self.template_name,
            {"supplier": self.supplier, "object": obj, "what": self.what, "cancel_url": self.detail_url(),
             "errors": []},
        )

    def post(self, request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
        self.load_supplier()
        obj = self.load_child()
        name = str(obj)
        type(self).delete_service(**{self.instance_kwarg: obj}, actor=web_actor(request))
        messages.success(request, _("%(what)s %(name)s deleted.") % {"what": self.what.capitalize(), "name": name})
        return redirect(self.detail_url())


class _ServiceMixin:
    form_class = ServiceForm
    what = gettext_lazy("service")
    anchor = "services"
    instance_kwarg = "service"
    getter = selectors.service_get


class _ContactMixin:
    form_class = ContactForm
    what = gettext_lazy("contact")
    anchor = "contacts"
    instance_kwarg = "contact"
    getter = selectors.contact_get


class ServiceCreateView(_ServiceMixin, _ChildCreateView):
    create = services.service_create


class ServiceUpdateView(_ServiceMixin, _ChildUpdateView):
    update = services.service_update


class ServiceDeleteView(_ServiceMixin, _ChildDeleteView):
    delete_service = services.service_delete


class ContactCreateView(_ContactMixin, _ChildCreateView):
    create = services.contact_create


class ContactUpdateView(_ContactMixin, _ChildUpdateView):
    update = services.contact_update


class ContactDeleteView(_ContactMixin, _ChildDeleteView):
    delete_service = services.contact_delete
