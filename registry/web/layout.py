"""The frame every server-rendered page shares: language, styles, no inline scripts."""

import json
from html import escape

from starlette.responses import HTMLResponse


def data_block(value: object) -> str:
    """JSON for a `<script type="application/json">` block (the strict CSP allows no other)."""
    # "</" could end the block early; an escaped slash means the same in JSON.
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def head(title: str, lang: str, token: str, extra: str) -> str:
    """The opening of an app page, up to `<body>`: the session's CSRF token for its scripts,
    the site's styles, then `extra` (the page's own styles, scripts and data)."""
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="{escape(token)}">
<link rel="icon" href="data:,">
<title>{title} – Nettverksregisteret</title>
<link rel="stylesheet" href="/static/site.css">
{extra}
</head>
"""


def page(title: str, body: str, status: int = 200, lang: str = "nb") -> HTMLResponse:
    """A complete page; `body` is trusted markup, callers escape what they put in it."""
    html = f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} – Nettverksregisteret</title>
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<main class="narrow">
<h1>{escape(title)}</h1>
{body}
</main>
</body>
</html>
"""
    return HTMLResponse(html, status_code=status)
