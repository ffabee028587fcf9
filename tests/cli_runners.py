"""Fixtures that run `registry` commands in a data directory of their own."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported in the fixtures, as in conftest.py
    from typer.testing import CliRunner


def _use_data_dir(monkeypatch: pytest.MonkeyPatch, data: Path) -> None:
    from registry.settings import get_settings

    monkeypatch.setenv("REGISTRY_DATA_DIR", str(data))
    get_settings.cache_clear()


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """Runs `registry` commands against an embedded store in a fresh data directory."""
    from typer.testing import CliRunner

    from registry.settings import get_settings

    _use_data_dir(monkeypatch, tmp_path / "data")
    yield CliRunner()
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def seeded_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory after `registry seed`, made once, for `seeded_runner` to copy."""
    from typer.testing import CliRunner

    from registry.cli.main import app
    from registry.settings import get_settings

    data = tmp_path_factory.mktemp("seeded") / "data"
    with pytest.MonkeyPatch.context() as monkeypatch:
        _use_data_dir(monkeypatch, data)
        seeded = CliRunner().invoke(app, ["seed"])
        assert seeded.exit_code == 0, seeded.output
    get_settings.cache_clear()
    return data


@pytest.fixture
def seeded_runner(runner: CliRunner, tmp_path: Path, seeded_data_dir: Path) -> CliRunner:
    """`runner`, its data directory a copy of one where `registry seed` has run."""
    shutil.copytree(seeded_data_dir, tmp_path / "data")
    return runner
