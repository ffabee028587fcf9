"""The request context: the store, this request's loaders, and who is asking."""

from dataclasses import dataclass, field

from strawberry.types import Info as StrawberryInfo

from registry.api.loaders import Loaders
from registry.store.base import Store


@dataclass
class Caller:
    """Who sent the request; access control fills in more than the name."""

    name: str = "anonymous"


@dataclass
class Context:
    store: Store
    loaders: Loaders
    caller: Caller = field(default_factory=Caller)


Info = StrawberryInfo[Context, None]
