"""Norwegian identifiers and contact channels."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.domain import rules

digits = st.text(alphabet="0123456789", min_size=8, max_size=8)


@pytest.mark.parametrize("number", ["974760673", "923609016", "982 463 718", "971.524.960"])
def test_real_looking_organisation_numbers_pass(number: str):
    assert rules.normalise_org_number(number) == number.replace(" ", "").replace(".", "")


@pytest.mark.parametrize("number", ["974760674", "97476067", "9747606733", "97476067x"])
def test_bad_organisation_numbers_fail(number: str):
    with pytest.raises(ValueError):
        rules.normalise_org_number(number)


@given(digits)
def test_mod11_accepts_exactly_one_check_digit(first_eight: str):
    valid = [d for d in "0123456789" if _passes(first_eight + d)]
    expected = rules.mod11_check_digit(first_eight)
    assert valid == ([] if expected is None else [str(expected)])


def _passes(number: str) -> bool:
    try:
        rules.normalise_org_number(number)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("22 33 44 55", "+4722334455"), ("+47 400 00 123", "+4740000123"),
     ("0047 (22) 33-44-55", "+4722334455"), ("+46 8 123 456 78", "+46812345678")],
)  # fmt: skip
def test_phone_numbers_are_normalised(raw: str, normal: str):
    assert rules.normalise_phone(raw) == normal


@pytest.mark.parametrize("raw", ["1234", "+47 1234 5678", "+47 222", "telefon", "+0 123456"])
def test_bad_phone_numbers_fail(raw: str):
    with pytest.raises(ValueError):
        rules.normalise_phone(raw)


@given(st.integers(min_value=20_000_000, max_value=99_999_999))
def test_every_norwegian_eight_digit_number_normalises(n: int):
    assert rules.normalise_phone(str(n)) == f"+47{n}"


@pytest.mark.parametrize("raw", ["a@b", "@example.org", "a b@example.org", "a@-x.org", "a@x..org"])
def test_bad_emails_fail(raw: str):
    with pytest.raises(ValueError):
        rules.normalise_email(raw)


def test_email_domain_is_lower_cased():
    assert rules.normalise_email(" Kari.Nordmann@Example.ORG ") == "Kari.Nordmann@example.org"


@pytest.mark.parametrize(
    "raw", ["ftp://x.example.org", "https://", "javascript:alert(1)", "localhost"]
)
def test_bad_urls_fail(raw: str):
    with pytest.raises(ValueError):
        rules.normalise_url(raw)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Grünerløkka", "grunerlokka"), ("TROMSØ", "tromso"), ("Ærlig Åsen", "aerlig asen"),
     ("Čáhcesuolu", "cahcesuolu"), ("Sámi", "sami")],
)  # fmt: skip
def test_fold(text: str, folded: str):
    assert rules.fold(text) == folded


@given(st.text())
def test_fold_is_idempotent_and_sort_key_total(text: str):
    assert rules.fold(rules.fold(text)) == rules.fold(text)
    assert isinstance(rules.sort_key(text), str)


def test_sort_key_follows_norwegian_alphabet():
    names = ["Åsen", "Øst", "Ærlig", "zebra", "Alna", "Émile"]
    assert sorted(names, key=rules.sort_key) == ["Alna", "Émile", "zebra", "Ærlig", "Øst", "Åsen"]
