"""The dashboard's words in Norwegian bokmål (the default) and English.

One table serves the server-rendered frame, the exports' column headings and the scripts,
which get the page language's half as a JSON data block (not a script, so the strict CSP
allows it).
"""

from typing import Any

from registry.domain.labels import KIND_NAMES

LANGUAGES = ("nb", "en")

_WORDS: dict[str, tuple[str, str]] = {
    # The frame and the filters.
    "title": ("Nettverkskart", "Network map"),
    "skipMap": ("Hopp til kartet", "Skip to the map"),
    "skipReport": ("Hopp til gaprapporten", "Skip to the gap report"),
    "otherLanguage": ("English", "Norsk"),
    "signedInAs": ("Innlogget som", "Signed in as"),
    "signOut": ("Logg ut", "Sign out"),
    "filters": ("Utvalg", "Filters"),
    "community": ("Minoritetsmiljø", "Community"),
    "district": ("Bydel / område", "District / area"),
    "kind": ("Type organisasjon", "Kind of organisation"),
    "topic": ("Tema", "Topic"),
    "yearFrom": ("Fra år", "From year"),
    "yearTo": ("Til år", "To year"),
    "all": ("Alle", "All"),
    "apply": ("Bruk utvalget", "Apply"),
    "reset": ("Nullstill", "Reset"),
    "export": ("Eksport for utvalget", "Export the selection"),
    "contactList": ("Kontaktliste", "Contact list"),
    "graph": ("Nettverk", "Network"),
    "needsContactRole": (
        "Kontaktlister krever rollen kontaktleser.",
        "Contact lists need the contact viewer role.",
    ),
    # The map and its tools.
    "map": ("Kart", "Map"),
    "mapLabel": (
        "Nettverkskart over organisasjonene. Gaprapporten under gir det samme som tabeller.",
        "Network map of the organisations. The gap report below gives the same as tables.",
    ),
    "search": ("Finn organisasjon", "Find organisation"),
    "find": ("Finn", "Find"),
    "colourBy": ("Farge etter", "Colour by"),
    "sizeBy": ("Størrelse etter", "Size by"),
    "byKind": ("type", "kind"),
    "byCommunity": ("minoritetsmiljø", "community"),
    "byCluster": ("klynge", "cluster"),
    "degree": ("antall bånd", "number of ties"),
    "betweenness": ("mellomplassering (betweenness)", "betweenness"),
    "pathFrom": ("Korteste vei fra", "Shortest path from"),
    "pathTo": ("til", "to"),
    "showPath": ("Vis vei", "Show path"),
    "allTies": ("Vis alle bånd", "Show all ties"),
    "showAll": ("Vis hele kartet", "Show the whole map"),
    "noPath": ("Ingen vei mellom dem.", "No path between them."),
    "notFound": ("Fant ingen organisasjon med det navnet.", "No organisation by that name."),
    "loading": ("Laster …", "Loading …"),
    "stale": ("(oppdateres – prøv igjen om litt)", "(updating – try again shortly)"),
    "shown": ("{n} organisasjoner og {m} bånd vist.", "{n} organisations and {m} ties shown."),
    "legend": ("Tegnforklaring", "Legend"),
    "public": ("offentlig", "public"),
    "minority": ("minoritetsmiljø", "minority"),
    "wider": ("storsamfunnet", "wider society"),
    "gapFlag": ("i et miljø med brobyggingsgap", "in a community with a bridging gap"),
    "brokerFlag": ("megler (broker)", "broker"),
    "hingeFlag": ("eneste bro for et miljø", "the only bridge of a community"),
    "fragileTie": ("skjørt bånd (eneste bro)", "fragile tie (the only bridge)"),
    "activityTie": ("felles aktivitet", "shared activity"),
    "partOfTie": ("del av (hierarki)", "part of (hierarchy)"),
    "collaborationTie": ("samarbeid", "collaboration"),
    "others": ("andre", "others"),
    # The side panel.
    "details": ("Detaljer", "Details"),
    "close": ("Lukk", "Close"),
    "neighbourhood": ("Vis nabolag", "Show neighbourhood"),
    "steps": ("Antall steg", "Steps"),
    "orgNumber": ("Org.nr.", "Org. no."),
    "email": ("E-post", "Email"),
    "phone": ("Telefon", "Phone"),
    "website": ("Nettsted", "Website"),
    "address": ("Adresse", "Address"),
    "languages": ("Språk", "Languages"),
    "communities": ("Minoritetsmiljøer", "Communities"),
    "represents": ("representerer", "represents"),
    "serves": ("betjener", "serves"),
    "districts": ("Bydeler / områder", "Districts / areas"),
    "topics": ("Temaer", "Topics"),
    "activities": ("Aktiviteter", "Activities"),
    "contacts": ("Kontaktpersoner", "Contact persons"),
    "name": ("Navn", "Name"),
    "role": ("Rolle", "Role"),
    "organisations": ("Organisasjoner", "Organisations"),
    "organisation": ("Organisasjon", "Organisation"),
    "figures": ("Analyse", "Analysis"),
    "cluster": ("Klynge", "Cluster"),
    "eiOfCommunity": ("E-I-indeks for miljøet", "E-I index of its community"),
    "none": ("ingen", "none"),
    "marked": ("Markert som", "Marked as"),
    "error": ("Noe gikk galt: {m}", "Something went wrong: {m}"),
    # The gap report.
    "gapReport": ("Gaprapport", "Gap report"),
    "summary": ("Oversikt", "Summary"),
    "ties": ("Bånd", "Ties"),
    "gapCommunities": ("Miljøer med gap", "Communities with a gap"),
    "components": ("Sammenhengende deler", "Connected parts"),
    "bridges": ("Broer (bånd)", "Bridges (ties)"),
    "articulationPoints": ("Knutepunkter", "Articulation points"),
    "computedAt": ("Beregnet", "Computed"),
    "gapsTitle": ("Brobyggingsgap per miljø", "Bridging gaps by community"),
    "gapsIntro": (
        "Verst først. E-I-indeksen går fra −1 (bare bånd innad) til +1 (bare bånd utad).",
        "Worst first. The E-I index runs from −1 (only ties inside) to +1 (only ties outside).",
    ),
    "gap": ("Gap", "Gap"),
    "eiIndex": ("E-I-indeks", "E-I index"),
    "internalTies": ("Bånd innad", "Ties inside"),
    "publicTies": ("Til offentlig", "To public"),
    "widerTies": ("Til storsamfunnet", "To wider society"),
    "minorityTies": ("Til andre miljøer", "To other communities"),
    "hopsToPublic": ("Steg til offentlig", "Steps to public"),
    "NO_PATH": ("ingen vei til offentlig side", "no path to the public side"),
    "NO_BRIDGING_TIE": ("ingen direkte brobånd", "no direct bridging tie"),
    "SINGLE_BRIDGE": ("én eneste brobygger", "a single bridge"),
    "noGap": ("ingen", "none"),
    "brokersTitle": ("Meglere", "Brokers"),
    "side": ("Side", "Side"),
    "effectiveSize": ("Effektiv størrelse", "Effective size"),
    "constraint": ("Begrensning (constraint)", "Constraint"),
    "roles": ("Meglerroller", "Brokerage roles"),
    "fragileTitle": ("Skjøre broer", "Fragile bridges"),
    "hangsOn": ("hele broen henger på", "the whole bridge hangs on"),
    "hangsOnTie": ("hele broen henger på båndet", "the whole bridge hangs on the tie"),
    "exposed": (
        "{c}: {n} organisasjoner kan skjæres av",
        "{c}: {n} organisations could be cut off",
    ),
    "noFragile": ("Ingen skjøre broer.", "No fragile bridges."),
    "introductionsTitle": ("Anbefalte introduksjoner", "Recommended introductions"),
    "partner": ("Foreslått partner", "Suggested partner"),
    "score": ("Poeng", "Score"),
    "reasons": ("Hvorfor", "Why"),
    "sharedTopics": ("felles temaer", "shared topics"),
    "sameArea": ("samme område", "same area"),
    "commonPartners": ("felles partnere", "common partners"),
    "municipalUnit": ("kommunal enhet", "a municipal unit"),
    "noIntroductions": ("Ingen forslag.", "No suggestions."),
    "coverageTitle": ("Dekning: bydel × miljø", "Coverage: district × community"),
    "coverageIntro": (
        "Tallet er miljøets organisasjoner i bydelen. ✓: bånd til bydelens egne enheter; "
        "!: ingen slike bånd.",
        "The number is the community's organisations in the district. ✓: ties to the "
        "district's own units; !: no such ties.",
    ),
    "tied": ("har bånd", "tied"),
    "untied": ("mangler bånd", "not tied"),
    "chartOf": (
        "Diagram: {t}. Samme tall står i tabellen under.",
        "Chart: {t}. The table below holds the same figures.",
    ),
}

CONTACT_COLUMNS: dict[str, tuple[str, str]] = {
    "name": ("Navn", "Name"),
    "role": ("Rolle", "Role"),
    "email": ("E-post", "Email"),
    "phone": ("Telefon", "Phone"),
    "languages": ("Språk", "Languages"),
    "organisations": ("Organisasjon", "Organisation"),
    "kinds": ("Type organisasjon", "Kind of organisation"),
    "communities": ("Minoritetsmiljøer", "Communities"),
    "areas": ("Bydeler / områder", "Districts / areas"),
}


def language(value: str | None) -> str:
    return value if value in LANGUAGES else "nb"


def _pick(table: dict[str, tuple[str, str]], lang: str) -> dict[str, str]:
    at = LANGUAGES.index(language(lang))
    return {key: pair[at] for key, pair in table.items()}


def words(lang: str) -> dict[str, Any]:
    """Every word the page and its scripts use, in `lang`."""
    return _pick(_WORDS, lang) | {"kinds": _pick(KIND_NAMES, lang)}


def contact_columns(lang: str) -> dict[str, str]:
    return _pick(CONTACT_COLUMNS, lang)
