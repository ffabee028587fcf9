"""Configuration, read once from the environment (REGISTRY_*, NEO4J_*)."""

import os
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class StoreKind(StrEnum):
    EMBEDDED = "embedded"
    NEO4J = "neo4j"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "oslo-registry"


class Neo4jSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEO4J_")

    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: SecretStr = SecretStr("")
    database: str = "neo4j"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REGISTRY_")

    store: StoreKind = StoreKind.EMBEDDED
    data_dir: Path = Field(default_factory=_default_data_dir)
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)

    @property
    def database_path(self) -> Path:
        return self.data_dir / "registry.sqlite3"


@lru_cache
def get_settings() -> Settings:
    return Settings()
