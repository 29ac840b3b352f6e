"""bench/build: see the shell wrapper for what it measures."""
from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _common import CHROMIUM, CHROMIUM_ARGS, PYTHON, ROOT, build, copy_project, make_site, serve, table

QUICK = "--quick" in sys.argv
RUNS = 1 if QUICK else int(os.environ.get("RUNS", "5"))
SIZES = [10, 100] if QUICK else [10, 100, 1000]
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
TMP = Path(tempfile.mkdtemp(prefix="bench-build-"))
QUERIES = ["needling", "aftercare", "soreness", "practitioner", "pressure", "insurance", "knot"]


def median(fn, runs: int = RUNS) -> float:
    return statistics.median(fn() for _ in range(runs))


def full_builds() -> list[list]:
    rows = []
    for name, env in (("hosted", {}), ("offline", {"OFFLINE": "true"})):
        out = TMP / f"full-{name}"
        rows.append([f"engine build alone, {name}", f"{median(lambda: build(out, **env)):.2f} s"])
    out = TMP / "make-site"
    rows.append(["make site (both copies: check, build, finish, verify, publish)",
                 f"{median(lambda: make_site(out)):.2f} s"])
    return rows


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuild() -> list[list]:
    """`mkdocs serve` on a copy; append a line to a page; time until the served page has it."""
    project = copy_project(TMP / "serve-project")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([str(PYTHON), "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/aftercare/"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.time() + 120
        while "<article" not in fetch():
            if time.time() > deadline:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.2)
        page = project / "docs" / "aftercare.md"
        times = []
        for i in range(RUNS):
            token = f"benchmark-edit-{i}-{time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle between edits
            start = time.perf_counter()
            with page.open("a", encoding="utf-8") as f:
                f.write(f"\n{token}\n")
            while token not in fetch():
                if time.perf_counter() - start > 120:
                    raise RuntimeError("the edit never showed up")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return [["rebuild under mkdocs serve, one-line edit to the page served", f"{statistics.median(times):.2f} s"]]


def synthetic(n: int) -> Path:
    """A copy of the project whose docs/ holds n pages: copies of the guide's pages in folders
    part-001/, part-002/..., the last one cut short; the nav is left to MkDocs."""
    project = copy_project(TMP / f"synthetic-{n}")
    docs = project / "docs"
    sources = {p.name: p.read_bytes() for p in sorted(docs.glob("*.md")) if p.name != "print.md"}
    for p in docs.glob("*.md"):
        if p.name != "index.md":
            p.unlink()
    pages = 1  # index.md stays
    part = 0
    while pages < n:
        part += 1
        folder = docs / f"part-{part:03d}"
        folder.mkdir()
        for name, text in sources.items():
            if pages >= n:
                break
            (folder / name).write_bytes(text)
            pages += 1
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?ms)^nav:.*\Z", "", config)  # the nav is the file's last section
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def build_loose(project: Path, out: Path) -> float:
    """A build without --strict: the cut-short copies have links to pages left out."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OFFLINE", "GUIDE_"))}
    env["NO_MKDOCS_2_WARNING"] = "1"
    start = time.perf_counter()
    subprocess.run([str(PYTHON), "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out)], cwd=project,
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def zensical_build(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(ZENSICAL), "build", "--clean"], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def scale() -> tuple[list[list], dict[int, Path], list[list]]:
    rows, sites, zrows, per = [], {}, [], {}
    for n in SIZES:
        project = synthetic(n)
        out = TMP / f"synthetic-{n}-site"
        runs = RUNS if n < 1000 or os.environ.get("RUNS") else 3  # 1,000 pages: 3 runs, to stay bounded
        seconds = median(lambda: build_loose(project, out), runs)
        built = len(list(out.rglob("index.html")))
        index = out / "search" / "search_index.json"
        import gzip
        raw = index.read_bytes()
        per[n] = seconds
        rows.append([n, built, runs, f"{seconds:.2f}", f"{seconds / n * 1000:.1f}",
                     f"{len(raw) / 1024:.0f}", f"{len(gzip.compress(raw, 6)) / 1024:.0f}"])
        sites[n] = out
        if ZENSICAL.exists():
            # Zensical 0.0.73 takes minutes for 1,000 pages here: one run at that size.
            zruns = runs if n < 1000 else 1
            z = median(lambda: zensical_build(project), zruns)
            zrows.append([f"{n} pages", zruns, f"{seconds:.2f} s", f"{z:.2f} s", f"{seconds / z:.2f}"])
    if 100 in per and 1000 in per:
        rows.append(["1000 / 100 time ratio", "", "", f"{per[1000] / per[100]:.1f} (limit 12)", "", "", ""])
    return rows, sites, zrows


def search_latency(site: Path) -> list[list]:
    """Chromium: type a word in the search box; time from the last keystroke (keydown) to the
    first results for the whole word in the list."""
    from playwright.sync_api import sync_playwright

    base, server = serve(site)
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base)
        # The index is ready when the results line stops saying "Initializing search".
        page.locator("input.md-search__input").click()
        page.wait_for_function("""() => !/Initializing/.test(
            document.querySelector('.md-search-result__meta').textContent)""", timeout=120_000)
        for i in range(RUNS):
            query = QUERIES[i % len(QUERIES)]
            box = page.locator("input.md-search__input")
            box.fill("")
            # Type all but the last letter, let those results settle, then time the last key.
            box.press_sequentially(query[:-1], delay=60)
            page.wait_for_timeout(1500)
            page.evaluate("""() => {
                window.__bench = {};
                const list = document.querySelector('.md-search-result__list');
                new MutationObserver((_, obs) => {
                    if (window.__bench.last && list.querySelector('.md-search-result__item')) {
                        window.__bench.first = performance.now(); obs.disconnect(); }
                }).observe(list, {childList: true, subtree: true});
                document.querySelector('input.md-search__input').addEventListener('keydown',
                    () => { window.__bench.last = performance.now(); }, {once: true});
            }""")
            box.press(query[-1])
            page.wait_for_function("() => window.__bench.first", timeout=30_000)
            times.append(page.evaluate("window.__bench.first - window.__bench.last"))
        browser.close()
    server.shutdown()
    n = len(list(site.rglob("index.html")))
    return [[f"search, {n} pages: last keystroke to first result", f"{statistics.median(times):.0f} ms",
             f"runs: {', '.join(f'{t:.0f}' for t in times)} ms"]]


def main() -> None:
    t0 = time.perf_counter()
    print(f"Runs per figure: {RUNS}. Working folder: {TMP}\n", file=sys.stderr)
    rows = full_builds()
    rows += serve_rebuild()
    print(table(["build", "median"], rows))
    scale_rows, sites, zrows = scale()
    print()
    print(table(["pages asked", "pages built", "runs", "build s (median)", "ms per page",
                 "search index KB", "index KB gzipped"], scale_rows))
    if zrows:
        print()
        print(table(["same project", "Zensical runs", "MkDocs + Material", "Zensical 0.0.73",
                     "Material time / Zensical time"], zrows))
    else:
        print(f"\nZensical: not installed at {ZENSICAL} (make test installs it); no comparison.")
    biggest = sites[max(sites)]
    print()
    print(table(["search", "median", "each run"], search_latency(biggest)))
    print(f"\n(bench/build took {time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
