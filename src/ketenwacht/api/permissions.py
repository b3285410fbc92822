"""Role rules for the API: every member reads; admins, editors and policy officers write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

if TYPE_CHECKING:  # importing DRF's views here would be circular (settings load this module)
    from rest_framework.views import APIView


class OrganisationRolePermission(BasePermission):
    message = _("Your role in this organisation does not allow this.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        membership = getattr(request._request, "membership", None)
        if request.user is None or membership is None:
            return False
        if request.method in SAFE_METHODS:
            return True
        return membership.can_write
