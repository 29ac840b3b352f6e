"""bench/lighthouse: see the shell wrapper."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import CHROMIUM, ROOT, make_site, page_paths, serve, table

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
OUT = ROOT / "test-output" / "lighthouse"


def run(url: str, report: Path) -> dict:
    """One Lighthouse run. Lighthouse now and then fails to record a trace ("NO_NAVSTART"):
    such a run is tried again, up to three times."""
    cmd = [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--output=json",
           f"--output-path={report}", "--quiet", "--only-categories=" + ",".join(CATEGORIES),
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
           "--disable-component-update --no-first-run"]
    for attempt in range(3):
        done = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=180)
        if done.returncode == 0:
            return json.loads(report.read_text(encoding="utf-8"))
        print(f"  Lighthouse failed on {url} (attempt {attempt + 1}); trying again", file=sys.stderr)
    raise SystemExit(f"Lighthouse failed three times on {url}")


def scores(result: dict) -> list[int]:
    return [round(result["categories"][c]["score"] * 100) for c in CATEGORIES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", nargs="?", type=Path,
                        help="a built site (default: a fresh one, built as `make site` builds it: checked, "
                             "finished with its CSP and offline app, verified)")
    parser.add_argument("--runs", type=int, default=5,
                        help="runs per page; the table gives the median (default 5, as Lighthouse's "
                             "docs on variability advise)")
    parser.add_argument("--page", action="append", default=[], metavar="PATH",
                        help="measure only this page, as the table names it (/print/, /es/); may be repeated")
    args = parser.parse_args()
    site = args.site
    if not site:
        out = Path(tempfile.mkdtemp(prefix="bench-lh-"))
        make_site(out)
        site = (out / "site").resolve()
    base, server = serve(site)
    OUT.mkdir(parents=True, exist_ok=True)
    rows, below = [], []
    for path in page_paths(site):
        if path.endswith("404.html"):
            continue  # served with status 200 here; Lighthouse scores it like any page
        if args.page and "/" + path not in args.page:
            continue
        name = (path.strip("/").replace("/", "_") or "index")
        results = [run(base + path, OUT / f"{name}.{i + 1}.json") for i in range(args.runs)]
        each = [scores(r) for r in results]
        median = [round(statistics.median(s[k] for s in each)) for k in range(len(CATEGORIES))]
        performance = [s[0] for s in each]
        rows.append(["/" + path, *median, ", ".join(map(str, performance))])
        # What costs points in the run whose performance score is the median one.
        typical = results[sorted(range(len(each)), key=lambda i: performance[i])[len(each) // 2]]
        for c in CATEGORIES:
            cat = typical["categories"][c]
            if cat["score"] < 1:
                for ref in cat["auditRefs"]:
                    audit = typical["audits"][ref["id"]]
                    if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                        below.append(f"/{path} {c}: {audit['id']} ({audit['score']}) {audit.get('displayValue', '')}")
        print(f"  /{path}: {median} (performance in each run: {performance})", file=sys.stderr)
    server.shutdown()
    print(f"Median of {args.runs} runs per page.\n")
    print(table(["page", *CATEGORIES, "performance, each run"], rows))
    if below:
        print("\nAudits below 1 that carry weight, in each page's median run:\n" + "\n".join(f"- {b}" for b in below))


if __name__ == "__main__":
    main()
