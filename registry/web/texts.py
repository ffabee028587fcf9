"""The dashboard's words in Norwegian bokmål (the default) and English.

One table serves the server-rendered frame, the exports' column headings and the scripts,
which get the page language's half as a JSON data block (not a script, so the strict CSP
allows it).
"""

from typing import Any

from registry.domain.labels import KIND_NAMES, language, pick
from registry.web.texts_views import view_words

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
    "betweenness": ("brobyggerrolle (betweenness)", "bridging role (betweenness)"),
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
    "uncountedTie": (
        "teller ikke (avsluttet eller stort arrangement)",
        "does not count (ended, or a large event)",
    ),
    "activityTie": ("felles aktivitet", "shared activity"),
    "partOfTie": ("del av (hierarki)", "part of (hierarchy)"),
    "collaborationTie": ("samarbeid", "collaboration"),
    "others": ("andre", "others"),
    # The side panel.
    "details": ("Detaljer", "Details"),
    "close": ("Lukk", "Close"),
    "neighbourhood": ("Vis kontaktnettet rundt", "Show its contact network"),
    "steps": ("Antall ledd", "Links away"),
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
    "articulationPoints": ("Organisasjoner nettet henger på", "Organisations the network hangs on"),
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
    "CUT_OFF": ("avskåret", "cut off"),
    "SINGLE_BRIDGE": ("henger på én bro", "hangs on a single bridge"),
    "WEAKLY_BRIDGED": ("svakt brobygd", "weakly bridged"),
    "BRIDGED": ("brobygd", "bridged"),
    "TOO_SMALL": ("for lite til å vurdere", "too small to judge"),
    "status": ("Status", "Status"),
    "statusReason": ("Begrunnelse", "Reason"),
    # The reason for each status, from the figures the report gives (the same sentence as the
    # report's own English `reason`).
    "reasonTooSmall": (
        "{n} organisasjon(er) registrert: for få til å vurdere miljøet",
        "{n} organisation(s) registered: too few to judge the community",
    ),
    "reasonCutOff": (
        "ingen organisasjon har en vei av aktive bånd til det offentlige eller storsamfunnet",
        "no organisation has a path of active ties to the public side or wider society",
    ),
    "reasonSingleBridge": (
        "alle veier til det offentlige eller storsamfunnet går gjennom {names}",
        "every path to the public side or wider society passes {names}",
    ),
    "reasonFigures": (
        "{b} bånd til det offentlige eller storsamfunnet der tilfeldighet gir {e}",
        "{b} ties to the public side or wider society where chance gives {e}",
    ),
    "reasonSeveralPaths": ("flere uavhengige veier", "several independent paths"),
    "and": ("og", "and"),
    # An introduction's reasons, from the figures behind them.
    "gainStatus": ("{c}: {from} → {to}", "{c}: {from} → {to}"),
    "gainReached": (
        "{n} organisasjon(er) i {c} når det offentlige eller storsamfunnet",
        "{n} organisation(s) of {c} newly reach the bridging side",
    ),
    "gainLessFragile": ("{n} færre enkeltpunkter", "{n} fewer single points of failure"),
    "sameDistrict": ("samme bydel: {names}", "same district: {names}"),
    "sharedTopics": ("felles tema: {names}", "shared topics: {names}"),
    "commonPartners": ("felles samarbeidspartnere: {n}", "common partners: {n}"),
    "eiExpected": ("E-I ved tilfeldighet", "E-I by chance"),
    "asOf": ("Per dato", "As of"),
    "gain": ("Gevinst", "Gain"),
    "subsetBetweenness": ("Mellomhet mot offentlig side", "Subset betweenness to the public side"),
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


# Why a community with a gap gets no introduction: the report's English `introductionsNote`,
# in bokmål.
WHY_NONE_NB: dict[str, str] = {
    "no organisation represents it, so there is no one to introduce": (
        "ingen organisasjon representerer miljøet, så det er ingen å introdusere"
    ),
    "no organisation on the public side or in the wider society to meet": (
        "ingen organisasjon på offentlig side eller i storsamfunnet å møte"
    ),
    "no single new tie from its organisations would change its status or remove a "
    "single point of failure": (
        "ingen enkelt ny forbindelse fra miljøets organisasjoner ville endre statusen "
        "eller fjerne et enkeltpunkt"
    ),
    "no organisation on the public side or in the wider society shares a district, a "
    "partner or a topic with its organisations": (
        "ingen organisasjon på offentlig side eller i storsamfunnet deler bydel, "
        "samarbeidspartner eller tema med miljøets organisasjoner"
    ),
}


def words(lang: str) -> dict[str, Any]:
    """Every word the page and its scripts use, in `lang`."""
    why_none = WHY_NONE_NB if language(lang) == "nb" else {}
    kinds = pick(KIND_NAMES, lang)
    return pick(_WORDS, lang) | view_words(lang) | {"kinds": kinds, "whyNone": why_none}
