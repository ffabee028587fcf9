"""The embedded store's text search index: SQLite FTS5 with the trigram tokenizer.

The nodes keep their search text folded (`registry.domain.rules.fold`: case, accents, æøå)
in the `search` column; the index holds every three characters of it, so a substring of
three characters or more is found without reading every node, and finds exactly what
`instr()` on the column would (the tokenizer is case-sensitive: it folds nothing further).
Shorter text has no trigrams to look up, and goes on scanning.

The index keeps no copy of the text (an external-content table over `nodes`, by rowid), and
triggers keep it in step on every path that writes nodes (the rules, import, restore,
clear, erasure): changes and deletions at once, additions at the end of the write
transaction (INDEX_ADDED), all of them in one statement. The rowids of `nodes` are not its
primary key: a VACUUM may renumber them, after which the index must be rebuilt
(FILL_SEARCH_INDEX); the registry never runs one.
"""

from typing import Any

SEARCH_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS nodes_search USING fts5 (
    search, content = 'nodes', content_rowid = 'rowid', tokenize = 'trigram case_sensitive 1'
);
-- Rows added in the open write transaction, indexed together when it ends (INDEX_ADDED):
-- FTS5 writes its pending terms out at every statement of a trigger, so a row at a time
-- would make a bulk load several times slower.
CREATE TABLE IF NOT EXISTS search_added (row INTEGER PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS nodes_search_add AFTER INSERT ON nodes BEGIN
    INSERT OR IGNORE INTO search_added (row) VALUES (NEW.rowid);
END;
CREATE TRIGGER IF NOT EXISTS nodes_search_change AFTER UPDATE OF search ON nodes
WHEN NOT EXISTS (SELECT 1 FROM search_added WHERE row = OLD.rowid) BEGIN
    INSERT INTO nodes_search (nodes_search, rowid, search)
    VALUES ('delete', OLD.rowid, OLD.search);
    INSERT INTO nodes_search (rowid, search) VALUES (NEW.rowid, NEW.search);
END;
CREATE TRIGGER IF NOT EXISTS nodes_search_remove AFTER DELETE ON nodes BEGIN
    INSERT INTO nodes_search (nodes_search, rowid, search)
    SELECT 'delete', OLD.rowid, OLD.search
    WHERE NOT EXISTS (SELECT 1 FROM search_added WHERE row = OLD.rowid);
    DELETE FROM search_added WHERE row = OLD.rowid;
END;
"""
# Run by every write transaction before it commits, so no reader sees a node unindexed.
INDEX_ADDED = (
    "INSERT INTO nodes_search (rowid, search)"
    " SELECT n.rowid, n.search FROM search_added a JOIN nodes n ON n.rowid = a.row",
    "DELETE FROM search_added",
)
HAS_SEARCH_INDEX = "SELECT 1 FROM sqlite_master WHERE name = 'nodes_search'"
# A file from before the index, opened for the first time since: fill it from the nodes.
FILL_SEARCH_INDEX = "INSERT INTO nodes_search (nodes_search) VALUES ('rebuild')"
# After an erasure: merge the index into one segment, which drops the erased node's
# trigrams, where a delete alone only adds a marker beside them.
COMPACT_SEARCH_INDEX = "INSERT INTO nodes_search (nodes_search) VALUES ('optimize')"
SHORTEST = 3  # characters in a trigram


def search_clause(text: str, params: list[Any]) -> str:
    """A condition on `n` that its search text holds `text` (folded by the caller), through
    the index where it can; `text` goes in as one quoted phrase, so FTS5's query syntax in
    it (AND, *, quotes, column filters) is taken literally."""
    if len(text) < SHORTEST or "\0" in text:
        params.append(text)
        return "instr(n.search, ?) > 0"
    params.append('"' + text.replace('"', '""') + '"')
    return "n.rowid IN (SELECT rowid FROM nodes_search WHERE nodes_search MATCH ?)"
