"""Restore a generated dump of 100,000 organisations and 300,000 ties into each store.

    .venv/bin/python bench/restore_bench.py [--organisations 100000] [--ties 300000]
        [--store embedded|neo4j|both]

Writes the dump once, then times `registry restore`'s path (services.dump.restore): into a
fresh embedded store, and into the Neo4j named by NEO4J_* after emptying it. The goal is
60 s into a Neo4j with a 1 GiB heap and 20 s into the embedded store.
"""

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from registry.services import dump
from registry.settings import Neo4jSettings
from registry.store.base import Store
from registry.store.embedded import EmbeddedStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from generated_dump import write_dump


async def restore_into(store: Store, path: Path) -> None:
    await store.open()
    try:
        await store.clear()
        source = dump.DumpFile(path)
        started = time.perf_counter()
        await dump.restore(store, source)
        seconds = time.perf_counter() - started
        print(f"{store.name:<9} {source.nodes:>8} nodes {source.edges:>8} ties {seconds:8.1f} s")
    finally:
        await store.close()


def main(organisations: int, ties: int, stores: list[str]) -> None:
    work = Path(tempfile.mkdtemp(prefix="restore-bench-"))
    path = work / "dump.json"
    started = time.perf_counter()
    write_dump(path, organisations, ties)
    size = path.stat().st_size / 1e6
    print(f"dump      {size:.0f} MB written in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    for _ in dump.DumpFile(path).batches():
        pass
    print(f"reading   the dump alone (parse and validate) {time.perf_counter() - started:8.1f} s")
    for kind in stores:
        if kind == "neo4j":
            from registry.store.neo4j import Neo4jStore

            asyncio.run(restore_into(Neo4jStore(Neo4jSettings()), path))
        else:
            asyncio.run(restore_into(EmbeddedStore(work / "registry.sqlite3"), path))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--ties", type=int, default=300_000)
    parser.add_argument("--store", choices=["embedded", "neo4j", "both"], default="both")
    args = parser.parse_args()
    main(
        args.organisations,
        args.ties,
        ["embedded", "neo4j"] if args.store == "both" else [args.store],
    )
