"""A document's text is validated once while it passes; what it is refused for, and the
ranges of its variables, are judged on every request."""

import pytest
import strawberry.schema.schema as schema_module
from graphql import parse

from registry.api import validation

PAGE = "{ organisations(first: 5) { totalCount } }"
NEIGHBOURS = "query($depth: Int!) { neighbourhood(ids: [], depth: $depth) { nodes { id } } }"


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts graphql-core's rules ran over, in order, from an empty cache."""
    monkeypatch.setattr(validation, "known_valid", validation.KnownValid())
    ran: list[str] = []
    real = validation.validate_document

    def counting(schema, document, rules):
        ran.append(document.loc.source.body)
        return real(schema, document, rules)

    monkeypatch.setattr(validation, "validate_document", counting)
    return ran


async def test_a_text_that_passed_is_not_validated_again(gql, validations):
    for _ in range(3):
        assert (await gql.ok(PAGE))["organisations"]["totalCount"] == 0
    assert validations == [PAGE]


async def test_a_refused_text_is_refused_every_time(gql, validations):
    wrong = "{ organisations { nosuchfield } }"
    for _ in range(2):
        error = await gql.error(wrong)
        assert "nosuchfield" in error["message"]
    assert validations == [wrong, wrong]


async def test_a_remembered_text_still_has_its_variables_judged(gql, validations):
    assert (await gql.ok(NEIGHBOURS, depth=2))["neighbourhood"]["nodes"] == []
    error = await gql.error(NEIGHBOURS, depth=9)
    assert error["extensions"] == {"code": "VALIDATION", "field": "depth"}
    assert validations == [NEIGHBOURS]


async def test_a_text_over_the_limits_is_refused_before_the_rules_every_time(gql, validations):
    deep = "{ organisations { edges { node { " + "neighbours { " * 12 + "id" + " }" * 16
    for _ in range(2):
        codes = {e["extensions"]["code"] for e in (await gql.post(deep))["errors"]}
        assert "TOO_DEEP" in codes
    assert validations == []


def test_the_cache_keeps_the_recent_texts_and_no_long_ones():
    kept = validation.KnownValid()
    for i in range(validation.KEPT + 1):
        kept.add((1, f"text {i}"), parse(f"{{ n{i} }}"))
    assert kept.get((1, "text 0")) is None
    assert kept.get((1, "text 1")) == parse("{ n1 }")
    assert kept.get((1, f"text {validation.KEPT}")) is not None
    kept.add((1, "x" * (validation.LONGEST + 1)), parse("{ x }"))
    assert kept.get((1, "x" * (validation.LONGEST + 1))) is None
    assert kept.get((2, "text 1")) is None  # another schema's


async def test_a_text_that_passed_is_not_parsed_again(gql, validations, monkeypatch):
    parsed: list[str] = []
    real = schema_module.parse

    def counting(source, **options):
        parsed.append(source)
        return real(source, **options)

    monkeypatch.setattr(schema_module, "parse", counting)
    for _ in range(3):
        assert (await gql.ok(PAGE))["organisations"]["totalCount"] == 0
    wrong = "{ organisations { nosuchfield } }"
    for _ in range(2):
        await gql.error(wrong)
    assert parsed == [PAGE, wrong, wrong]
