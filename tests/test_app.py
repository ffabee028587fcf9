"""The app's start: what one process does once for every app it serves."""

import gc
from pathlib import Path

from registry import app as app_module
from registry.settings import Settings
from registry.store.embedded import EmbeddedStore


async def test_a_start_moves_what_the_process_holds_out_of_the_collectors_sight(tmp_path: Path):
    gc.unfreeze()
    app_module.settle_heap.cache_clear()
    app = app_module.create_app(EmbeddedStore(tmp_path / "r.sqlite3"), Settings(data_dir=tmp_path))
    async with app.router.lifespan_context(app):
        pass
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the modules, the schema and the kernels at the least
    async with app.router.lifespan_context(app):
        pass
    # once a process: a second freeze would add what the second start made; frozen
    # objects that die leave the count, so it may only shrink
    assert gc.get_freeze_count() <= frozen
    assert app_module.settle_heap.cache_info().misses == 1
