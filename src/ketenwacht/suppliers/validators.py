"""Validation and normalisation of supplier identifiers and codes.

Each ``normalise_*`` function returns the value in the form we store, or raises
``django.core.exceptions.ValidationError`` with a message that says what is wrong.
The services call them, so web forms, the API, the CLI and the importer share one rule set.

Belgian enterprise number (KBO/BCE): 10 digits, the first 0 or 1, the last two digits are
97 − (the first eight digits mod 97). Older 9-digit numbers get a leading 0. Stored as
``0123.456.789``. Dutch KvK number: exactly 8 digits. Other countries: free text.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ENTERPRISE_NUMBER_MAX_LENGTH = 20
# Separators people type inside numbers; removed before checking the digits.
_SEPARATORS = re.compile(r"[\s.\-/]")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_NL_VAT = re.compile(r"^NL\d{9}B\d{2}$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]+$")


def _compact(value: str) -> str:
    return _SEPARATORS.sub("", value or "").upper()


def kbo_check_digits(first_eight: str) -> int:
    """The two check digits of a Belgian enterprise number: 97 − (first eight digits mod 97)."""
    return 97 - int(first_eight) % 97


def normalise_kbo(value: str) -> str:
    """A Belgian enterprise number (KBO/BCE) as ``0123.456.789``; accepts ``BE0123456789`` etc."""
    digits = _compact(value)
    if digits.startswith("BE"):
        digits = digits[2:]
    if not digits.isdigit():
        raise ValidationError(
            _("A Belgian enterprise number has only digits, e.g. 0123.456.749."), code="invalid"
        )
    if len(digits) == 9:  # numbers issued before 2005 had nine digits
        digits = "0" + digits
    if len(digits) != 10:
        raise ValidationError(
            _("A Belgian enterprise number has 10 digits (%(count)s given)."),
            code="invalid_length",
            params={"count": len(digits)},
        )
    if digits[0] not in "01":
        raise ValidationError(_("A Belgian enterprise number starts with 0 or 1."), code="invalid_start")
    if kbo_check_digits(digits[:8]) != int(digits[8:]):
        raise ValidationError(
            _("The check digits of this Belgian enterprise number are wrong; please check for a typing error."),
            code="invalid_checksum",
        )
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def normalise_kvk(value: str) -> str:
    """A Dutch Chamber of Commerce (KvK) number: exactly 8 digits."""
    digits = _compact(value)
    if digits.startswith("KVK"):
        digits = digits[3:]
    if not (digits.isdigit() and len(digits) == 8):
        raise ValidationError(_("A Dutch KvK number has exactly 8 digits."), code="invalid")
    return digits


def normalise_enterprise_number(value: str, country: str) -> str:
    """The enterprise number checked by the rule of ``country``: BE → KBO, NL → KvK, else free text."""
    value = (value or "").strip()
    if not value:
        return ""
    country = (country or "").strip().upper()
    if country == "BE":
        return normalise_kbo(value)
    if country == "NL":
        return normalise_kvk(value)
    if len(value) > ENTERPRISE_NUMBER_MAX_LENGTH:
        raise ValidationError(
            _("An enterprise number has at most %(max)s characters."),
            code="max_length",
            params={"max": ENTERPRISE_NUMBER_MAX_LENGTH},
        )
    return value


def normalise_vat(value: str, country: str) -> str:
    """A VAT number: BE → ``BE`` + a valid enterprise number; NL → ``NL`` + 9 digits + ``B`` + 2 digits."""
    compact = _compact(value)
    if not compact:
        return ""
    country = (country or "").strip().upper()
    if country == "BE":
        if not compact.startswith("BE"):
            raise ValidationError(
                _("A Belgian VAT number is BE followed by the enterprise number, e.g. BE0123456749."),
                code="invalid",
            )
        try:
            kbo = normalise_kbo(compact[2:])
        except ValidationError as exc:
            raise ValidationError(
                _("A Belgian VAT number is BE followed by a valid enterprise number: %(reason)s"),
                code="invalid",
                params={"reason": " ".join(str(m) for m in exc.messages)},
            ) from exc
        return "BE" + kbo.replace(".", "")
    if country == "NL":
        if not _NL_VAT.match(compact):
            raise ValidationError(
                _("A Dutch VAT number is NL, 9 digits, B and 2 digits, e.g. NL123456789B01."), code="invalid"
            )
        return compact
    if len(compact) > ENTERPRISE_NUMBER_MAX_LENGTH:
        raise ValidationError(
            _("A VAT number has at most %(max)s characters."),
            code="max_length",
            params={"max": ENTERPRISE_NUMBER_MAX_LENGTH},
        )
    return compact


def normalise_country(value: str) -> str:
    """A two-letter ISO 3166 country code in capitals."""
    code = (value or "").strip().upper()
    if not _COUNTRY_CODE.match(code):
        raise ValidationError(_("Enter a two-letter country code, e.g. BE or NL."), code="invalid")
    return code


def normalise_country_list(value: str) -> str:
    """Country codes separated by commas, semicolons or spaces → ``BE, NL`` (no duplicates)."""
    codes: list[str] = []
    for part in re.split(r"[,;\s]+", (value or "").strip()):
        if not part:
            continue
        code = part.upper()
        if not _COUNTRY_CODE.match(code):
            raise ValidationError(
                _("'%(code)s' is not a two-letter country code; separate codes with commas, e.g. BE, NL, IE."),
                code="invalid",
                params={"code": part},
            )
        if code not in codes:
            codes.append(code)
    return ", ".join(codes)


def normalise_languages(value: str) -> str:
    """Language codes (nl, fr, en, de …) separated by commas or spaces → ``nl, fr``."""
    codes: list[str] = []
    for part in re.split(r"[,;/\s]+", (value or "").strip()):
        if not part:
            continue
        code = part.lower()
        if not _LANGUAGE_CODE.match(code):
            raise ValidationError(
                _("'%(code)s' is not a language code; use codes such as nl, fr, en, de."),
                code="invalid",
                params={"code": part},
            )
        if code not in codes:
            codes.append(code)
    return ", ".join(codes)


def normalise_phone(value: str) -> str:
    """A phone number: digits with optional +, spaces, dots, dashes, slashes and brackets."""
    value = (value or "").strip()
    if not value:
        return ""
    digit_count = sum(ch.isdigit() for ch in value)
    if not _PHONE.match(value) or not 6 <= digit_count <= 17:
        raise ValidationError(
            _("Enter a phone number with 6 to 17 digits, e.g. +32 2 123 45 67."), code="invalid"
        )
    return value
