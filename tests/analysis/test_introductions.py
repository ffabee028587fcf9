import pytest

from registry.analysis.introductions import Introduction, introductions

from .networks import network

LN2, LN3 = 0.6931471805599453, 1.0986122886681098


@pytest.fixture(scope="module")
def found() -> dict[str, list[Introduction]]:
    G = network(
        {
            "bydel": "MUNICIPAL_UNIT @stovner #youth",
            "kult": "MUNICIPAL_UNIT #culture",
            "frog": "MUNICIPAL_UNIT @frogner",
            "state": "PUBLIC_BODY #culture",
            "vol": "VOLUNTARY_ORGANISATION @stovner #culture",
            "hub": "VOLUNTARY_ORGANISATION",
            "g1": "IMMIGRANT_ORGANISATION gap @stovner #culture",
            "g2": "IMMIGRANT_ORGANISATION gap #youth",
            "s1": "IMMIGRANT_ORGANISATION single @frogner",
            "s2": "IMMIGRANT_ORGANISATION single @frogner #culture",
            "m": "IMMIGRANT_ORGANISATION other",
        },
        "g1-g2 g2-m m-hub s1-frog s1-s2 s2-m",
    )
    return introductions(G, ["gap", "single", "unknown"])


def pairs(found: list[Introduction]) -> list[tuple[str, str, float]]:
    return [(i.organisation, i.partner, round(i.score, 4)) for i in found]


def test_gap_community_pairs_are_ranked_by_their_reasons(found: dict) -> None:
    assert pairs(found["gap"]) == [
        ("g1", "bydel", 2.0),  # same district, a municipal unit
        ("g1", "kult", 2.0),  # shared topic, a municipal unit
        ("g1", "vol", 2.0),  # shared topic, same district
        ("g2", "bydel", 2.0),  # shared topic, a municipal unit
        ("g1", "state", 1.0),  # shared topic (a state body earns no municipal point)
        ("g2", "hub", round(1 / LN3, 4)),  # common partner m, who has three ties
    ]
    first, *_, last = found["gap"]
    assert first.reasons == ["same area: Stovner", "a municipal unit"]
    assert (first.shared_areas, first.shared_topics, first.partner_side) == (
        ["stovner"],
        [],
        "public",
    )
    assert found["gap"][2].reasons == ["shared topics: Culture", "same area: Stovner"]
    assert last.reasons == [f"1 common partners: M (Adamic-Adar {1 / LN3:.2f})"]
    assert (last.common_partners, last.adamic_adar) == (["m"], pytest.approx(1 / LN3))


def test_only_organisations_without_a_bridge_of_their_own_are_introduced(found: dict) -> None:
    # s1 already bridges (to frog); s2 gets the introductions, first to s1's partner.
    assert {i.organisation for i in found["single"]} == {"s2"}
    best = found["single"][0]
    assert (best.partner, best.score) == ("frog", pytest.approx(2 + 1 / LN2))
    assert best.reasons == [
        "same area: Frogner",
        f"1 common partners: S1 (Adamic-Adar {1 / LN2:.2f})",
        "a municipal unit",
    ]
    assert found["unknown"] == []


def test_the_limit_keeps_the_best() -> None:
    G = network({"u": "MUNICIPAL_UNIT #t", "v": "MUNICIPAL_UNIT #t", "a": "OTHER c #t"})
    assert pairs(introductions(G, ["c"], limit=1)["c"]) == [("a", "u", 2.0)]
