"""Files that hold personal data or secrets: readable and writable by their owner only."""

import os
import stat
from pathlib import Path


def private_dir(path: Path) -> None:
    """Make the directory (0700) if it is missing. An existing one keeps its mode: it may
    be a directory the administrator shares on purpose."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def private_file(path: Path) -> None:
    """Make the file (0600) in a private directory if it is missing; an existing file of
    ours that others may read (left by an older version) is made private."""
    private_dir(path.parent)
    os.close(os.open(path, os.O_RDONLY | os.O_CREAT, 0o600))
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(0o600)
