from registry.analysis.trend import YearFigures, trend

from .networks import network


def test_figures_per_year_from_the_years_on_ties() -> None:
    G = network(
        {
            "emi": "MUNICIPAL_UNIT",
            "a1": "IMMIGRANT_ORGANISATION alpha",
            "a2": "IMMIGRANT_ORGANISATION alpha",
            "b1": "IMMIGRANT_ORGANISATION beta",
            "idle": "VOLUNTARY_ORGANISATION",
        },
        "a1-a2 a1-emi b1-emi",
    )
    G.graph["current_year"] = 2022
    G.edges["a1", "a2"]["years"] = {2020, 2021, 2022}
    G.edges["a1", "emi"]["years"] = {2022}
    G.edges["b1", "emi"]["years"] = {2021, 2022, 2030}
    assert trend(G, "emi", first=2019) == [
        YearFigures(2019, 0, 0, 0, 0, None, None, 0),
        # alpha alone, with no path to the public side
        YearFigures(2020, 2, 1, 1, 1, 1.0, -1.0, 1),
        # beta bridged by its single organisation; alpha still cut off
        YearFigures(2021, 4, 2, 2, 1, 0.5, 0.0, 2),
        # alpha hangs on a1 (single bridge); E-I: alpha 0, beta 1
        YearFigures(2022, 4, 3, 2, 1, 0.5, 0.5, 3),
    ]
    assert [y.year for y in trend(G)] == [2020, 2021, 2022]


def test_no_ties_no_trend() -> None:
    assert trend(network({"a": "OTHER"})) == []
