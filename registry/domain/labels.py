"""Names in bokmål (the default) and English for pages, exports and imports."""

LANGUAGES = ("nb", "en")

KIND_NAMES: dict[str, tuple[str, str]] = {
    "IMMIGRANT_ORGANISATION": ("innvandrerorganisasjon", "immigrant organisation"),
    "FAITH_COMMUNITY": ("tros- eller livssynssamfunn", "faith or belief community"),
    "VOLUNTARY_ORGANISATION": ("frivillig organisasjon", "voluntary organisation"),
    "RESOURCE_COMMUNITY": ("ressursmiljø", "resource community"),
    "MUNICIPAL_UNIT": ("kommunal enhet", "municipal unit"),
    "PUBLIC_BODY": ("annen offentlig instans", "other public body"),
    "BUSINESS": ("næringsliv", "business"),
    "EDUCATION": ("skole eller utdanning", "school or education"),
    "OTHER": ("annet", "other"),
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


def pick(table: dict[str, tuple[str, str]], lang: str) -> dict[str, str]:
    at = LANGUAGES.index(language(lang))
    return {key: pair[at] for key, pair in table.items()}


def contact_columns(lang: str) -> dict[str, str]:
    return pick(CONTACT_COLUMNS, lang)
