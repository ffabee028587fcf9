"""Restore a generated dump of 100,000 organisations and 300,000 ties into each store.

    .venv/bin/python bench/restore_bench.py [--organisations 100000] [--ties 300000]
        [--store embedded|neo4j|both] [--batch 5000] [--neo4j-heap 1g] [--warm-up 10000]

Writes the dump once, then times `registry restore`'s path (services.dump.restore), each
restore in a fresh process: into a fresh embedded store, and into a Neo4j after emptying it.
With --neo4j-heap the bench starts its own Neo4j with that heap (scripts/neo4j-test-server)
and stops it after; without, it uses the one named by NEO4J_*. --warm-up first restores a
dump of that many organisations into each store, untimed but printed, so that the figure is
that of a server whose JIT has compiled the load (a fresh one is slower). Each line gives the wall
time, the peak resident memory of the restoring process and of the Neo4j server (its
high-water mark since it started), and the load average before and after: the machine may
be shared. The goals: 60 s into a Neo4j with a 1 GiB heap, 20 s into the embedded store.
"""

import argparse
import asyncio
import multiprocessing
import os
import shutil
import subprocess
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

ROOT = Path(__file__).resolve().parents[1]


async def _restore(store: Store, source: dump.DumpFile) -> float:
    await store.open()
    try:
        await store.clear()
        started = time.perf_counter()
        await dump.restore(store, source)
        return time.perf_counter() - started
    finally:
        await store.close()


def restore_in_child(kind: str, path: Path, batch: int, env: dict[str, str]) -> tuple[float, int]:
    """Run in a fresh process: the restore's seconds and the process's peak RSS in KiB."""
    os.environ.update(env)
    if kind == "neo4j":
        from registry.store.neo4j import Neo4jStore

        store: Store = Neo4jStore(Neo4jSettings())
    else:
        store = EmbeddedStore(path.with_name("registry.sqlite3"))
    seconds = asyncio.run(_restore(store, dump.DumpFile(path, batch)))
    return seconds, _peak_kib(os.getpid())


def _peak_kib(pid: int) -> int:
    """The process's peak resident memory. Not getrusage's ru_maxrss: a spawned child starts
    as a fork of this process, and Linux keeps the fork's peak across the exec."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for process {pid}")


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


class Neo4jServer:
    """Our own throwaway server, started with the given heap; its NEO4J_* settings and pid."""

    def __init__(self, heap: str, run_dir: Path) -> None:
        self.run_dir, self.script = run_dir, str(ROOT / "scripts" / "neo4j-test-server")
        env = {**os.environ, "REGISTRY_NEO4J_HEAP": heap, "PYTHON": sys.executable}
        subprocess.run([self.script, "start", str(run_dir)], env=env, check=True)
        lines = (run_dir / "env").read_text().split("\n")
        self.env = dict(line.removeprefix("export ").split("=", 1) for line in lines if line)
        self.pid = int((run_dir / "neo4j.pid").read_text())

    def stop(self) -> None:
        subprocess.run([self.script, "stop", str(self.run_dir)], check=True)


def main(
    organisations: int, ties: int, stores: list[str], batch: int, heap: str | None, warm_up: int
) -> None:
    work = Path(tempfile.mkdtemp(prefix="restore-bench-"))
    path = work / "dump.json"
    if warm_up:
        write_dump(work / "warm-up.json", warm_up, 3 * warm_up)
    started = time.perf_counter()
    write_dump(path, organisations, ties)
    size = path.stat().st_size / 1e6
    print(f"dump      {size:.0f} MB written in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    for _ in dump.DumpFile(path, batch).batches():
        pass
    print(f"reading   the dump alone (parse and validate) {time.perf_counter() - started:8.1f} s")
    server = Neo4jServer(heap, work / "neo4j") if heap and "neo4j" in stores else None
    spawn = multiprocessing.get_context("spawn")
    try:
        for kind in stores:
            env = server.env if server and kind == "neo4j" else {}
            with spawn.Pool(1) as pool:
                if warm_up:
                    args = (kind, work / "warm-up.json", batch, env)
                    seconds = pool.apply(restore_in_child, args)[0]
                    print(f"{kind:<9} warm-up {warm_up:>7} organisations {seconds:7.1f} s")
                before = _load()
                seconds, peak = pool.apply(restore_in_child, (kind, path, batch, env))
            rss = f"server peak {_peak_kib(server.pid) / 1024:5.0f} MiB" if env else ""
            print(
                f"{kind:<9} {organisations:>7} organisations {ties:>7} ties batch {batch}"
                f" {seconds:7.1f} s  client peak {peak / 1024:5.0f} MiB  {rss}"
                f"  load {before} -> {_load()}" + (f"  heap {heap}" if env else "")
            )
    finally:
        if server:
            server.stop()
        shutil.rmtree(work)  # the dump and the stores: hundreds of megabytes


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--ties", type=int, default=300_000)
    parser.add_argument("--store", choices=["embedded", "neo4j", "both"], default="both")
    parser.add_argument("--batch", type=int, default=dump.BATCH, help="records a transaction")
    parser.add_argument("--neo4j-heap", help="start a Neo4j of our own with this heap, e.g. 1g")
    parser.add_argument("--warm-up", type=int, default=0, help="organisations restored first")
    args = parser.parse_args()
    main(
        args.organisations,
        args.ties,
        ["embedded", "neo4j"] if args.store == "both" else [args.store],
        args.batch,
        args.neo4j_heap,
        args.warm_up,
    )
