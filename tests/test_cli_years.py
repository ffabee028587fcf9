"""The command line refuses year ranges the analysis would loop through for ever."""

import datetime

import pytest
from typer.testing import CliRunner

from registry.cli.main import app

LAST = datetime.date.today().year + 10


@pytest.mark.parametrize(
    "command",
    [
        ["analyze", "--from", "-2147483648", "--to", "2147483647"],
        ["analyze", "--to", str(LAST + 1)],
        ["export", "graph", "-o", "{out}", "--year-to", "2147483647"],
    ],
)
def test_years_out_of_range_exit_with_one_line(runner: CliRunner, tmp_path, command):
    args = [a.replace("{out}", str(tmp_path / "graph.graphml")) for a in command]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert f"a year from 1900 to {LAST}" in result.output
    assert len(result.output.strip().splitlines()) == 1
