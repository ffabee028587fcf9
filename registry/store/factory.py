"""Pick and open the configured store."""

from registry.settings import Settings, StoreKind
from registry.store.base import Store
from registry.store.embedded import EmbeddedStore


def make_store(settings: Settings) -> Store:
    """The store the settings name, not yet opened."""
    if settings.store is StoreKind.NEO4J:
        from registry.store.neo4j import Neo4jStore  # the driver loads only when it is used

        return Neo4jStore(settings.neo4j)
    return EmbeddedStore(settings.database_path)
