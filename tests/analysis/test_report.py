import json
import math
from datetime import date, datetime

from registry.analysis.report import full_report, jsonable

from .networks import AS_OF, network
from .test_communities import ORGS, TIES

KEYS = {
    "timestamp", "computedInMs", "timingsMs", "parameters", "tieModel", "summary", "communities",
    "brokers", "fragility", "clusters", "introductions", "districts", "trend",
}  # fmt: skip


def test_the_full_report_is_json_with_every_part() -> None:
    G = network(ORGS, TIES, start_date="2024-01-01")
    report = jsonable(full_report(G, "emi", top=3))
    assert set(report) == KEYS
    json.dumps(report, allow_nan=False)
    datetime.fromisoformat(report["timestamp"])
    assert report["computedInMs"] >= max(report["timingsMs"].values())
    assert report["parameters"] == {
        "asOf": AS_OF.isoformat(),
        "emiId": "emi",
        "seed": 0,
        "betweennessExact": True,
        "betweennessK": None,
    }
    summary = report["summary"]
    assert (summary["organisations"], summary["ties"]) == (18, 15)
    assert (summary["public"], summary["minority"], summary["wider"]) == (3, 14, 1)
    assert (summary["communities"], summary["gapCommunities"]) == (5, 3)
    assert summary["statuses"] == {"CUT_OFF": 1, "SINGLE_BRIDGE": 2, "BRIDGED": 2, "TOO_SMALL": 1}
    assert summary["isolates"] == ["z3"]
    assert report["tieModel"]["counted"] == 15 and report["tieModel"]["countedByKind"] == {
        "PARTNERSHIP": 15
    }
    rows = report["communities"]
    assert [c["community"] for c in rows][:3] == ["gamma", "beta", "delta"]
    assert {"name", "status", "reason", "eiIndex", "eiExpected"} <= rows[0].keys()
    delta = rows[2]
    # All three reach the public side through bydel, two of them through d1, one through d2.
    assert [(b["organisation"], b["subsetBetweenness"], b["share"]) for b in delta["brokers"]] == [
        ("bydel", 3.0, 1.0),
        ("d1", 2.0, 2 / 3),
        ("d2", 1.0, 1 / 3),
    ]
    assert delta["brokers"][0]["betweenness"] == report["brokers"]["betweenness"]["bydel"]
    assert {i["community"] for i in report["introductions"]} <= {"gamma", "beta", "delta"}
    assert all({"community", "from", "to", "gain", "reasons"} <= i.keys()
               for i in report["introductions"])  # fmt: skip
    assert len(report["brokers"]["top"]) == 3
    assert report["brokers"]["top"][0]["organisation"] == "emi"
    assert [y["year"] for y in report["trend"]] == [2024, 2025, 2026]
    assert report["trend"][-1]["gapCommunities"] == summary["gapCommunities"]


def test_sampled_betweenness_reports_its_sample() -> None:
    report = full_report(network(ORGS, TIES), None, exact_limit=5, k=4, seed=7)
    assert (report.parameters.betweenness_exact, report.parameters.betweenness_k) == (False, 4)
    assert report.parameters.emi_id is None


def test_jsonable() -> None:
    assert jsonable({1: {3, 1}, "t": (1, math.nan), "f": frozenset(), "d": date(2026, 1, 2)}) == {
        "1": [1, 3],
        "t": [1, None],
        "f": [],
        "d": "2026-01-02",
    }


def test_an_empty_network_has_a_report_too() -> None:
    report = full_report(network({}))
    assert report.summary.organisations == 0
    assert report.communities == report.trend == report.clusters.clusters == []
