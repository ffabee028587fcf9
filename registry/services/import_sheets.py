"""The sheets of a file an import reads, and the names its rows may use for other nodes."""

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from registry.domain.enums import NodeKind
from registry.domain.rules import fold
from registry.services.spreadsheets import SHEETS, Rows, What, key
from registry.store.records import NodeRecord


@dataclass(frozen=True)
class Sheet:
    kind: NodeKind
    rows: Rows
    title: str | None  # named only when one workbook imports several sheets


class Names:
    """The nodes of one kind by folded name, organisations also by number."""

    def __init__(self, records: list[NodeRecord]) -> None:
        self.ids: dict[str, list[str]] = defaultdict(list)
        self.shown: list[str] = []
        for record in records:
            self.add(record.id, record.props)

    def add(self, node_id: str, props: dict[str, Any]) -> None:
        self.ids[fold(str(props.get("name", "")).strip())].append(node_id)
        self.shown.append(str(props.get("name", "")))
        if props.get("org_number"):
            self.ids[str(props["org_number"])].append(node_id)

    def find(self, text: str) -> list[str]:
        digits = re.sub(r"[\s.]", "", text)
        return self.ids.get(digits if re.fullmatch(r"[0-9]{9}", digits) else fold(text), [])


def pick_sheets(tables: dict[str, Rows], what: What) -> list[Sheet]:
    """The sheet named for `what` (else the first named for nothing else); for organisations
    also a sheet named for people, so that one workbook can carry both."""
    named = {w: t for t in tables for w, (_, names) in SHEETS.items() if key(t) in names}
    title = named.get(what) or next(
        (t for t in tables if t not in named.values()), next(iter(tables))
    )
    picked = [(what, title)]
    if what == "organisations" and named.get("people", title) != title:
        picked.append(("people", named["people"]))
    several = len(picked) > 1
    return [Sheet(SHEETS[w][0], tables[t], t if several else None) for w, t in picked]
