"""Node.js for the build's Node steps (guide/pwa.py, guide/minify.py): the packages are pinned in
package.json and package-lock.json, and `make site` installs them with `npm ci`."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What to do when Node.js or a package is missing, for every Node step's message.
INSTALL_NODE = ("Install Node.js 18+ with npm, then run `npm ci --omit=dev --ignore-scripts` "
                "(`make site` does it)")


def node_for(package: str) -> str | None:
    """The `node` program, when it and `package` (from node_modules) are both installed."""
    node = shutil.which("node")
    return node if node and (ROOT / "node_modules" / package).is_dir() else None
