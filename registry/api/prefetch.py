"""What a list's page reads ahead with its nodes: the relationship fields its selection asks
for, so that a page of organisations with their contacts, communities, areas and topics is
one store read (one Cypher statement on Neo4j) instead of one a loader batch.

The table names the edges each field's resolver loads (`nodes.py`); a field missing from it
is still answered, through its loader, at the cost of a read of its own.
"""

from collections.abc import Iterable, Iterator

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from registry.api.access import refusal
from registry.domain.accounts import Role
from registry.domain.enums import EdgeType as E
from registry.store.query import Direction

Link = tuple[E, Direction]
OUT, IN = Direction.OUT, Direction.IN
READ_AHEAD: dict[str, dict[str, tuple[Link, ...]]] = {
    "Organisation": {
        "contacts": ((E.CONTACT_FOR, IN),),
        "represents": ((E.REPRESENTS, OUT),),
        "serves": ((E.SERVES, OUT),),
        "communities": ((E.REPRESENTS, OUT), (E.SERVES, OUT)),
        "areas": ((E.LOCATED_IN, OUT),),
        "topics": ((E.WORKS_ON, OUT),),
    },
}


def links_asked(type_name: str, selected: Iterable[Selection], role: Role) -> list[Link]:
    """The links to read ahead for the nodes a connection field (`selected`, as strawberry's
    `info.selected_fields` gives it) asks for in `edges { node { … } }` or `nodes { … }`,
    leaving out fields the role may not have."""
    table = READ_AHEAD.get(type_name, {})
    found: set[Link] = set()
    fields = (field for connection in _fields(selected) for field in _fields(connection.selections))
    for field in fields:
        nodes = _fields(field.selections) if field.name == "edges" else iter([field])
        for node in nodes:
            if node.name not in {"node", "nodes"}:
                continue
            for wanted in _fields(node.selections):
                if wanted.name in table and refusal(role, type_name, wanted.name) is None:
                    found.update(table[wanted.name])
    return sorted(found)


def _fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    """The fields of a selection set, those of its fragments included."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _fields(selection.selections)
