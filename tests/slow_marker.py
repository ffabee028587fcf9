"""The `slow` marker: browser, fuzz, live-server and scale tests, left out by a quick run
with `-m "not slow and not neo4j"`.

A quick run is for the seconds between two edits: its property tests draw a quarter of their
Hypothesis examples (`examples`). A whole run, as CI's, draws them all.
"""

import re
from pathlib import Path

import pytest

SLOW_FIXTURES = {"live"}
QUICK_SHARE = 4  # a quick run draws 1/QUICK_SHARE of each property test's examples
_quick = False  # whether this run leaves slow tests out: set by pytest_configure
SLOW_MODULES = {
    *("test_fuzz.py", "test_oidc.py", "test_export_readers.py", "test_container.py"),
    *("test_browser.py", "test_map_browser.py", "test_advisers_page.py", "test_upload_browser.py"),
}


def pytest_configure(config: pytest.Config) -> None:
    global _quick
    _quick = _leaves_out_slow(config.option.markexpr)
    if _quick:
        from hypothesis import settings

        settings.register_profile("quick", max_examples=100 // QUICK_SHARE)
        settings.load_profile("quick")


def examples(full: int) -> int:
    """The examples a property test draws: `full` in a whole run, fewer in a quick one."""
    return max(10, full // QUICK_SHARE) if _quick else full


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """A module whose every test is slow is not even imported when `-m` leaves slow tests
    out: its imports (schemas, PDF, OIDC) would cost each xdist worker's start-up."""
    if collection_path.name in SLOW_MODULES and _quick:
        return True
    return None


def _leaves_out_slow(markexpr: str) -> bool:
    """Whether the -m expression is false for every test marked slow, whatever else it is."""
    from itertools import combinations

    from _pytest.mark.expression import Expression

    if not markexpr:
        return False
    others = sorted(set(re.findall(r"\w+", markexpr)) - {"and", "or", "not", "slow"})
    expression = Expression.compile(markexpr)

    def slow_and(marked: tuple[str, ...]) -> bool:
        return expression.evaluate(lambda name, /, **_: name == "slow" or name in marked)

    return not any(
        slow_and(marked) for size in range(len(others) + 1) for marked in combinations(others, size)
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks browser, fuzz and live-server tests `slow`, so a quick run can leave them out."""
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if (
            item.get_closest_marker("browser")
            or uses & SLOW_FIXTURES
            or item.path.name in SLOW_MODULES
        ):
            item.add_marker(pytest.mark.slow)
