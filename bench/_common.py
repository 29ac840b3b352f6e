"""Shared by the bench scripts: build the guide, serve a build gzip-compressed on 127.0.0.1 as a
web host would, and start Debian's Chromium the way the tests do."""
from __future__ import annotations

import http.server
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts import static_host  # noqa: E402  (the same server the browser tests use)
from scripts.static_host import page_paths  # noqa: E402,F401  (used by the bench scripts)
PYTHON = ROOT / ".venv" / "bin" / "python"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build(site_dir: Path, project: Path = ROOT, **env: str) -> float:
    """`mkdocs build --strict` into site_dir; returns the seconds it took."""
    import time
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("OFFLINE", "GUIDE_"))}
    full_env.update(NO_MKDOCS_2_WARNING="1", **env)
    start = time.perf_counter()
    subprocess.run([str(PYTHON), "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                   cwd=project, env=full_env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """The build served gzip-compressed on 127.0.0.1, with its _headers, as a web host would."""
    return static_host.serve(folder, gzip=True)


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def die(msg: str):
    print(msg, file=sys.stderr)
    sys.exit(1)
