"""Shared by the bench scripts: build the guide, serve a build gzip-compressed on 127.0.0.1 as a
web host would, and start Debian's Chromium the way the tests do."""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


def build(site_dir: Path, project: Path = ROOT, **env: str) -> float:
    """`mkdocs build --strict` into site_dir; returns the seconds it took."""
    import time
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("OFFLINE", "GUIDE_"))}
    full_env.update(NO_MKDOCS_2_WARNING="1", **env)
    start = time.perf_counter()
    subprocess.run([str(PYTHON), "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                   cwd=project, env=full_env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


@functools.cache
def headers_rules(folder: Path) -> list[tuple[str, str]]:
    """(name, value) for the `/*` section of folder/_headers (Netlify's format), if there is one."""
    rules, in_all = [], False
    path = folder / "_headers"
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            in_all = line.strip() == "/*"
        elif in_all:
            name, _, value = line.strip().partition(":")
            rules.append((name.strip(), value.strip()))
    return rules


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with `Content-Encoding: gzip` (level 6) for text types, as hosts send them."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        # The build's _headers file (hooks/csp.py writes it: CSP and the rest), as a host sends it.
        for name, value in headers_rules(Path(self.directory)):
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the slash
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSIBLE \
                or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def page_paths(site: Path) -> list[str]:
    """Every page of a build as a URL path ("" is the home page)."""
    out = []
    for p in sorted(site.rglob("*.html")):
        rel = p.relative_to(site).as_posix()
        out.append(rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
    return out


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def die(msg: str):
    print(msg, file=sys.stderr)
    sys.exit(1)
