"""The embedded store's files hold personal data and password and token hashes: its data
directory is made readable by its owner only (0700), its files 0600, whatever the umask.
(Neo4j keeps its own files: its server, not this code, sets their modes.)"""

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.settings import Settings
from registry.store.embedded import EmbeddedStore


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The common default umask, under which new files are world-readable."""
    old = os.umask(0o022)
    yield
    os.umask(old)


async def test_a_new_store_is_private(tmp_path: Path, open_umask: None):
    data = tmp_path / "data"
    store = EmbeddedStore(data / "registry.sqlite3")
    await store.open()
    try:
        await store.save_document("accounts", "a", {"name": "x"}, None)
        files = sorted(data.iterdir())
        # WAL mode: the write-ahead log and shared-memory files exist while the store is open.
        assert {f.name for f in files} >= {"registry.sqlite3", "registry.sqlite3-wal"}
        assert mode(data) == 0o700
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        await store.close()


async def test_an_existing_readable_database_is_made_private(tmp_path: Path, open_umask: None):
    path = tmp_path / "registry.sqlite3"
    store = EmbeddedStore(path)
    await store.open()
    await store.close()
    path.chmod(0o644)  # as an older version left it
    await store.open()
    await store.close()
    assert mode(path) == 0o600


def test_the_local_secret_key_and_its_directory_are_private(tmp_path: Path, open_umask: None):
    settings = Settings(data_dir=tmp_path / "fresh")
    assert settings.session_secret()
    assert mode(tmp_path / "fresh") == 0o700
    assert mode(tmp_path / "fresh" / "secret_key") == 0o600
