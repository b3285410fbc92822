"""Enterprise and VAT numbers. Valid numbers are real published ones; their check digits are
recomputed here from the rule itself (97 − first eight digits mod 97), not with the code under test."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ketenwacht.suppliers import validators

# Published Belgian enterprise numbers (KBO/BCE public search): Proximus, Colruyt, Vlaamse Gemeenschap.
REAL_KBO = ["0202239951", "0400378485", "0316380940"]


def by_hand_check(digits: str) -> int:
    return 97 - int(digits[:8]) % 97


@pytest.mark.parametrize("digits", REAL_KBO)
def test_real_kbo_numbers_have_correct_check_digits_by_the_formula(digits: str) -> None:
    assert int(digits[8:]) == by_hand_check(digits)


def test_hand_worked_example() -> None:
    # 01234567 mod 97: 97 × 12727 = 1234519, remainder 48; 97 − 48 = 49 → 0123.456.749
    assert validators.normalise_kbo("0123456749") == "0123.456.749"
    with pytest.raises(ValidationError):
        validators.normalise_kbo("0123456789")


@pytest.mark.parametrize("digits", REAL_KBO)
@pytest.mark.parametrize(
    "fmt",
    [
        lambda d: f"{d[:4]}.{d[4:7]}.{d[7:]}",
        lambda d: f"BE{d}",
        lambda d: f"{d[:4]} {d[4:7]} {d[7:]}",
        lambda d: f"be {d[:4]}.{d[4:7]}.{d[7:]}",
        lambda d: d,
    ],
)
def test_kbo_accepted_formats_are_normalised(digits: str, fmt) -> None:  # noqa: ANN001
    assert validators.normalise_kbo(fmt(digits)) == f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def test_nine_digit_legacy_number_gets_leading_zero() -> None:
    assert validators.normalise_kbo("202.239.951") == "0202.239.951"


@pytest.mark.parametrize("digits", REAL_KBO)
def test_every_single_digit_change_is_refused(digits: str) -> None:
    # Changing one digit changes the first eight by 10^k or -9·10^k; 97 is prime and divides neither,
    # so the remainder mod 97 changes and the check digits no longer match.
    for pos in range(1, 8):
        changed = digits[:pos] + str((int(digits[pos]) + 1) % 10) + digits[pos + 1 :]
        with pytest.raises(ValidationError):
            validators.normalise_kbo(changed)


@pytest.mark.parametrize(
    "value, code",
    [
        ("0202.239.952", "invalid_checksum"),
        ("2202239951", "invalid_start"),
        ("02022399", "invalid_length"),
        ("020223995100", "invalid_length"),
        ("0202.239.95x", "invalid"),
    ],
)
def test_invalid_kbo(value: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        validators.normalise_kbo(value)
    assert info.value.code == code


def test_check_digits_97_when_remainder_zero() -> None:
    # 00000097 mod 97 = 0 → check digits 97: 0000.000.97|97 is 0000009797
    assert validators.normalise_kbo("0000009797") == "0000.009.797"


@pytest.mark.parametrize("value", ["17001910", "3303 1431", "KvK 33031431"])
def test_kvk_valid(value: str) -> None:
    assert validators.normalise_kvk(value) == value.replace(" ", "").upper().removeprefix("KVK")


@pytest.mark.parametrize("value", ["1700191", "170019100", "1700191A", ""])
def test_kvk_invalid(value: str) -> None:
    with pytest.raises(ValidationError):
        validators.normalise_kvk(value)


def test_enterprise_number_rule_follows_country() -> None:
    assert validators.normalise_enterprise_number("BE0400378485", "BE") == "0400.378.485"
    assert validators.normalise_enterprise_number("17001910", "nl") == "17001910"
    assert validators.normalise_enterprise_number("HRB 12345", "DE") == "HRB 12345"
    assert validators.normalise_enterprise_number("", "BE") == ""
    with pytest.raises(ValidationError):
        validators.normalise_enterprise_number("17001910", "BE")  # a KvK number is no KBO number
    with pytest.raises(ValidationError):
        validators.normalise_enterprise_number("0400378485", "NL")
    with pytest.raises(ValidationError):
        validators.normalise_enterprise_number("X" * 21, "FR")


def test_vat_belgium_is_be_plus_valid_kbo() -> None:
    assert validators.normalise_vat("BE 0400.378.485", "BE") == "BE0400378485"
    assert validators.normalise_vat("be400378485", "BE") == "BE0400378485"
    for bad in ["0400378485", "BE0400378486", "NL0400378485"]:
        with pytest.raises(ValidationError):
            validators.normalise_vat(bad, "BE")


def test_vat_netherlands_format() -> None:
    assert validators.normalise_vat("nl 8001.07.568 b01", "NL") == "NL800107568B01"
    for bad in ["NL80010756B01", "NL800107568B1", "NL800107568X01", "800107568B01"]:
        with pytest.raises(ValidationError):
            validators.normalise_vat(bad, "NL")


def test_country_and_lists() -> None:
    assert validators.normalise_country(" be ") == "BE"
    with pytest.raises(ValidationError):
        validators.normalise_country("BEL")
    assert validators.normalise_country_list("be; nl ie, BE") == "BE, NL, IE"
    with pytest.raises(ValidationError):
        validators.normalise_country_list("BE, Nederland")
    assert validators.normalise_languages("NL/fr en") == "nl, fr, en"
    with pytest.raises(ValidationError):
        validators.normalise_languages("Nederlands")


@pytest.mark.parametrize("value", ["+32 2 123 45 67", "020-1234567", "(010) 123 45 67"])
def test_phone_valid(value: str) -> None:
    assert validators.normalise_phone(value) == value


@pytest.mark.parametrize("value", ["12345", "call me", "+32 2 123 45 67 ext 5"])
def test_phone_invalid(value: str) -> None:
    with pytest.raises(ValidationError):
        validators.normalise_phone(value)
