from registry.analysis.districts import DistrictCommunity, district_reports

from .networks import network


def test_communities_per_district_and_their_ties_to_its_own_units() -> None:
    G = network(
        {
            "city": "MUNICIPAL_UNIT",
            "unitst": "MUNICIPAL_UNIT @stovner",
            "unitfr": "MUNICIPAL_UNIT @frogner",
            "a1": "IMMIGRANT_ORGANISATION alpha @stovner",
            "a2": "IMMIGRANT_ORGANISATION alpha @frogner",
            "b1": "IMMIGRANT_ORGANISATION beta @stovner",
            "vol": "VOLUNTARY_ORGANISATION +beta @stovner",
        },
        # a2 is tied to Stovner's unit and the city, not to Frogner's own unit.
        "a1-unitst a2-unitst a2-city b1-vol",
    )
    frogner, stovner = district_reports(G)
    assert (frogner.name, frogner.kind, frogner.units) == ("Frogner", "DISTRICT", ["unitfr"])
    assert frogner.communities == [DistrictCommunity("alpha", "Alpha", ["a2"], [], False)]
    assert (stovner.area, stovner.units) == ("stovner", ["unitst"])
    assert stovner.communities == [
        DistrictCommunity("beta", "Beta", ["b1"], [], False),  # untied first
        DistrictCommunity("alpha", "Alpha", ["a1"], ["unitst"], True),
    ]


def test_a_local_state_office_is_one_of_the_districts_units() -> None:
    # NAV offices are run jointly by the district and the state: their ties reach the district.
    G = network(
        {
            "nav": "PUBLIC_BODY @stovner",
            "imdi": "PUBLIC_BODY",
            "a1": "IMMIGRANT_ORGANISATION alpha @stovner",
        },
        "a1-nav a1-imdi",
    )
    [stovner] = district_reports(G)
    assert stovner.units == ["nav"]
    assert stovner.communities == [DistrictCommunity("alpha", "Alpha", ["a1"], ["nav"], True)]
