"""The frame every server-rendered page shares: language, styles, no inline scripts."""

from html import escape

from starlette.responses import HTMLResponse


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
