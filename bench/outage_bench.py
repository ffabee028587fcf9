"""Status and time of a request that reads the store (signed in with a token) and of /readyz
while Neo4j is hung and stopped, and how long the registry takes to recover, against a real
server and `registry serve` as deployed.

    PYTHON=$PWD/.venv/bin/python scripts/neo4j-test-server start /tmp/neo4j-bench
    .venv/bin/python bench/outage_bench.py /tmp/neo4j-bench
    scripts/neo4j-test-server stop /tmp/neo4j-bench

Hung: the Neo4j JVM is stopped with SIGSTOP (its kernel still accepts connections) and
continued with SIGCONT. Stopped: the server is stopped by the script, then started again by
this bench with the same command line, data and port. The NEO4J_*_TIMEOUT settings in force
are the defaults unless set in the environment.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def server_env(run: Path) -> dict[str, str]:
    lines = (run / "env").read_text().splitlines()
    pairs = dict(line.removeprefix("export ").split("=", 1) for line in lines if "=" in line)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return {
        **os.environ,
        **pairs,
        "REGISTRY_STORE": "neo4j",
        "REGISTRY_DATA_DIR": tempfile.mkdtemp(prefix="outage-bench-"),
        "REGISTRY_PORT": str(port),
    }


def cli(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "-m", "registry", *args]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def timed(call: httpx.Client, method: str, path: str, **kw: object) -> tuple[int | str, float]:
    started = time.perf_counter()
    try:
        status: int | str = call.request(method, path, **kw).status_code
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    return status, time.perf_counter() - started


class Bench:
    def __init__(self, base: str, token: str) -> None:
        self.http = httpx.Client(base_url=base, timeout=120)
        self.auth = {"Authorization": f"Bearer {token}"}

    def store_read(self) -> tuple[int | str, float]:
        query = {"query": "{ organisations(first: 1) { totalCount } }"}
        return timed(self.http, "POST", "/graphql", json=query, headers=self.auth)

    def report(self, label: str) -> None:
        (read_status, read_s), (ready_status, ready_s) = (
            self.store_read(),
            timed(self.http, "GET", "/readyz"),
        )
        print(
            f"{label:28} store read {read_status} in {read_s:6.2f} s   "
            f"/readyz {ready_status} in {ready_s:5.2f} s",
            flush=True,
        )

    def recovery(self, label: str, since: float) -> None:
        """Store reads until one succeeds; how long after `since`, and how many 503s."""
        refused = 0
        while (status := self.store_read()[0]) != 200:
            refused += 1
            if time.perf_counter() - since > 300:
                print(f"{label:28} no recovery within 300 s (last status {status})")
                return
            time.sleep(0.2)
        waited = time.perf_counter() - since
        print(f"{label:28} first 200 {waited:6.2f} s after, {refused} refused before it")


def wait_for_health(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit("registry serve did not start")


def main(run: Path) -> None:
    env = server_env(run)
    pid = int((run / "neo4j.pid").read_text())
    name = f"bench-{secrets.token_hex(4)}"
    cli(env, "users", "add", name, "--role", "admin")
    token = cli(env, "tokens", "create", name, "--role", "admin").strip()
    base = f"http://127.0.0.1:{env['REGISTRY_PORT']}"
    server = subprocess.Popen(
        [sys.executable, "-m", "registry", "serve"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for_health(base, server)
        bench = Bench(base, token)
        timeouts = {k: v for k, v in env.items() if k.startswith("NEO4J_") and "TIMEOUT" in k}
        print(f"timeouts: {timeouts or 'defaults'}")
        bench.report("Neo4j up")

        os.kill(pid, signal.SIGSTOP)
        try:
            bench.report("Neo4j hung (SIGSTOP)")
        finally:
            os.kill(pid, signal.SIGCONT)
        bench.recovery("after SIGCONT", time.perf_counter())

        command = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")[:-1]
        subprocess.run([str(ROOT / "scripts" / "neo4j-test-server"), "stop", str(run)], check=True)
        bench.report("Neo4j stopped")
        restarted = time.perf_counter()
        with open(run / "neo4j.log", "ab") as log:
            jvm = subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        (run / "neo4j.pid").write_text(f"{jvm.pid}\n")  # so the script's stop finds it
        bench.recovery("after restarting Neo4j", restarted)
        bench.report("Neo4j back")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]).resolve())
