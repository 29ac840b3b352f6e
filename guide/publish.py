"""Step 5: publish atomically, under a lock.

`site` (and `site-offline`) are links to complete builds kept beside them in `.builds/`. A new
build is written there in full, checked, and then the link is swapped in one step (a rename,
which the system does all at once): a reader or a host copying `site/` sees the old site or the
new one, never half of one. A build that fails or is killed leaves the last good site in place.
Builds run one at a time: a second `make site` waits for the lock of the first.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path



@contextmanager
def publish_lock(target: Path):
    """Held while a build is made and published into target's folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.parent / f".{target.name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def new_build_dir(target: Path) -> Path:
    """An empty folder for the next build of `target`, beside the published ones."""
    store = target.parent / ".builds" / target.name
    store.mkdir(parents=True, exist_ok=True)
    path = store / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    path.mkdir()
    return path


def publish(build: Path, target: Path) -> None:
    """Make `target` point at the complete `build`, in one step; tidy older builds."""
    store = build.parent
    previous = target.resolve() if target.is_symlink() else None
    relative = os.path.relpath(build, target.parent)
    if target.is_dir() and not target.is_symlink():
        # A site/ from before this scheme (a real folder): keep it as an old build, then link.
        target.rename(store / f"previous-{os.getpid()}")
    link = target.parent / f".{target.name}.new-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(relative, link)
    os.replace(link, target)  # the one step readers can see
    _tidy(store, keep={build.resolve(), previous})


def _tidy(store: Path, keep: set) -> None:
    """Remove older builds and what killed builds left, keeping the new site and the one before
    it (a host may still be copying it)."""
    for old in store.iterdir():
        if old.is_dir() and old.resolve() not in keep:
            shutil.rmtree(old, ignore_errors=True)


def discard(build: Path) -> None:
    shutil.rmtree(build, ignore_errors=True)
