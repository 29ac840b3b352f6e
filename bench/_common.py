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
from scripts.chromium import CHROMIUM_ARGS  # noqa: E402  (the same flags the browser tests use)
from scripts.chromium import CHROMIUM as _CHROMIUM  # noqa: E402
from scripts.project import copy_project  # noqa: E402,F401  (used by bench/build)

PYTHON = ROOT / ".venv" / "bin" / "python"
CHROMIUM = str(_CHROMIUM)


def build(site_dir: Path, project: Path = ROOT, **env: str) -> float:
    """The engine's build alone (`mkdocs build --strict`) into site_dir; returns the seconds it took."""
    import time
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("OFFLINE", "GUIDE_"))}
    full_env.update(NO_MKDOCS_2_WARNING="1", **env)
    start = time.perf_counter()
    subprocess.run([str(PYTHON), "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                   cwd=project, env=full_env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def make_site(out: Path, project: Path = ROOT, **env: str) -> float:
    """The whole path (`python -m guide site`: both copies, checked and published) into out/;
    returns the seconds it took."""
    import time
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("OFFLINE", "GUIDE_"))}
    full_env.update(NO_MKDOCS_2_WARNING="1", **env)
    start = time.perf_counter()
    subprocess.run([str(PYTHON), "-m", "guide", "site", "--site-dir", str(out / "site"),
                    "--offline-dir", str(out / "site-offline")], cwd=project, env=full_env, check=True,
                   stdout=subprocess.DEVNULL)
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
