"""The one guard against open redirects: where a `next` parameter may send a user."""

from typing import Any
from urllib.parse import quote


def local_path(target: Any) -> str:
    """`target` if it is a path on this site, else "/"; percent-encoded for any header.

    Browsers read a backslash as a slash, so "/\\evil.example" would leave the site, like
    "//evil.example" does.
    """
    text = str(target or "/")
    safe = text.startswith("/") and not text.startswith("//") and "\\" not in text
    return quote(text, safe="/?&=#%:@+,;!$'()*~-._") if safe and text.isprintable() else "/"
