"""The dashboard at `/`: the frame of the network map and the gap report.

The page holds no data: its scripts ask the GraphQL API for the map, the report and an
organisation's details, sending the session's CSRF token from the page's meta tag. The
language comes from `?lang=`, remembered in a cookie; bokmål otherwise.
"""

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from registry.domain.accounts import Caller, Role
from registry.domain.enums import OrganisationKind
from registry.domain.labels import language
from registry.http.auth import csrf_token
from registry.web.layout import data_block, head
from registry.web.texts import words

LANG_COOKIE = "registry_lang"
SCRIPTS = ("vendor/cytoscape/cytoscape.min.js",)
MODULE = "dashboard/main.js"


def _select(name: str, label: str, field: str, all_label: str) -> str:
    return (
        f'<div class="field"><label for="{name}">{label}</label>'
        f'<select id="{name}" name="{field}"><option value="">{all_label}</option></select></div>'
    )


def _filters(w: dict) -> str:
    kinds = "".join(
        f'<option value="{k.value}">{escape(w["kinds"][k.value])}</option>'
        for k in OrganisationKind
    )
    return f"""<form id="filters" class="filters" aria-labelledby="filters-title">
<h2 id="filters-title" class="visually-hidden">{w["filters"]}</h2>
{_select("f-community", w["community"], "communityIds", w["all"])}
{_select("f-area", w["district"], "areaIds", w["all"])}
<div class="field"><label for="f-kind">{w["kind"]}</label>
<select id="f-kind" name="kinds"><option value="">{w["all"]}</option>{kinds}</select></div>
{_select("f-topic", w["topic"], "topicIds", w["all"])}
{_select("f-year-from", w["yearFrom"], "yearFrom", w["all"])}
{_select("f-year-to", w["yearTo"], "yearTo", w["all"])}
<div class="buttons"><button type="submit">{w["apply"]}</button>
<button type="reset" class="secondary">{w["reset"]}</button></div>
</form>"""


def _exports(w: dict, contacts: bool, editor: bool) -> str:
    contact_links = (
        "".join(
            f'<a class="export" data-kind="contacts" data-format="{f}" '
            f'href="/export/contacts.{f}">{w["contactList"]} ({f.upper()})</a>'
            for f in ("csv", "xlsx", "vcf")
        )
        + f'<a class="export" data-kind="contacts" data-format="txt" '
        f'href="/export/contacts.txt">{w["recipients"]}</a>'
        + f'<a class="export" id="mail-bcc" data-kind="contacts" data-format="mailto" '
        f'href="/export/contacts.mailto">{w["mailBcc"]}</a>'
        + (f'<a href="/import">{w["importSheet"]}</a>' if editor else "")
        if contacts
        else f'<span class="note">{w["needsContactRole"]}</span>'
    )
    graph_links = "".join(
        f'<a class="export" data-kind="graph" data-format="{f}" '
        f'href="/export/graph.{f}">{w["graph"]} ({f.upper()})</a>'
        for f in ("graphml", "gexf", "json")
    )
    return f"""<nav class="exports" aria-labelledby="exports-title">
<h2 id="exports-title">{w["export"]}</h2>{contact_links}{graph_links}
<button type="button" id="export-png" class="secondary">{w["exportMap"]}</button>
<button type="button" id="print" class="secondary">{w["printReport"]}</button>
<details class="views"><summary>{w["views"]}</summary>
<form id="save-view" class="inline"><label for="view-name">{w["viewName"]}</label>
<input id="view-name" name="view-name" autocomplete="off" required>
<button type="submit">{w["saveView"]}</button></form>
<div id="saved-views"></div></details></nav>"""


def _map_section(w: dict, editor: bool) -> str:
    steps = "".join(f'<option value="{n}">{n}</option>' for n in (1, 2, 3))
    new_org = f'<button type="button" id="new-org">{w["newOrganisation"]}</button>'
    new_org = new_org if editor else ""
    return f"""<section id="map-area" class="map-area" aria-labelledby="map-title" tabindex="-1">
<h2 id="map-title">{w["map"]}</h2>
<div class="view-switch" role="group" aria-label="{w["mapView"]}">
<button type="button" id="view-overview" data-view="overview" aria-pressed="true">
{w["overview"]}</button>
<button type="button" id="view-orgs" data-view="orgs" aria-pressed="false">{w["orgMap"]}</button>
</div>
<div class="tools" id="org-tools">
<form id="find" class="inline"><label for="find-name">{w["search"]}</label>
<input id="find-name" list="org-names" autocomplete="off">
<button type="submit">{w["find"]}</button></form>
<datalist id="org-names"></datalist>
<div class="field"><label for="colour-by">{w["colourBy"]}</label><select id="colour-by">
<option value="kind">{w["byKind"]}</option><option value="group">{w["byCommunity"]}</option>
<option value="cluster">{w["byCluster"]}</option></select></div>
<div class="field"><label for="size-by">{w["sizeBy"]}</label><select id="size-by">
<option value="degree">{w["degree"]}</option><option value="betweenness">{w["betweenness"]}</option>
</select></div>
<form id="path" class="inline"><label for="path-from">{w["pathFrom"]}</label>
<input id="path-from" list="org-names" autocomplete="off">
<label for="path-to">{w["pathTo"]}</label><input id="path-to" list="org-names" autocomplete="off">
<button type="submit">{w["showPath"]}</button></form>
<div class="field check"><label for="all-ties">
<input type="checkbox" id="all-ties"> {w["allTies"]}</label></div>
<button type="button" id="show-all" class="secondary">{w["showAll"]}</button>
{new_org}</div>
<p id="status" class="status" role="status" aria-live="polite">{w["loading"]}</p>
<progress id="busy" class="busy" aria-label="{w["working"]}" hidden></progress>
<figure id="print-map" class="print-only"></figure>
<div class="map-wrap">
<div id="ov-cy" class="cy" role="img" aria-label="{escape(w["overviewLabel"])}"></div>
<div id="cy" class="cy" role="img" aria-label="{escape(w["mapLabel"])}"></div>
<aside id="details" class="details" aria-labelledby="details-title" tabindex="-1" hidden>
<div class="details-head"><h2 id="details-title">{w["details"]}</h2>
<button type="button" id="details-close" class="secondary">{w["close"]}</button></div>
<div class="neighbourhood" id="org-steps"><label for="steps">{w["steps"]}</label>
<select id="steps">{steps}</select>
<button type="button" id="show-steps">{w["neighbourhood"]}</button></div>
<div id="details-body"></div></aside>
</div>
<div id="overview-list" class="legend overview-list"></div>
<div id="legend" class="legend" aria-label="{w["legend"]}"></div>
</section>"""


def render(caller: Caller, token: str, lang: str) -> str:
    w = words(lang)
    contacts = caller.role.allows(Role.CONTACT_VIEWER)
    editor = caller.role.allows(Role.EDITOR)
    other = "en" if lang == "nb" else "nb"
    scripts = "".join(f'<script src="/static/{s}" defer></script>' for s in SCRIPTS)
    extra = f"""<link rel="stylesheet" href="/static/dashboard/dashboard.css">
{scripts}<script type="module" src="/static/{MODULE}"></script>
<script type="application/json" id="texts">{data_block(w)}</script>"""
    return (
        head(w["title"], lang, token, extra)
        + f"""<body data-contacts="{str(contacts).lower()}" data-edit="{str(editor).lower()}">
<a class="skip" href="#map-area">{w["skipMap"]}</a>
<a class="skip" href="#gap-report">{w["skipReport"]}</a>
<header class="top">
<h1>{w["title"]}</h1>
<div class="account">
<a href="?lang={other}" lang="{other}" hreflang="{other}">{w["otherLanguage"]}</a>
<span>{w["signedInAs"]} <strong>{escape(caller.username)}</strong></span>
<form method="post" action="/signout">
<input type="hidden" name="csrf_token" value="{escape(token)}">
<button type="submit" class="secondary">{w["signOut"]}</button></form>
</div>
</header>
{_filters(w)}
{_exports(w, contacts, editor)}
<main class="workspace">
{_map_section(w, editor)}
<section id="gap-report" class="report" aria-labelledby="report-title" tabindex="-1">
<h2 id="report-title">{w["gapReport"]}</h2>
<div id="report-body" aria-busy="true"><p>{w["loading"]}</p></div>
</section>
</main>
</body>
</html>
"""
    )


async def dashboard(request: Request) -> Response:
    asked = request.query_params.get("lang")
    lang = language(asked or request.cookies.get(LANG_COOKIE))
    html = render(request.state.caller, csrf_token(request.session), lang)
    response = HTMLResponse(html)
    if asked:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="strict")
    return response


def routes() -> list[Route]:
    return [Route("/", dashboard, methods=["GET"])]
