"""The guide's own scripts reach readers minified (part of step 3, guide/finish.py).

`docs/assets/javascripts/*.js` are written to be read: long names and comments that say why.
Readers need neither: in every built folder (both builds, every edition), each of them is
minified in place by terser (tools/minify.mjs; terser is pinned in package.json). Material's own
scripts are minified already and are not touched. search-query.js goes from 7.2 KB to 3.0 KB
gzipped, the guide's scripts in all from 13.2 to 6.3 KB.

A script terser cannot read fails the build with the source file and line.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from guide.errors import GuideError
from guide.node import INSTALL_NODE, ROOT, node_for

NODE_SCRIPT = ROOT / "tools" / "minify.mjs"
SCRIPTS = "assets/javascripts"


def own_scripts(docs_dir: Path) -> tuple[str, ...]:
    """The guide's own scripts, as paths inside a built folder: assets/javascripts/NAME.js."""
    return tuple(f"{SCRIPTS}/{p.name}" for p in sorted((docs_dir / SCRIPTS).glob("*.js")))


def _node() -> str:
    node = node_for("terser")
    if not node:
        raise GuideError("package.json", None, "the guide's scripts cannot be minified: Node.js or terser is missing",
                         INSTALL_NODE)
    return node


def minify_scripts(site: Path, scripts: tuple[str, ...], folders: tuple[str, ...] = ("",)) -> list[Path]:
    """Minify each of `scripts` found in each edition folder of `site`; returns the files changed."""
    files = [site / folder / name for folder in folders for name in scripts if (site / folder / name).is_file()]
    if not files:
        return []
    done = subprocess.run([_node(), str(NODE_SCRIPT), json.dumps([str(f) for f in files])], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        try:
            failed = json.loads(done.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            failed = {"file": "", "line": None, "message": done.stderr.strip() or "terser failed"}
        name = Path(failed.get("file") or "script").name
        raise GuideError(f"docs/{SCRIPTS}/{name}", failed.get("line"), f"this script cannot be read ({failed['message']})",
                         "Fix the JavaScript at that line (a developer's file, not an editor's)")
    return files
