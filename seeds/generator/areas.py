"""The areas: Oslo, its fifteen districts, and the counties and municipalities beyond it."""

from typing import Any

from registry.domain.enums import AreaKind

# fmt: off
# key, name, official district number (bydelsnummer), a postal code in the district
DISTRICTS = (
    ("alna", "Alna", "030112", "1051"),
    ("bjerke", "Bjerke", "030109", "0588"),
    ("frogner", "Frogner", "030105", "0260"),
    ("gamle-oslo", "Gamle Oslo", "030101", "0190"),
    ("grorud", "Grorud", "030110", "0950"),
    ("grunerlokka", "Grünerløkka", "030102", "0552"),
    ("nordre-aker", "Nordre Aker", "030108", "0850"),
    ("nordstrand", "Nordstrand", "030114", "1169"),
    ("sagene", "Sagene", "030103", "0461"),
    ("st-hanshaugen", "St. Hanshaugen", "030104", "0170"),
    ("stovner", "Stovner", "030111", "0985"),
    ("sondre-nordstrand", "Søndre Nordstrand", "030115", "1281"),
    ("ullern", "Ullern", "030106", "0380"),
    ("vestre-aker", "Vestre Aker", "030107", "0778"),
    ("ostensjo", "Østensjø", "030113", "0687"),
)

# key, name, kind, code (2024 numbering), part of
OTHER_AREAS = (
    ("oslo", "Oslo", AreaKind.MUNICIPALITY, "0301", None),
    ("akershus", "Akershus", AreaKind.COUNTY, "32", None),
    ("buskerud", "Buskerud", AreaKind.COUNTY, "33", None),
    ("innlandet", "Innlandet", AreaKind.COUNTY, "34", None),
    ("trondelag", "Trøndelag", AreaKind.COUNTY, "50", None),
    ("baerum", "Bærum", AreaKind.MUNICIPALITY, "3201", "akershus"),
    ("lillestrom", "Lillestrøm", AreaKind.MUNICIPALITY, "3205", "akershus"),
    ("drammen", "Drammen", AreaKind.MUNICIPALITY, "3301", "buskerud"),
    ("hamar", "Hamar", AreaKind.MUNICIPALITY, "3403", "innlandet"),
    ("grue", "Grue", AreaKind.MUNICIPALITY, "3417", "innlandet"),
    ("snasa", "Snåsa", AreaKind.MUNICIPALITY, "5041", "trondelag"),
)
# fmt: on
POSTAL = {key: postal for key, _, _, postal in DISTRICTS}
PLACE_NAMES = {key: name for key, name, *_ in (*DISTRICTS, *OTHER_AREAS)}


def area_entries() -> list[dict[str, Any]]:
    """Oslo first, then its districts, so the municipality precedes what is part of it."""
    oslo, *beyond = OTHER_AREAS
    areas = [{"key": oslo[0], "name": oslo[1], "kind": oslo[2], "code": oslo[3]}]
    for key, name, code, _ in DISTRICTS:
        areas.append(
            {"key": key, "name": name, "kind": AreaKind.DISTRICT, "code": code, "part_of": "oslo"}
        )
    for key, name, kind, code, part_of in beyond:
        area = {"key": key, "name": name, "kind": kind, "code": code}
        areas.append(area | ({"part_of": part_of} if part_of else {}))
    return areas
