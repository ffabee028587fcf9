"""The Mutation root: create, update, archive and delete every kind, and link or unlink them.

Each mutation is one store transaction; a refused one leaves the store as it was.
"""

from typing import Any

import strawberry
from strawberry.experimental import pydantic as sp

from registry.api.context import Info
from registry.api.inputs import INPUTS, CollaborationPatch, LinkInput, TiePatch, to_props
from registry.api.nodes import TYPES, to_type
from registry.api.ties import Collaboration, Link, to_collaboration
from registry.domain import graph, models
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import NotFound, RegistryError, ValidationFailed
from registry.services.access import may_restrict, seen_nodes, visible_tie
from registry.store.base import NewEdge
from registry.store.records import EdgeRecord, NodeRecord
from registry.store.rules import missing


@strawberry.type(description="What a delete removed.")
class Deleted:
    id: strawberry.ID


@sp.input(model=models.Collaboration, all_fields=True, name="CollaborationInput")
class CollaborationInput:
    organisation_id: strawberry.ID
    partner_id: strawberry.ID


def _merge(current: dict[str, Any], patch: dict[str, Any], clear: list[str] | None) -> dict:
    cleared = {_snake(name) for name in clear or []}
    unknown = cleared - set(current) - set(patch)
    merged = {k: v for k, v in {**current, **patch}.items() if k not in cleared}
    if unknown & {"name", "kind", "dimension"}:
        raise ValidationFailed(
            "a required field cannot be cleared", field=graph.camel(unknown.pop())
        )
    return merged


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


async def _current(info: Info, node_id: str, kind: NodeKind) -> NodeRecord:
    """The node as stored now (not as this request's loaders cached it), if the caller sees it."""
    [record] = await seen_nodes(info.context.store, info.context.caller, [node_id])
    if record is None or record.kind is not kind:
        raise NotFound(f"no {kind.value} with id {node_id}", field="id")
    return record


async def _current_edge(info: Info, edge_id: str, types: set[EdgeType] | None) -> EdgeRecord:
    store = info.context.store
    [edge] = await store.get_edges([edge_id])
    if (
        edge is None
        or (types is not None and edge.type not in types)
        or not visible_tie(info.context.caller, await store.get_nodes([edge.from_id, edge.to_id]))
    ):
        raise NotFound(f"no tie with id {edge_id}", field="id")
    return edge


async def _create_edge(info: Info, edge: NewEdge) -> EdgeRecord:
    """Creates the tie; an end the caller may not see is refused as the store refuses a
    wrong id. A tie to itself is left to the store, which refuses it before looking."""
    if edge.from_id != edge.to_id:
        ids = (edge.from_id, edge.to_id)
        ends = await seen_nodes(info.context.store, info.context.caller, ids)
        for end, seen, field in zip(ids, ends, ("sourceId", "targetId"), strict=True):
            if seen is None:
                raise missing("node", end, field)
    return await info.context.store.create_edge(edge)


def _node_mutations(kind: NodeKind) -> dict[str, Any]:
    out, (new, patch_type) = TYPES[kind], INPUTS[kind]
    label = kind.value
    one = f"{'an' if label[0] in 'AEIOU' else 'a'} {label}"

    async def create(info: Info, input: new) -> out:  # type: ignore[valid-type]
        props = graph.validate_node(kind, to_props(input))
        may_restrict(info.context.caller, {}, props)
        return to_type(await info.context.store.create_node(kind, props))

    async def update(
        info: Info,
        id: strawberry.ID,
        expected_version: int,
        patch: patch_type,  # type: ignore[valid-type]
        clear: list[str] | None = None,
    ) -> out:  # type: ignore[valid-type]
        current = await _current(info, id, kind)
        props = graph.validate_node(kind, _merge(current.props, to_props(patch), clear))
        may_restrict(info.context.caller, current.props, props)
        return to_type(await info.context.store.update_node(id, props, expected_version))

    async def archive(
        info: Info, id: strawberry.ID, expected_version: int, archived: bool = True
    ) -> out:  # type: ignore[valid-type]
        current = await _current(info, id, kind)
        props = {**current.props, "archived": archived}
        return to_type(await info.context.store.update_node(id, props, expected_version))

    async def delete(info: Info, id: strawberry.ID, expected_version: int | None = None) -> Deleted:
        await _current(info, id, kind)
        if kind is NodeKind.PERSON:  # personal data: no trace left, as with erasePerson
            await info.context.trail.flush()  # no entry naming the person may come after
            await info.context.store.erase_node(id, expected_version)
            info.context.forget(id)
        else:
            await info.context.store.delete_node(id, expected_version)
        return Deleted(id=id)

    return {
        f"create_{_snake(label)[1:]}": strawberry.mutation(
            resolver=create, description=f"Create {one}."
        ),
        f"update_{_snake(label)[1:]}": strawberry.mutation(
            resolver=update,
            description=f"Change {one}: the fields given, and those named in `clear`. "
            "Refused with CONFLICT when `expectedVersion` is not the current version.",
        ),
        f"archive_{_snake(label)[1:]}": strawberry.mutation(
            resolver=archive, description=f"Archive (or with archived: false, restore) {one}."
        ),
        f"delete_{_snake(label)[1:]}": strawberry.mutation(
            resolver=delete,
            description=f"Delete {one} and every tie it has."
            + (" Erased as by erasePerson: no trace remains." if kind is NodeKind.PERSON else ""),
        ),
    }


async def _renamed(coro: Any, names: dict[str, str]) -> Any:
    """Name the caller's own argument when the store blames an end of a tie."""
    try:
        return await coro
    except RegistryError as exc:
        exc.field = names.get(exc.field or "", exc.field)
        raise


@strawberry.type
class LinkMutations:
    @strawberry.mutation(description="Tie two nodes, such as an organisation to a community.")
    async def link(self, info: Info, input: LinkInput) -> Link:
        ends = {"type", "source_id", "target_id"}
        given = {k: v for k, v in to_props(input).items() if k not in ends}
        props = graph.validate_edge(input.type, given)
        edge = NewEdge(input.type, input.source_id, input.target_id, props)
        return Link.from_record(await _create_edge(info, edge))

    @strawberry.mutation(description="Change a tie's role or period.")
    async def update_link(
        self, info: Info, id: strawberry.ID, expected_version: int, patch: TiePatch
    ) -> Link:
        edge = await _current_edge(info, id, None)
        props = graph.validate_edge(edge.type, {**edge.props, **to_props(patch)})
        return Link.from_record(await info.context.store.update_edge(id, props, expected_version))

    @strawberry.mutation(description="Remove a tie of any kind.")
    async def unlink(self, info: Info, id: strawberry.ID) -> Deleted:
        await _current_edge(info, id, None)
        await info.context.store.delete_edge(id)
        return Deleted(id=id)

    @strawberry.mutation(description="Record a direct tie between two organisations.")
    async def create_collaboration(self, info: Info, input: CollaborationInput) -> Collaboration:
        given = to_props(input)
        ends = given.pop("organisation_id"), given.pop("partner_id")
        props = graph.validate_edge(EdgeType.COLLABORATES_WITH, given)
        edge = NewEdge(EdgeType.COLLABORATES_WITH, *ends, props)
        names = {"sourceId": "organisationId", "targetId": "partnerId"}
        return to_collaboration(await _renamed(_create_edge(info, edge), names))

    @strawberry.mutation(description="Change a collaboration; CONFLICT if it changed meanwhile.")
    async def update_collaboration(
        self,
        info: Info,
        id: strawberry.ID,
        expected_version: int,
        patch: CollaborationPatch,
        clear: list[str] | None = None,
    ) -> Collaboration:
        edge = await _current_edge(info, id, {EdgeType.COLLABORATES_WITH})
        props = graph.validate_edge(edge.type, _merge(edge.props, to_props(patch), clear))
        return to_collaboration(await info.context.store.update_edge(id, props, expected_version))


Mutation = strawberry.type(
    type(
        "Mutation",
        (LinkMutations,),
        {name: field for kind in NodeKind for name, field in _node_mutations(kind).items()},
    )
)
