"""The demo store `serve --demo` keeps under the data directory, and how other commands
reach it (`registry --demo ...`)."""

import os
import shutil

from registry.settings import Settings, StoreKind, get_settings


def demo_settings(settings: Settings) -> Settings:
    """The settings of the demo store: embedded, in `demo/` under the data directory."""
    return settings.model_copy(
        update={"store": StoreKind.EMBEDDED, "data_dir": settings.data_dir / "demo"}
    )


def use_demo_store() -> None:
    """Points every later `get_settings()` of this command at the demo store."""
    demo = demo_settings(get_settings())
    os.environ["REGISTRY_STORE"] = StoreKind.EMBEDDED.value
    os.environ["REGISTRY_DATA_DIR"] = str(demo.data_dir)
    get_settings.cache_clear()


def reset(settings: Settings) -> None:
    """Removes the demo store, so the next start loads the demo network afresh."""
    shutil.rmtree(settings.data_dir, ignore_errors=True)
