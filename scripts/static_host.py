"""Serve a build on 127.0.0.1 the way a static web host does, for the tests and the benches.

- the rules of the build's `_headers` file (Content-Security-Policy and the rest, written by
  hooks/csp.py) go with every response, as on hosts that read the file;
- a missing page gets 404.html with status 404;
- with gzip=True, text files are sent gzip-compressed (level 6), as hosts send them; the
  benches measure that way, since an uncompressed server costs scores no real host would.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

# What hosts compress, and so what the weight budgets count gzipped.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


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


class StaticHostHandler(http.server.SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, *args):  # keep test and bench output quiet
        pass

    def end_headers(self):
        for name, value in headers_rules(Path(self.directory)):
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        self._send(404, page, page.read_bytes())

    def send_head(self):
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the slash
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        return self._send(200, path, path.read_bytes(), head_only=True)

    def _send(self, status: int, path: Path, body: bytes, head_only: bool = False):
        if self.compress and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            encoded = True
        else:
            encoded = False
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if head_only:
            return io.BytesIO(body)
        self.wfile.write(body)
        return None


class _GzipHandler(StaticHostHandler):
    compress = True


def serve(folder: Path, gzip: bool = False) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve folder on a free port of 127.0.0.1: (base URL ending in "/", server to shut down)."""
    handler = functools.partial(_GzipHandler if gzip else StaticHostHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def page_path(site: Path, html: Path) -> str:
    """A built page's address relative to the build's root: "aftercare/", "aftercare.html", "" for home."""
    rel = html.relative_to(site).as_posix()
    return rel.removesuffix("index.html") if rel.endswith("index.html") else rel


def page_paths(site: Path) -> list[str]:
    """Every HTML page of a build as a path relative to its root ("" is the home page)."""
    return [page_path(site, path) for path in sorted(site.rglob("*.html"))]
