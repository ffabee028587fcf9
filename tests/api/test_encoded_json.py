"""GraphQL responses carry the cached map's bytes as they are, wherever the map stands."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.api.network_map import EncodedJSON, encode_json

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(data=values, cached=st.lists(values, min_size=1, max_size=3))
def test_cached_values_are_spliced_in_where_they_stand(data, cached):
    encoded = [EncodedJSON(json.dumps(v, ensure_ascii=False).encode()) for v in cached]
    # Strings that look like the stand-ins are left as they are.
    response = {"data": {"value": data, "maps": encoded, "decoy": "\0map:0"}}
    expected = {"data": {"value": data, "maps": cached, "decoy": "\0map:0"}}
    assert json.loads(encode_json(response)) == expected


def test_other_objects_are_not_json():
    with pytest.raises(TypeError):
        encode_json({"data": object()})
