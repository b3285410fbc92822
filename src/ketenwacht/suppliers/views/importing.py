"""The import page: upload, see the dry-run result, then import; and the template download.

The checked file is kept under the data directory (outside the web root) between the two steps,
bound to the session and the organisation, so the import runs on exactly the file that was checked.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import StopUpload
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from ketenwacht.core.permissions import MemberRequiredMixin, WriterRequiredMixin
from ketenwacht.suppliers.forms import ImportForm
from ketenwacht.suppliers.importing import ImportFileError, ImportResult, import_suppliers
from ketenwacht.suppliers.importing.columns import describe_columns
from ketenwacht.suppliers.importing.template import template_csv, template_xlsx
from ketenwacht.suppliers.views.base import web_actor

SESSION_KEY = "ketenwacht_supplier_import"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
STALE_SECONDS = 24 * 3600


def _import_dir() -> Path:
    path = Path(settings.FILES_DIR) / "supplier-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _remove_stale(directory: Path) -> None:
    """Checked files nobody imported are removed after a day."""
    cutoff = time.time() - STALE_SECONDS
    for path in directory.glob("*.upload"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue


def _form_with_error(message: str) -> ImportForm:
    """An upload form showing ``message`` on its file field (and nothing else)."""
    form = ImportForm(data={}, files={})
    form.is_valid()
    form.errors.clear()
    form.add_error("file", message)
    return form


class SupplierImportView(WriterRequiredMixin, View):
    template_name = "suppliers/supplier_import.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(ImportForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            action = request.POST.get("action")
        except StopUpload:  # refused on its declared size before any of it was read
            request.upload_too_large = True
            action = None
        if getattr(request, "upload_too_large", False):
            message = _("The file is larger than %(mb)s MB.") % {"mb": settings.MAX_UPLOAD_BYTES // 2**20}
            return self._render(_form_with_error(message), status=413)
        if action == "import":
            return self._import(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(form, status=400)
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            result = import_suppliers(
                organisation=request.organisation, actor=web_actor(request), data=data, filename=upload.name,
                dry_run=True,
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
            return self._render(form, status=400)
        token = ""
        if result.ok:
            directory = _import_dir()
            _remove_stale(directory)
            token = secrets.token_urlsafe(24)
            (directory / f"{token}.upload").write_bytes(data)
            request.session[SESSION_KEY] = {
                "token": token, "filename": upload.name, "organisation": request.organisation.pk,
            }
        return self._render(ImportForm(), result=result, token=token, filename=upload.name,
                            status=200 if result.ok else 400)

    def _import(self, request: HttpRequest) -> HttpResponse:
        pending = request.session.get(SESSION_KEY) or {}
        token = request.POST.get("token", "")
        path = _import_dir() / f"{token}.upload"
        if (
            not _TOKEN.match(token)
            or pending.get("token") != token
            or pending.get("organisation") != request.organisation.pk
            or not path.exists()
        ):
            message = _("The checked file is no longer available; please upload it again.")
            return self._render(_form_with_error(message), status=400)
        filename = pending.get("filename", "")
        result = import_suppliers(
            organisation=request.organisation, actor=web_actor(request), data=path.read_bytes(), filename=filename,
        )
        if not result.ok:  # the register changed since the check
            return self._render(ImportForm(), result=result, filename=filename, status=400)
        path.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
        messages.success(request, _("Imported %(file)s: %(summary)s.") % {"file": filename, "summary": result.summary()})
        return redirect("suppliers:list")

    def _render(self, form: ImportForm, status: int = 200, **extra: Any) -> HttpResponse:
        context: dict[str, Any] = {"form": form, "result": None, "token": "", "filename": "", **extra}
        result: ImportResult | None = context["result"]
        context["max_mb"] = settings.MAX_UPLOAD_BYTES // 2**20
        context["columns"] = describe_columns()
        context["error_count"] = len(result.errors) if result else 0
        return render(self.request, self.template_name, context, status=status)


class ImportTemplateView(MemberRequiredMixin, View):
    """The template in the page's language: Dutch headers and semicolons in Dutch, else English."""

    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        language = "nl" if (get_language() or "nl").startswith("nl") else "en"
        stem = "leveranciers-sjabloon" if language == "nl" else "suppliers-template"
        if fmt == "csv":
            response = HttpResponse(template_csv(language), content_type="text/csv; charset=utf-8")
        elif fmt == "xlsx":
            response = HttpResponse(
                template_xlsx(language),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            raise Http404("Unknown template format")
        response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
        return response
