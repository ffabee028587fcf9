"""The processes bench/peer_bench.py measures: a Neo4j when none is given, the registry
(`registry serve` on the Neo4j store) and the Neo4j GraphQL Library in bench/peer/.

Each is started in a context manager that stops it again, whatever happens in between; the
harness stops only what it started.
"""

import contextlib
import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "bench" / "peer"
NEO4J_SERVER = ROOT / "scripts" / "neo4j-test-server"
START_SECONDS = 120


@contextlib.contextmanager
def neo4j() -> Iterator[None]:
    """The Neo4j that NEO4J_* names, or a fresh one from scripts/neo4j-test-server."""
    if os.environ.get("NEO4J_URI"):
        yield
        return
    run = Path(tempfile.mkdtemp(prefix="peer-bench-neo4j-"))
    env = {**os.environ, "PYTHON": sys.executable}
    subprocess.run([str(NEO4J_SERVER), "start", str(run)], check=True, env=env)
    try:
        for line in (run / "env").read_text().splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            os.environ[name] = shlex.split(value)[0] if value else ""
        yield
    finally:
        subprocess.run([str(NEO4J_SERVER), "stop", str(run)], check=False)
        shutil.rmtree(run, ignore_errors=True)
        for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
            os.environ.pop(name, None)


def install_peer() -> None:
    """bench/peer's packages exactly as its lockfile says (npm ci)."""
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEER, check=True
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(process: subprocess.Popen[bytes], log: Path, ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited:\n{log.read_text()[-2000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if ready():
                return
        time.sleep(0.5)
    raise RuntimeError(
        f"{process.args!r} not ready in {START_SECONDS} s:\n{log.read_text()[-2000:]}"
    )


@contextlib.contextmanager
def _serve(
    args: list[str], env: dict[str, str], cwd: Path, port_variable: str
) -> Iterator[tuple[str, Callable[[Callable[[], bool]], None]]]:
    """Runs `args` until the block ends, listening on the port given in `port_variable`;
    yields its base URL and a function that waits until `ready()` says it is."""
    port = _free_port()
    log = Path(tempfile.mkstemp(prefix="peer-bench-", suffix=".log")[1])
    with log.open("wb") as out:
        process = subprocess.Popen(
            args,
            cwd=cwd,
            env={**os.environ, **env, port_variable: str(port)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}", lambda ready: _wait(process, log, ready)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.unlink()


@contextlib.contextmanager
def registry(store: str = "neo4j", data_dir: Path | None = None) -> Iterator[str]:
    """`registry serve` on the Neo4j store (NEO4J_*), or on the embedded store in `data_dir`;
    yields its GraphQL URL."""
    data = tempfile.TemporaryDirectory(prefix="peer-bench-registry-")
    env = {
        "REGISTRY_STORE": store,
        "REGISTRY_DATA_DIR": str(data_dir or data.name),
        "REGISTRY_RATE_LIMIT_PER_MINUTE": str(10**9),
        "REGISTRY_LOG_LEVEL": "warning",
    }
    args = [sys.executable, "-m", "registry", "serve"]
    with data, _serve(args, env, ROOT, "REGISTRY_PORT") as (base, wait):
        wait(lambda: httpx.get(f"{base}/readyz", timeout=5).status_code == 200)
        yield f"{base}/graphql"


@contextlib.contextmanager
def peer() -> Iterator[str]:
    """The Neo4j GraphQL Library (bench/peer/server.js); yields its GraphQL URL."""
    with _serve(["node", "server.js"], {}, PEER, "PORT") as (base, wait):
        query = {"query": "{ __typename }"}
        wait(lambda: "Query" in httpx.post(f"{base}/", json=query, timeout=5).text)
        yield f"{base}/"
