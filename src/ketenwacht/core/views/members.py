"""Administrators manage the members of their organisation and its settings."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from ketenwacht.core import services
from ketenwacht.core.audit import Actor
from ketenwacht.core.forms import MemberAddForm, MemberRoleForm, OrganisationSettingsForm
from ketenwacht.core.models import Membership, Organisation, User
from ketenwacht.core.permissions import AdminRequiredMixin
from ketenwacht.core.selectors import organisation_member, organisation_members

logger = logging.getLogger(__name__)
INVITE_SESSION_KEY = "ketenwacht_invite"


def add_errors(form: Any, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (unknown fields: on the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def password_set_link(user: User) -> str:
    path = reverse(
        "core:password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.BASE_URL + path


def _send_invitation(user: User, organisation_name: str, link: str) -> bool:
    body = _(
        "You have been added to %(organisation)s in Ketenwacht.\n\n"
        "Choose your password with this link (valid for a few days):\n%(link)s\n"
    ) % {"organisation": organisation_name, "link": link}
    try:
        send_mail(_("Your Ketenwacht account"), body, None, [user.email])
    except (OSError, smtplib.SMTPException):
        logger.warning("Could not send the invitation e-mail", exc_info=True)
        return False
    return True


class MembersView(AdminRequiredMixin, View):
    """The member list with role changes and removal, and the form to add someone."""

    def _render(self, request: HttpRequest, add_form: MemberAddForm) -> HttpResponse:
        members = [
            (m, MemberRoleForm(initial={"role": m.role}, prefix=f"m{m.pk}"))
            for m in organisation_members(organisation=request.organisation)
        ]
        context = {
            "members": members,
            "add_form": add_form,
            "form": add_form,  # the error summary partial looks for ``form``
            "invite": request.session.pop(INVITE_SESSION_KEY, None),
        }
        return render(request, "core/members.html", context)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, MemberAddForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = MemberAddForm(request.POST)
        if not form.is_valid():
            return self._render(request, form)
        try:
            membership, created = services.member_add(
                actor=Actor(request.user, "web"),
                organisation=request.organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                full_name=form.cleaned_data["full_name"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
            return self._render(request, form)
        if created:
            link = password_set_link(membership.user)
            sent = _send_invitation(membership.user, request.organisation.name, link)
            request.session[INVITE_SESSION_KEY] = {"email": membership.user.email, "link": link, "sent": sent}
        messages.success(request, _("%(email)s is now a member.") % {"email": membership.user.email})
        return redirect("core:members")


class _MemberActionView(AdminRequiredMixin, View):
    def get_member(self, request: HttpRequest, pk: int) -> Membership:
        membership = organisation_member(organisation=request.organisation, pk=pk)
        if membership is None:
            raise Http404
        return membership


class MemberRoleView(_MemberActionView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = self.get_member(request, pk)
        form = MemberRoleForm(request.POST, prefix=f"m{pk}")
        if not form.is_valid():
            messages.error(request, _("Choose one of the listed roles."))
            return redirect("core:members")
        try:
            services.membership_set_role(
                actor=Actor(request.user, "web"), membership=membership, role=form.cleaned_data["role"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("core:members")
        messages.success(request, _("The role of %(email)s is changed.") % {"email": membership.user.email})
        return redirect("core:members")


class MemberRemoveView(_MemberActionView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, "core/member_remove.html", {"member": self.get_member(request, pk)})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = self.get_member(request, pk)
        try:
            services.membership_remove(actor=Actor(request.user, "web"), membership=membership)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("core:members")
        messages.success(request, _("%(email)s is no longer a member.") % {"email": membership.user.email})
        if membership.user_id == request.user.pk:
            return redirect("core:dashboard")
        return redirect("core:members")


class OrganisationSettingsView(AdminRequiredMixin, FormView):
    template_name = "core/settings.html"
    form_class = OrganisationSettingsForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        # A fresh copy: validation writes into the instance, and the header shows the real one.
        kwargs["instance"] = Organisation.objects.get(pk=self.request.organisation.pk)
        return kwargs

    def form_valid(self, form: OrganisationSettingsForm) -> HttpResponse:
        try:
            services.organisation_update(
                actor=Actor(self.request.user, "web"),
                organisation=self.request.organisation,
                **{field: form.cleaned_data[field] for field in services.ORGANISATION_FIELDS},
            )
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The settings are saved."))
        return redirect("core:settings")
