import json
import math
from datetime import datetime

from registry.analysis.report import full_report, jsonable

from .networks import network
from .test_communities import ORGS, TIES

KEYS = {
    "timestamp", "computed_in_ms", "timings_ms", "parameters", "summary", "communities",
    "brokers", "fragility", "clusters", "introductions", "districts", "trend",
}  # fmt: skip


def test_the_full_report_is_json_with_every_part() -> None:
    G = network(ORGS, TIES, start_date="2024-01-01")
    report = full_report(G, "emi", top=3)
    assert set(report) == KEYS
    json.dumps(report, allow_nan=False)
    datetime.fromisoformat(report["timestamp"])
    assert report["computed_in_ms"] >= max(report["timings_ms"].values())
    assert report["parameters"] == {
        "emi_id": "emi",
        "seed": 0,
        "current_year": 2026,
        "betweenness": {"exact": True, "k": None, "seed": None},
    }
    summary = report["summary"]
    assert (summary["organisations"], summary["ties"]) == (18, 15)
    assert (summary["public"], summary["minority"], summary["wider"]) == (3, 14, 1)
    assert (summary["communities"], summary["gap_communities"]) == (6, 3)
    assert summary["isolates"] == ["z3"]
    assert [c["community"] for c in report["communities"]][:3] == ["gamma", "beta", "delta"]
    delta = report["communities"][2]
    # All three reach the public side through bydel, two of them through d1, one through d2.
    assert [(b["organisation"], b["score"], b["share"]) for b in delta["brokers"]] == [
        ("bydel", 3.0, 1.0),
        ("d1", 2.0, 2 / 3),
        ("d2", 1.0, 1 / 3),
    ]
    assert set(report["introductions"]) == {"gamma", "beta", "delta"}
    assert len(report["brokers"]["top"]) == 3
    assert report["brokers"]["top"][0]["organisation"] == "emi"
    assert set(report["brokers"]["top"][0]["roles"]) == {
        "coordinator", "gatekeeper", "representative", "itinerant", "liaison",
    }  # fmt: skip
    assert [y["year"] for y in report["trend"]] == [2024, 2025, 2026]


def test_sampled_betweenness_reports_its_sample() -> None:
    report = full_report(network(ORGS, TIES), None, exact_limit=5, k=4, seed=7)
    assert report["parameters"]["betweenness"] == {"exact": False, "k": 4, "seed": 7}
    assert report["parameters"]["emi_id"] is None


def test_jsonable() -> None:
    assert jsonable({1: {3, 1}, "t": (1, math.nan), "f": frozenset()}) == {
        "1": [1, 3],
        "t": [1, None],
        "f": [],
    }


def test_an_empty_network_has_a_report_too() -> None:
    report = full_report(network({}))
    assert report["summary"]["organisations"] == 0
    assert report["communities"] == report["trend"] == report["clusters"]["clusters"] == []
