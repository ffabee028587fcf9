"""The container set-up, read as Docker reads it. No Docker engine runs where the tests run,
so the image is not built here: these tests check what the files promise instead.

`registry dump -o backup.json` must work in the container: the process runs unprivileged, so
the backup folder (its working directory) and Numba's cache of compiled kernels are volumes
the image creates owned by the app user, and compose keeps them on named volumes.
"""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_USER = "registry"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    lines = [ln for ln in (ROOT / "Dockerfile").read_text().splitlines() if not ln.startswith("#")]
    joined = "\n".join(lines).replace("\\\n", " ")
    steps = [ln.strip().split(None, 1) for ln in joined.splitlines() if ln.strip()]
    return [(step[0].upper(), step[1] if len(step) > 1 else "") for step in steps]


def last(steps: list[tuple[str, str]], name: str) -> str:
    return [args for instr, args in steps if instr == name][-1]


def env(steps: list[tuple[str, str]]) -> dict[str, str]:
    pairs = [p for instr, args in steps if instr == "ENV" for p in shlex.split(args)]
    return dict(p.split("=", 1) for p in pairs)


def made_for_app_user(steps: list[tuple[str, str]], before: int) -> set[str]:
    """Directories that `install -d -o registry` makes in RUN steps before step `before`."""
    made: set[str] = set()
    for instr, args in steps[:before]:
        for command in args.split("&&") if instr == "RUN" else []:
            words = shlex.split(command)
            if words[:2] != ["install", "-d"]:
                continue
            options = dict(zip(words[2::2], words[3::2], strict=False))
            if options.get("-o") == APP_USER:
                made |= {w for w in words[2:] if w.startswith("/")}
    return made


def test_the_image_gives_backups_and_the_numba_cache_writable_volumes():
    steps = instructions()
    volume_at = next(i for i, (instr, _) in enumerate(steps) if instr == "VOLUME")
    volumes = json.loads(steps[volume_at][1])
    cache = env(steps)["NUMBA_CACHE_DIR"]
    workdir = last(steps, "WORKDIR")
    assert workdir in volumes  # so a relative `-o backup.json` lands on the backup volume
    assert any(Path(v) in Path(cache).parents or v == cache for v in volumes)
    # Made before VOLUME, whose contents later steps cannot change, and owned by the app user
    # so that a fresh named volume starts out writable for it.
    assert {workdir, cache} <= made_for_app_user(steps, volume_at)
    assert last(steps, "USER") == APP_USER


def test_compose_keeps_backups_and_the_cache_on_named_volumes():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    steps = instructions()
    wanted = {last(steps, "WORKDIR"), *json.loads(last(steps, "VOLUME"))}
    mounts = dict(reversed(m.split(":", 1)) for m in compose["services"]["registry"]["volumes"])
    assert wanted <= set(mounts)
    assert {mounts[target] for target in wanted} <= set(compose["volumes"])


def test_numba_caches_the_compiled_kernels_where_the_image_says(tmp_path: Path):
    """NUMBA_CACHE_DIR is what Numba reads, and the analysis kernels are cached."""
    code = "import networkx as nx; from registry.analysis.kernels import bridges as b; " + (
        "print(len(b(nx.path_graph(4))))"
    )
    environ = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, timeout=300
    )
    assert done.stdout.strip() == "3", done.stderr
    assert list(tmp_path.rglob("*.nbi")), "no Numba cache index in NUMBA_CACHE_DIR"
