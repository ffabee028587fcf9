"""The executor's short ways give what graphql-core's long way gives: the same data, the same
errors at the same paths, and the same personal reads noted for the audit."""

import gc
from types import SimpleNamespace

import pytest
import strawberry
from conftest import GraphQLClient
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from registry.api.context import Context
from registry.api.executor import Executor, resolve_directly
from registry.api.schema import schema
from registry.domain.accounts import Caller, Role
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.graph import validate_node
from registry.store.base import NewEdge, Store

ORGANISATION = """id version createdAt updatedAt name archived kind orgNumber email phone
  website streetAddress postalCode city naceCode description languages __typename"""
DOCUMENTS = [
    f"{{ organisations(first: 5) {{ totalCount edges {{ cursor node {{ {ORGANISATION} }} }} }} }}",
    """{ organisations { nodes { n: name, k: kind, ...F, communities { name dimension }
         areas { name kind code } topics { name } represents { id } serves { id } } } }
       fragment F on Organisation { contacts { name email phone restricted __typename } }""",
    """query($skip: Boolean!) { organisations { nodes { name @skip(if: $skip)
         email @include(if: $skip) contacts { name @include(if: $skip) id } } } }""",
    "{ people { nodes { name email organisations { name } } } }",
    "{ organisations { nodes { name contacts { name } } } communities { nodes { name } } }",
]


async def populate(store: Store) -> None:
    def make(node_kind: NodeKind, **props: object):
        return store.create_node(node_kind, validate_node(node_kind, props))

    community = await make(NodeKind.COMMUNITY, name="Tamiler", dimension="ORIGIN")
    area = await make(NodeKind.AREA, name="Grorud", kind="DISTRICT")
    for i in range(3):
        org = await make(
            NodeKind.ORGANISATION, name=f"Forening {i}", kind="IMMIGRANT_ORGANISATION", city="Oslo"
        )
        person = await make(NodeKind.PERSON, name=f"Kari {i}", email=f"kari{i}@example.org")
        await store.create_edge(NewEdge(EdgeType.CONTACT_FOR, person.id, org.id))
        await store.create_edge(NewEdge(EdgeType.REPRESENTS, org.id, community.id))
        await store.create_edge(NewEdge(EdgeType.LOCATED_IN, org.id, area.id))


async def answers(connect, monkeypatch, role: Role, executor: type) -> list:
    """Each document's body, and the audit entries' targets of answering it."""
    monkeypatch.setattr(schema, "execution_context_class", executor)
    noted: list[tuple[str, str]] = []
    real = Context.audit

    def noting(context, action, targets, details, outcome="ok"):
        noted.extend((action, target) for target in targets)
        real(context, action, targets, details, outcome)

    monkeypatch.setattr(Context, "audit", noting)
    http = await connect(role)
    found = []
    for document in DOCUMENTS:
        for skip in (True, False):
            body = {"query": document, "variables": {"skip": skip} if "$skip" in document else {}}
            found.append(((await http.post("/graphql", json=body)).json(), sorted(set(noted))))
            noted.clear()
    return found


@pytest.mark.asyncio(loop_scope="session")
@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTACT_VIEWER])
async def test_the_short_ways_answer_as_the_long_way(store, connect, monkeypatch, role):
    await populate(store)
    short = await answers(connect, monkeypatch, role, Executor)
    long = await answers(connect, monkeypatch, role, StrawberryGraphQLCoreExecutionContext)
    assert short == long
    assert any("errors" in body for body, _ in short) is (role is Role.VIEWER)
    assert any(noted for _, noted in short) is (role is Role.CONTACT_VIEWER)


@strawberry.type(name="Area")  # a name the access table gives to viewers
class Odd:
    name: str
    level: int
    note: str | None


@strawberry.type
class OddQuery:
    @strawberry.field
    def area(self) -> Odd:
        return Odd(name=None, level="high", note=None)  # type: ignore[arg-type]


@pytest.mark.asyncio(loop_scope="session")
async def test_leaves_the_short_way_cannot_take_fail_as_on_the_long_way():
    context = SimpleNamespace(caller=Caller("a", "a", Role.VIEWER), personal_reads=set())
    results = []
    for executor in (Executor, StrawberryGraphQLCoreExecutionContext):
        odd = strawberry.Schema(query=OddQuery, execution_context_class=executor)
        result = await odd.execute("{ area { note level name } }", context_value=context)
        results.append((result.data, [(e.message, e.path) for e in result.errors or []]))
    assert results[0] == results[1]
    assert results[0][0] is None and len(results[0][1]) == 1  # the first non-null failure


def test_only_resolvers_of_the_info_alone_are_resolved_directly():
    with pytest.raises(TypeError, match=r"Query\.organisations"):
        resolve_directly(schema._schema, {("Query", "organisations"): ()})  # it takes arguments


@pytest.mark.asyncio(loop_scope="session")
async def test_fields_not_read_ahead_are_left_to_the_long_way_uncalled(store, connect, recwarn):
    """One organisation has no page to read its links ahead: its relationship resolvers give
    awaitables, which the short way must not make and drop."""
    await populate(store)
    http = GraphQLClient(await connect(Role.CONTACT_VIEWER))
    [first, *_] = (await http.ok("{ organisations { nodes { id } } }"))["organisations"]["nodes"]
    one = "query($id: ID!) { organisation(id: $id) { communities { name } contacts { name } } }"
    found = (await http.ok(one, id=first["id"]))["organisation"]
    assert found == {"communities": [{"name": "Tamiler"}], "contacts": [{"name": "Kari 0"}]}
    gc.collect()
    assert not [w for w in recwarn if "never awaited" in str(w.message)]
