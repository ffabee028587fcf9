"""Configuration, read once from the environment (REGISTRY_*, NEO4J_*)."""

import os
import secrets
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from registry.private_files import private_dir


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


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
    # Bounds on every store call, in seconds, so an outage answers 503 instead of hanging:
    # opening a TCP connection and its Bolt handshake; getting a connection from the pool,
    # which includes opening one or checking that a pooled one still answers (so a hung
    # server is noticed within it); retrying a failed transaction (a dropped connection, a
    # deadlock, a cluster's leader change); one whole call, retries included, which is also
    # the server's transaction timeout. Raise query_timeout for a very large restore.
    connect_timeout: float = Field(default=3.0, gt=0)
    acquire_timeout: float = Field(default=5.0, gt=0)
    retry_timeout: float = Field(default=1.0, ge=0)
    query_timeout: float = Field(default=60.0, gt=0)


class OidcSettings(BaseSettings):
    """Single sign-on with the municipality's identity provider; off while issuer is empty."""

    model_config = SettingsConfigDict(env_prefix="REGISTRY_OIDC_")

    issuer: str = ""
    client_id: str = ""
    client_secret: SecretStr = SecretStr("")
    role_claim: str = "roles"
    # Claim value -> registry role, e.g. {"emi-registry-admin": "ADMIN"}; unmapped: no entry.
    role_map: dict[str, str] = Field(default_factory=dict)
    scopes: str = "openid email profile"


_WEAK_NEO4J_PASSWORDS = {"", "neo4j", "password", "change-me-please"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REGISTRY_")

    env: Environment = Environment.DEVELOPMENT
    store: StoreKind = StoreKind.EMBEDDED
    data_dir: Path = Field(default_factory=_default_data_dir)
    seeds_dir: Path = Path(__file__).resolve().parent.parent / "seeds"
    host: str = "127.0.0.1"
    port: int = 8000
    # Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For and
    # X-Forwarded-Proto are believed; empty: none, and the peer's address is the client's.
    trusted_proxies: str = ""
    log_level: Annotated[
        Literal["critical", "error", "warning", "info", "debug", "trace"],
        BeforeValidator(lambda level: level.lower() if isinstance(level, str) else level),
    ] = "info"
    # Signs session cookies. Outside development it must be set; in development a random
    # key is made and kept in the data directory.
    secret_key: SecretStr | None = None
    session_hours: int = 12
    secure_cookies: bool | None = None  # None: on in production
    rate_limit_per_minute: int = 600
    sign_in_attempts_per_minute: int = 10
    max_body_bytes: int = 256 * 1024
    cors_origins: list[str] = Field(default_factory=list)
    retention_days: int = 730
    token_days: int = 90
    # How long an API token's look-up is reused, in seconds (0: never). A token revoked or an
    # account changed by another process (the CLI, another worker) still works this long.
    token_cache_seconds: float = Field(default=5, ge=0, le=60)
    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)
    oidc: OidcSettings = Field(default_factory=OidcSettings)

    @property
    def database_path(self) -> Path:
        return self.data_dir / "registry.sqlite3"

    @property
    def cookies_secure(self) -> bool:
        if self.secure_cookies is None:
            return self.env is Environment.PRODUCTION
        return self.secure_cookies

    def check_secrets(self) -> None:
        """Refuse to run in production on missing or default secrets."""
        if self.env is not Environment.PRODUCTION:
            return
        key = self.secret_key.get_secret_value() if self.secret_key else ""
        if len(key) < 32:
            raise ValueError("REGISTRY_SECRET_KEY must be set to at least 32 random characters")
        weak = self.neo4j.password.get_secret_value() in _WEAK_NEO4J_PASSWORDS
        if self.store is StoreKind.NEO4J and weak:
            raise ValueError("NEO4J_PASSWORD is empty or a well-known default")

    def session_secret(self) -> str:
        if self.secret_key:
            return self.secret_key.get_secret_value()
        return _local_secret(self.data_dir / "secret_key")


def _local_secret(path: Path) -> str:
    """A random key kept beside the embedded store, readable by its owner only."""
    if not path.exists():
        private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()
