"""Names of the kinds of organisation in bokmål and English, for pages, exports and imports."""

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
