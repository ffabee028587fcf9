"""Validation of nodes and edges, and the rules for which edges may join which nodes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import ValidationFailed
from registry.domain.graph import (
    EDGE_ENDPOINTS,
    check_endpoints,
    search_text,
    validate_edge,
    validate_node,
)


def test_optional_fields_left_out_and_defaults_filled():
    props = validate_node(NodeKind.PERSON, {"name": "Testa Testesen"})
    assert props == {
        "name": "Testa Testesen",
        "archived": False,
        "languages": [],
        "legal_basis": "PUBLIC_TASK",
        "restricted": False,
    }


def test_unknown_fields_are_refused_by_name():
    with pytest.raises(ValidationFailed) as exc:
        validate_node(NodeKind.TOPIC, {"name": "Helse", "colour": "red"})
    assert exc.value.field == "colour"


def test_period_must_not_end_before_it_starts():
    with pytest.raises(ValidationFailed) as exc:
        validate_edge(
            EdgeType.COLLABORATES_WITH, {"start_date": "2024-01-01", "end_date": "2023-01-01"}
        )
    assert exc.value.field == "endDate"


@pytest.mark.parametrize("strength", [0, 6])
def test_collaboration_strength_is_one_to_five(strength: int):
    with pytest.raises(ValidationFailed) as exc:
        validate_edge(EdgeType.COLLABORATES_WITH, {"strength": strength})
    assert exc.value.field == "strength"


def test_role_only_on_participation():
    assert validate_edge(EdgeType.PARTICIPATES_IN, {"role": "LEAD"}) == {"role": "LEAD"}
    with pytest.raises(ValidationFailed):
        validate_edge(EdgeType.REPRESENTS, {"role": "LEAD"})


@given(
    st.sampled_from(list(EdgeType)),
    st.sampled_from(list(NodeKind)),
    st.sampled_from(list(NodeKind)),
)
def test_endpoint_rules(edge_type: EdgeType, source: NodeKind, target: NodeKind):
    sources, targets = EDGE_ENDPOINTS[edge_type]
    like_to_like = edge_type is not EdgeType.PART_OF or source is target
    if source in sources and target in targets and like_to_like:
        check_endpoints(edge_type, source, target)
    else:
        with pytest.raises(ValidationFailed):
            check_endpoints(edge_type, source, target)


def test_person_cannot_collaborate_with_a_topic():
    with pytest.raises(ValidationFailed, match="COLLABORATES_WITH cannot join Person to Topic"):
        check_endpoints(EdgeType.COLLABORATES_WITH, NodeKind.PERSON, NodeKind.TOPIC)


def test_search_text_includes_number_and_city():
    text = search_text(
        NodeKind.ORGANISATION,
        {"name": "Tromsø Røde Kors", "org_number": "974760673", "city": "Tromsø"},
    )
    assert "tromso rode kors" in text and "974760673" in text


def test_hierarchy_joins_like_to_like():
    check_endpoints(EdgeType.PART_OF, NodeKind.AREA, NodeKind.AREA)
    with pytest.raises(ValidationFailed) as exc:
        check_endpoints(EdgeType.PART_OF, NodeKind.ORGANISATION, NodeKind.AREA)
    assert exc.value.field == "targetId"


def test_a_stored_node_gets_the_defaults_of_what_it_lacks():
    from registry.domain.enums import NodeKind
    from registry.domain.graph import stored_values

    props = {"name": "Kari", "last_verified": "2001-02-03"}
    first, second = (stored_values(NodeKind.PERSON, props) for _ in range(2))
    assert first["languages"] == [] and first["languages"] is not second["languages"]
    assert first["restricted"] is False and str(first["last_verified"]) == "2001-02-03"
    assert props == {"name": "Kari", "last_verified": "2001-02-03"}  # the store's, untouched
