"""Norwegian identifiers and contact channels: checked and normalised before they are stored."""

import re
import unicodedata
from urllib.parse import urlsplit

ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^[^@\s]{{1,64}}@{_LABEL}(?:\.{_LABEL})+$")
# Letters that NFKD does not decompose but a Norwegian or Sami user types without.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "å": "a", "đ": "d", "ŋ": "n", "ŧ": "t", "ß": "ss"})


def mod11_check_digit(first_eight: str) -> int | None:
    """The organisation number's control digit, or None when no valid digit exists (rest 1)."""
    rest = sum(int(d) * w for d, w in zip(first_eight, ORG_NUMBER_WEIGHTS, strict=True)) % 11
    if rest == 0:
        return 0
    if rest == 1:
        return None
    return 11 - rest


def normalise_org_number(value: str) -> str:
    """Strip spaces, then require 9 digits whose last is the MOD11 check digit."""
    digits = re.sub(r"[\s.]", "", value)
    if not re.fullmatch(r"[0-9]{9}", digits):
        raise ValueError("an organisation number has 9 digits")
    if mod11_check_digit(digits[:8]) != int(digits[8]):
        raise ValueError("the organisation number's check digit (MOD11) is wrong")
    return digits


def normalise_phone(value: str) -> str:
    """Norwegian numbers become +47XXXXXXXX; other countries keep E.164 form."""
    compact = re.sub(r"[\s().-]", "", value)
    if compact.startswith("0047"):
        compact = "+47" + compact[4:]
    if re.fullmatch(r"[0-9]{8}", compact):
        compact = "+47" + compact
    if compact.startswith("+47"):
        if not re.fullmatch(r"\+47[2-9][0-9]{7}", compact):
            raise ValueError("a Norwegian phone number has 8 digits after +47")
        return compact
    if not re.fullmatch(r"\+[1-9][0-9]{6,14}", compact):
        raise ValueError("a phone number is 8 Norwegian digits or +country code and number")
    return compact


def normalise_email(value: str) -> str:
    email = value.strip()
    if not _EMAIL.fullmatch(email):
        raise ValueError("not a valid e-mail address")
    local, domain = email.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def normalise_url(value: str) -> str:
    url = value.strip()
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname or "." not in parts.hostname:
        raise ValueError("a web address starts with http(s):// and names a host")
    return url


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")


def text(value: str) -> str:
    """Free text: line breaks and tabs are fine, other control characters (NUL…) are not."""
    if _CONTROL.search(value):
        raise ValueError("control characters are not allowed in text")
    return unicodedata.normalize("NFC", value)


def single_line(value: str) -> str:
    if "\n" in value or "\r" in value or "\t" in value:
        raise ValueError("a name is a single line")
    return text(value)


def fold(text: str) -> str:
    """Case- and accent-free form: 'tromso' finds 'Tromsø', 'grunerlokka' finds 'Grünerløkka'."""
    lowered = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_SORT = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def sort_key(name: str) -> str:
    """Norwegian alphabetical order (… z æ ø å) as a plain string both stores compare alike."""
    lowered = unicodedata.normalize("NFKC", name).casefold().translate(_SORT)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
