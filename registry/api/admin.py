"""Administration in GraphQL: accounts, tokens, the audit log, and personal-data duties.

Roles are checked by the access extension (FIELD_ROLES); these resolvers only do the work.
"""

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.scalars import JSON

from registry.api.context import Info
from registry.api.nodes import Person, to_type
from registry.api.pagination import Connection, connection
from registry.domain.accounts import Account as AccountModel
from registry.domain.accounts import ApiToken, Role
from registry.domain.audit import AuditEntry
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import NotFound
from registry.services import accounts
from registry.store.query import AuditQuery, Direction, EdgeQuery, NodeQuery, Order
from registry.store.records import NodeRecord

if TYPE_CHECKING:  # strawberry.enum returns the enum it was given, as an untyped value
    RoleType = Role
else:
    RoleType = strawberry.enum(
        Role, description="Each role may do all that the ones before it may."
    )


@strawberry.type
class Account:
    id: strawberry.ID
    username: str
    role: RoleType
    disabled: bool
    must_change_password: bool
    version: int
    created_at: str

    @classmethod
    def of(cls, a: AccountModel) -> "Account":
        return cls(id=strawberry.ID(a.id), username=a.username, role=a.role, disabled=a.disabled,
                   must_change_password=a.must_change_password, version=a.version,
                   created_at=a.created_at)  # fmt: skip


@strawberry.type(description="An account with a password shown this once.")
class AccountWithPassword:
    account: Account
    one_time_password: str


@strawberry.type(description="An API token; its secret is never shown again after creation.")
class Token:
    id: strawberry.ID
    account_id: strawberry.ID
    role: RoleType
    label: str
    expires_at: str
    revoked: bool

    @classmethod
    def of(cls, t: ApiToken) -> "Token":
        return cls(id=strawberry.ID(t.id), account_id=strawberry.ID(t.account_id), role=t.role,
                   label=t.label, expires_at=t.expires_at, revoked=t.revoked)  # fmt: skip


@strawberry.type
class TokenWithSecret:
    token: Token
    secret: str = strawberry.field(description="Send as `Authorization: Bearer <secret>`.")


@strawberry.type(name="AuditEntry", description="One recorded use: ids and filters, no data.")
class AuditRow:
    seq: int
    at: str
    actor: str
    action: str
    targets: list[str]
    details: JSON
    outcome: str

    @classmethod
    def of(cls, e: AuditEntry) -> "AuditRow":
        return cls(seq=e.seq, at=e.at, actor=e.actor, action=e.action, targets=list(e.targets),
                   details=JSON(e.details), outcome=e.outcome)  # fmt: skip


@strawberry.input
class AuditFilter:
    actor: str | None = None
    action_prefix: str | None = None
    target: strawberry.ID | None = None
    since: str | None = None
    until: str | None = None


async def _account(info: Info, account_id: str) -> AccountModel:
    found = await accounts.get_account(info.context.store, account_id)
    if found is None:
        raise NotFound(f"no account {account_id}", field="id")
    return found


async def _person(info: Info, person_id: str) -> NodeRecord:
    [record] = await info.context.store.get_nodes([person_id])
    if record is None or record.kind is not NodeKind.PERSON:
        raise NotFound(f"no person {person_id}", field="id")
    return record


def to_person(record: NodeRecord) -> Person:
    person = to_type(record)
    assert isinstance(person, Person), "a person's record makes a Person"
    return person


@strawberry.type
class AdminQuery:
    @strawberry.field(description="Every account.")
    async def accounts(self, info: Info) -> list[Account]:
        return [Account.of(a) for a in await accounts.all_accounts(info.context.store)]

    @strawberry.field(description="API tokens, without secrets: administrators see every one, "
                      "anyone else their own.")  # fmt: skip
    async def tokens(self, info: Info) -> list[Token]:
        caller = info.context.caller
        return [Token.of(t) for t in await accounts.tokens_for(info.context.store, caller)]

    @strawberry.field(description="The audit log, newest first.")
    async def audit_log(
        self, info: Info, filter: AuditFilter | None = None, first: int | None = None,
        after: str | None = None,
    ) -> Connection[AuditRow]:  # fmt: skip
        f = filter or AuditFilter()
        query = AuditQuery(f.actor, f.action_prefix, f.target, f.since, f.until)
        store = info.context.store
        await info.context.trail.flush()
        return await connection(
            first, after, lambda o, n: store.find_audit(query, o, n),
            lambda: store.count_audit(query), AuditRow.of,
        )  # fmt: skip

    @strawberry.field(description="Contacts not verified within `olderThanDays` (default from "
                      "REGISTRY_RETENTION_DAYS): review, re-verify or erase them.")  # fmt: skip
    async def retention_review(
        self, info: Info, older_than_days: int | None = None
    ) -> list[Person]:
        days = older_than_days or info.context.settings.retention_days
        cutoff = (datetime.now(UTC) - timedelta(days=days)).date()
        people = await info.context.store.find_nodes(
            NodeQuery(NodeKind.PERSON, archived=None), Order()
        )
        never = date.min.isoformat()
        return [
            to_person(p) for p in people if p.props.get("last_verified", never) < cutoff.isoformat()
        ]

    @strawberry.field(description="Everything held about one person (right of access).")
    async def personal_data(self, info: Info, person_id: strawberry.ID) -> JSON:
        store = info.context.store
        person = await _person(info, person_id)
        ties = await store.find_edges(EdgeQuery(tuple(EdgeType), (person.id,), Direction.BOTH))
        others = await store.get_nodes([e.other(person.id) for e in ties])
        await info.context.trail.flush()
        uses = await store.find_audit(AuditQuery(target=person.id))
        info.context.audit("personal-data:access-report", [person.id], {})
        held: dict[str, Any] = {"id": person.id, **person.props, "created_at": person.created_at,
                                "updated_at": person.updated_at}  # fmt: skip
        return JSON({
            "person": held,
            "ties": [{"type": e.type.value, "to": o.props.get("name") if o else None, **e.props}
                     for e, o in zip(ties, others, strict=True)],
            "recorded_uses": [{"at": u.at, "action": u.action, "actor": u.actor} for u in uses],
        })  # fmt: skip
