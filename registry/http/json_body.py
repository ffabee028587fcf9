"""Request bodies as JSON, refusing what would break the code that reads them.

A body of 50,000 `[` overflows the parser's recursion, and a value nested hundreds deep the
code that walks it later (variable coercion); bytes that are not UTF-8, or escapes of lone
surrogates, fail wherever the text is encoded again (the store, the log). Each is the
caller's mistake, answered 400 with a message that says which.
"""

import json

MAX_NESTING = 32  # GraphQL variables of a real client nest a handful of levels


class BadBody(ValueError):
    """A body that is not JSON the API can take; the message says why."""


def loads(data: str | bytes) -> object:
    try:
        value = json.loads(data)
    except RecursionError:
        raise BadBody(f"the JSON is nested too deeply (at most {MAX_NESTING} levels)") from None
    except UnicodeDecodeError:
        raise BadBody("the body is not valid UTF-8") from None
    _check(value)
    return value


def _check(value: object) -> None:
    """Refuses nesting over MAX_NESTING and text that cannot be written as UTF-8."""
    pending = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise BadBody("the body is not valid UTF-8 (a lone surrogate)") from None
            continue
        if not isinstance(item, dict | list):
            continue
        if depth >= MAX_NESTING:
            raise BadBody(f"the JSON is nested too deeply (at most {MAX_NESTING} levels)")
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children)
