"""Which field each column of an imported file fills: a mapping given with the file, a
preset for a known layout (Enhetsregisteret's), or the header's own name in Norwegian or
English. Columns that fill no field are reported and ignored. A mapping used for a file is
remembered for the next file with the same headers.
"""

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from registry.domain.enums import NodeKind, OrganisationKind
from registry.domain.errors import NotFound, ValidationFailed
from registry.services.import_texts import near
from registry.services.spreadsheets import COLUMNS, HEADERS, key
from registry.store.base import Store

IGNORE = ""  # mapped to nothing: the column is left out
MAPPINGS = "import_mappings"  # the documents holding remembered mappings


@dataclass(frozen=True)
class Preset:
    columns: dict[str, str]  # key(header) -> field, pseudo-fields included
    prepare: Callable[[dict[str, Any]], dict[str, Any]]  # pseudo-fields -> fields
    derived: frozenset[str] = frozenset()  # fields an update leaves as the registry has them
    update: bool = True  # rows whose organisation number is known update that organisation
    pseudo: tuple[str, ...] = field(default=())


# Enhetsregisteret's organisation forms (organisasjonsform.kode) by the kind they suggest.
ORG_FORMS = {
    OrganisationKind.VOLUNTARY_ORGANISATION: "FLI STI",
    OrganisationKind.BUSINESS: "AS ASA ENK ANS DA NUF SA BA SPA",
    OrganisationKind.MUNICIPAL_UNIT: "KOMM KF",
    OrganisationKind.PUBLIC_BODY: "STAT SF FYLK IKS ORGL",
    OrganisationKind.FAITH_COMMUNITY: "KIRK",
}
FORM_KIND = {code: kind.value for kind, codes in ORG_FORMS.items() for code in codes.split()}
FALSE = {"", "false", "nei", "no", "0"}


def _enhetsregisteret(cells: dict[str, Any]) -> dict[str, Any]:
    """Organisation form and NACE code to a kind (religious organisations by their NACE
    code 94.91); deleted, bankrupt or winding up to archived."""
    form = str(cells.pop("org_form", "")).strip().upper()
    nace = str(cells.get("nace_code", ""))
    if form or nace:
        faith = nace.startswith("94.91")
        cells["kind"] = "FAITH_COMMUNITY" if faith else FORM_KIND.get(form, "OTHER")
    ended = [cells.pop(f, None) for f in ENHETSREGISTERET_ENDS]
    if any(v is not None for v in ended):
        cells["archived"] = any(str(v).strip().lower() not in FALSE for v in ended if v is not None)
    return cells


ENHETSREGISTERET_ENDS = ("deleted_on", "bankrupt", "winding_up", "forced_winding_up")
PRESETS = {
    "enhetsregisteret": Preset(
        columns={
            key(h): f
            for h, f in {
                "organisasjonsnummer": "org_number",
                "navn": "name",
                "organisasjonsform.kode": "org_form",
                "forretningsadresse.adresse": "street_address",
                "forretningsadresse.postnummer": "postal_code",
                "forretningsadresse.poststed": "city",
                "naeringskode1.kode": "nace_code",
                "hjemmeside": "website",
                "epostadresse": "email",
                "telefon": "phone",
                "slettedato": "deleted_on",
                "konkurs": "bankrupt",
                "underAvvikling": "winding_up",
                "underTvangsavviklingEllerTvangsopplosning": "forced_winding_up",
            }.items()
        },
        prepare=_enhetsregisteret,
        derived=frozenset({"kind"}),
        pseudo=("org_form", *ENHETSREGISTERET_ENDS),
    )
}


def preset(name: str | None) -> Preset | None:
    if not name:
        return None
    if name not in PRESETS:
        raise NotFound(f"no preset called '{name}': {', '.join(PRESETS)}", field="preset")
    return PRESETS[name]


def fields(kind: NodeKind, chosen: Preset | None = None) -> list[str]:
    """The fields a column may be mapped to."""
    return [*COLUMNS[kind], *(chosen.pseudo if chosen else ())]


def check_mapping(kind: NodeKind, mapping: Mapping[str, str], chosen: Preset | None) -> None:
    known = fields(kind, chosen)
    for header, name in mapping.items():
        if name != IGNORE and name not in known:
            hint = near(name, known)
            raise ValidationFailed(
                f"mapping: column '{header}' cannot fill '{name}'"
                + (f"; did you mean '{hint}'?" if hint else f": one of {', '.join(known)}"),
                field="mapping",
            )


def guess(
    kind: NodeKind, header: str, mapping: Mapping[str, str], chosen: Preset | None
) -> str | None:
    """The field a column fills, or None for a column left out."""
    found = {key(h): f for h, f in mapping.items()}.get(key(header))
    if found is None and chosen:
        found = chosen.columns.get(key(header))
    if found is None:
        found = HEADERS[kind].get(key(header))
    return found or None


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    """`Header=field` pairs as the command line takes them; `Header=` leaves a column out."""
    mapping = {}
    for pair in pairs:
        header, sep, name = pair.rpartition("=")
        if not sep or not header.strip():
            raise ValidationFailed(f"mapping: '{pair}' is not Header=field", field="mapping")
        mapping[header.strip()] = name.strip()
    return mapping


def _doc_id(kind: NodeKind, headers: list[str]) -> str:
    text = "\n".join([kind.value, *sorted(key(h) for h in headers if h)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


async def remembered(store: Store, kind: NodeKind, headers: list[str]) -> dict[str, str]:
    [doc] = await store.get_documents(MAPPINGS, [_doc_id(kind, headers)])
    return dict(doc.data["mapping"]) if doc else {}


async def remember(
    store: Store, kind: NodeKind, headers: list[str], mapping: Mapping[str, str]
) -> None:
    doc_id = _doc_id(kind, headers)
    [doc] = await store.get_documents(MAPPINGS, [doc_id])
    data = {"mapping": dict(mapping)}
    await store.save_document(MAPPINGS, doc_id, data, doc.version if doc else None)
