"""The words of the overview, the view switch, saved views and the page's editing forms,
in Norwegian bokmål and English; `texts.words` merges them into the page's table."""

from registry.domain.labels import pick

WORDS: dict[str, tuple[str, str]] = {
    "mapView": ("Visning av kartet", "Map view"),
    "overview": ("Oversikt over miljøene", "Overview of the communities"),
    "orgMap": ("Organisasjonskart", "Organisation map"),
    "overviewLabel": (
        "Oversikt: hvert minoritetsmiljø som én sirkel, farget etter status. "
        "Listen under kartet gir det samme.",
        "Overview: each community as one circle, coloured by its status. "
        "The list below the map gives the same.",
    ),
    "communitiesByStatus": ("Miljøene, de med gap først", "The communities, gaps first"),
    "orgCount": ("{n} organisasjoner", "{n} organisations"),
    "showInMap": ("Vis miljøet i organisasjonskartet", "Show it in the organisation map"),
    "bridgesOut": ("Bånd ut av miljøet", "Ties out of the community"),
    "noBridges": ("Ingen bånd ut av miljøet.", "No ties out of the community."),
    "andMore": ("… og {n} til.", "… and {n} more."),
    "overviewShown": (
        "{c} miljøer: {g} med gap. Velg et miljø for å se organisasjonene og broene.",
        "{c} communities: {g} with a gap. Choose one to see its organisations and bridges.",
    ),
    "highlighted": ("Uthevet: {c}", "Highlighted: {c}"),
    # Saved views and sharing.
    "views": ("Lagrede visninger", "Saved views"),
    "viewName": ("Navn på visningen", "Name of the view"),
    "saveView": ("Lagre visningen", "Save the view"),
    "openView": ("Åpne", "Open"),
    "noViews": ("Ingen lagrede visninger", "No saved views"),
    "viewSaved": ("Visningen «{n}» er lagret.", "The view “{n}” is saved."),
    "copyLink": ("Kopier lenke til visningen", "Copy a link to the view"),
    "linkCopied": ("Lenken er kopiert.", "The link is copied."),
    # Export of the map and the report.
    "exportMap": ("Kartet som PNG", "The map as PNG"),
    "recipients": ("Mottakerliste (Bcc)", "Recipient list (Bcc)"),
    "mailBcc": ("Skriv e-post til utvalget (Bcc)", "E-mail the selection (Bcc)"),
    "importSheet": ("Importer fra regneark", "Import from a spreadsheet"),
    "printReport": ("Skriv ut / lagre som PDF", "Print / save as PDF"),
    "working": ("Arbeider …", "Working …"),
}

STATUS: dict[str, tuple[str, str]] = {
    "CUT_OFF": ("avskåret", "cut off"),
    "SINGLE_BRIDGE": ("én eneste bro", "a single bridge"),
    "WEAKLY_BRIDGED": ("svakt koblet", "weakly bridged"),
    "BRIDGED": ("godt koblet", "bridged"),
    "TOO_SMALL": ("for lite til å vurdere", "too small to judge"),
}

STATUS_NOTE: dict[str, tuple[str, str]] = {
    "CUT_OFF": (
        "Ingen av miljøets organisasjoner har noen vei til kommunen eller andre offentlige "
        "instanser. Her trengs en første kontakt.",
        "None of the community's organisations has any path to the municipality or other "
        "public bodies. A first contact is needed here.",
    ),
    "SINGLE_BRIDGE": (
        "All kontakt med offentlig side går gjennom én organisasjon. Faller den bort, "
        "er miljøet avskåret.",
        "All contact with the public side goes through one organisation. If it drops out, "
        "the community is cut off.",
    ),
    "WEAKLY_BRIDGED": (
        "Miljøet har bare bånd til andre minoritetsmiljøer, ingen direkte til offentlig "
        "side eller storsamfunnet.",
        "The community is tied only to other minority communities, with no direct tie to "
        "the public side or the wider society.",
    ),
    "BRIDGED": (
        "Miljøet har flere bånd til offentlig side og storsamfunnet.",
        "The community has several ties to the public side and the wider society.",
    ),
    "TOO_SMALL": (
        "Miljøet har for få organisasjoner i registeret til å vurderes.",
        "The community has too few organisations in the registry to judge.",
    ),
}


EDITING: dict[str, tuple[str, str]] = {
    "edit": ("Endre", "Edit"),
    "editOrganisation": ("Endre organisasjonen", "Edit the organisation"),
    "newOrganisation": ("Ny organisasjon", "New organisation"),
    "newContact": ("Ny kontaktperson", "New contact person"),
    "editContact": ("Endre {n}", "Edit {n}"),
    "save": ("Lagre", "Save"),
    "add": ("Legg til", "Add"),
    "saved": ("Lagret.", "Saved."),
    "archive": ("Arkiver", "Archive"),
    "archived": ("{n} er arkivert.", "{n} is archived."),
    "confirmArchive": (
        "Arkivere {n}? Den forsvinner fra kartet.",
        "Archive {n}? It leaves the map.",
    ),
    "conflict": (
        "Noen andre har lagret en endring mens du skrev. Det du skrev er ikke lagret.",
        "Someone else saved a change while you were writing. What you wrote is not saved.",
    ),
    "reloadNow": ("Hent den nye versjonen", "Load the new version"),
    "fieldError": ("Ugyldig: {m}", "Not valid: {m}"),
    "addLink": ("Knytt til miljø, bydel eller tema", "Link to a community, district or topic"),
    "linkType": ("Hvordan", "How"),
    "linkTarget": ("Til", "To"),
    "collaborationPartner": ("Samarbeidspartner", "Partner"),
    "addCollaboration": ("Nytt samarbeid", "New collaboration"),
}

FIELDS: dict[str, tuple[str, str]] = {
    "name": ("Navn", "Name"),
    "kind": ("Type organisasjon", "Kind of organisation"),
    "email": ("E-post", "Email"),
    "phone": ("Telefon", "Phone"),
    "website": ("Nettsted", "Website"),
    "streetAddress": ("Gateadresse", "Street address"),
    "postalCode": ("Postnummer", "Postal code"),
    "city": ("Poststed", "City"),
    "description": ("Beskrivelse", "Description"),
    "role": ("Rolle", "Role"),
}

LINK_TYPES: dict[str, tuple[str, str]] = {
    "REPRESENTS": ("representerer miljøet", "represents the community"),
    "SERVES": ("betjener miljøet", "serves the community"),
    "LOCATED_IN": ("ligger i bydelen / området", "is in the district / area"),
    "WORKS_ON": ("arbeider med temaet", "works on the topic"),
}


def view_words(lang: str) -> dict[str, object]:
    return (
        pick(WORDS, lang)
        | pick(EDITING, lang)
        | {
            "statusNames": pick(STATUS, lang),
            "statusNote": pick(STATUS_NOTE, lang),
            "fields": pick(FIELDS, lang),
            "linkTypes": pick(LINK_TYPES, lang),
        }
    )
