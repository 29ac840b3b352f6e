"""bench/lighthouse: see the shell wrapper."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import CHROMIUM, ROOT, build, page_paths, serve, table

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
OUT = ROOT / "test-output" / "lighthouse"


def run(url: str, report: Path) -> dict:
    cmd = [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--output=json",
           f"--output-path={report}", "--quiet", "--only-categories=" + ",".join(CATEGORIES),
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
           "--disable-component-update --no-first-run"]
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=180)
    return json.loads(report.read_text(encoding="utf-8"))


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="bench-lh-"))
    if len(sys.argv) == 1:
        build(site)
    base, server = serve(site)
    OUT.mkdir(parents=True, exist_ok=True)
    rows, below = [], []
    for path in page_paths(site):
        if path == "404.html":
            continue  # served with status 200 here; Lighthouse scores it like any page
        name = (path.strip("/").replace("/", "_") or "index")
        result = run(base + path, OUT / f"{name}.json")
        scores = [round(result["categories"][c]["score"] * 100) for c in CATEGORIES]
        rows.append(["/" + path, *scores])
        for c in CATEGORIES:
            cat = result["categories"][c]
            if cat["score"] < 1:
                for ref in cat["auditRefs"]:
                    audit = result["audits"][ref["id"]]
                    if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                        below.append(f"/{path} {c}: {audit['id']} ({audit['score']}) {audit.get('displayValue', '')}")
        print(f"  /{path}: {scores}", file=sys.stderr)
    server.shutdown()
    print(table(["page", *CATEGORIES], rows))
    if below:
        print("\nAudits below 1 that carry weight:\n" + "\n".join(f"- {b}" for b in below))


if __name__ == "__main__":
    main()
