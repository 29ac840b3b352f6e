"""bench/search_quality: see the shell wrapper for what it measures."""
from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import CHROMIUM, CHROMIUM_ARGS, ROOT, build, make_site, serve, table

sys.path.insert(0, str(ROOT / "tests"))
from conftest import copy_project  # noqa: E402
from search_eval import evaluate, load_questions  # noqa: E402

TMP = Path(tempfile.mkdtemp(prefix="bench-search-"))
# Questions kept outside what search learned and was tuned on (what each is: its file's first
# lines), asked of stock and "ab". The sets written before session 15 are now what search learns
# from (data/reader_questions*.yml); the project's own sets (tests/) were never in it.
HELDOUT_SETS = ((ROOT / "bench" / "search_blind5.yml", "written blind, fifth set (chose the readers' questions' weight)"),
                (ROOT / "bench" / "search_blind6.yml", "written blind, sixth set (asked of what ships)"))
BASE_REV = "884dd06"  # main before issue 12: Material's search as shipped, the pages as they were

# name: (what it is, stemmer and build-time step on?, query script on?, term list on?, pages from rev)
VARIANTS = {
    "stock-before": ("stock Material, pages before issue 12 (main at 884dd06)", False, False, False, BASE_REV),
    "stock": ("stock Material, this branch's pages (question headings)", False, False, False, None),
    "a": ("(a) question headings, stemmer, headings x10 (not x1000), tab labels out of snippets; no query script", True, False, False, None),
    "b": ("(a) + (b) query script: stop words out, whole words, re-ranked by the share of the question answered", True, True, False, None),
    "ab": ("(a)+(b) + lay terms (data/search_terms.yml) and readers' questions (data/reader_questions.yml): what ships", True, True, True, None),
}


def project_for(name: str) -> Path:
    _, pipeline, script, terms, rev = VARIANTS[name]
    project = copy_project(TMP / f"project-{name}")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if not pipeline:  # Material's search settings as shipped, and no build-time step
        text, found = re.subn(r"(?ms)^(  - search:\n      lang: en\n).*?# \(end of the search settings\)\n", r"\1", text)
        assert found == 1, "mkdocs.yml: the search plugin's settings were not found"
    if os.environ.get("TITLE_BOOST"):  # for trying boosts: the title field's weight
        text = text.replace("  - search:\n      lang: en\n", f"  - search:\n      lang: en\n      fields:\n        title:\n          boost: {os.environ['TITLE_BOOST']}\n", 1)
    config.write_text(text, encoding="utf-8")
    if not terms:  # no readers' words, and nothing learned from readers' questions
        (project / "data" / "search_terms.yml").write_text("# none\n", encoding="utf-8")
        (project / "data" / "reader_questions.yml").write_text("# none\n", encoding="utf-8")
    if rev:
        docs = project / "docs"
        for page in docs.glob("*.md"):
            shown = subprocess.run(["git", "show", f"{rev}:docs/{page.name}"], cwd=ROOT,
                                   capture_output=True, text=True)
            if shown.returncode == 0:
                page.write_text(shown.stdout, encoding="utf-8")
    return project


def build_variant(name: str) -> dict[str, Path]:
    """{"hosted": folder, "offline": folder} for a variant, built as `make site` builds (check,
    engine, finish: readers' words and tab labels into the index; verify). The pages of an
    earlier commit ("stock-before") predate the checks of step 1, so they get the engine's build
    alone (which is also Material's search as it shipped then)."""
    project, out = project_for(name), TMP / f"built-{name}"
    if VARIANTS[name][4]:
        build(out / "site", project=project)
        build(out / "site-offline", project=project, OFFLINE="true")
    else:
        make_site(out, project=project)
    return {"hosted": (out / "site").resolve(), "offline": (out / "site-offline").resolve()}


def disable_script(site: Path) -> None:
    """Material's search as shipped: the guide's query script answers nothing."""
    script = site / "assets" / "javascripts" / "search-query.js"
    if script.exists():
        script.write_text("/* off for this benchmark variant */\n", encoding="utf-8")


held_rows: list[list] = []


def run(names: list[str]) -> list[list]:
    from playwright.sync_api import sync_playwright

    questions, skipped = load_questions()
    heldout = [(load_questions(path=path)[0], what) for path, what in HELDOUT_SETS]
    rows, misses = [], {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name in names:
            built = build_variant(name)
            builds = ("hosted", "offline")[:1 if "--hosted" in sys.argv else 2]
            for build_name in builds:
                site = built[build_name]
                if not VARIANTS[name][2]:
                    disable_script(site)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                if build_name == "hosted":
                    base, server = serve(site)
                    start = base
                else:
                    base, server = site.as_uri() + "/", None
                    start = base + "index.html"
                score = evaluate(page, base, start, questions)
                for held_questions, what in heldout if name in ("stock", "ab") else ():
                    held = evaluate(page, base, start, held_questions)
                    held_rows.append([f"{VARIANTS[name][0]}: {what}", build_name, f"{held.first}/{held.total}",
                                      f"{held.top3}/{held.total}"])
                    misses[(f"{name} ({what})", build_name)] = held.misses()
                page.close()
                if server:
                    server.shutdown()
                rows.append([VARIANTS[name][0], build_name,
                             f"{score.first}/{score.total} ({100 * score.first / score.total:.0f}%)",
                             f"{score.top3}/{score.total} ({100 * score.top3 / score.total:.0f}%)"])
                misses[(name, build_name)] = score.misses()
                print(f"{name} {build_name}: first {score.first}, top 3 {score.top3} of {score.total}",
                      file=sys.stderr)
        browser.close()
    for (name, build_name), missed in misses.items():
        print(f"\n{name}, {build_name}: not first:", file=sys.stderr)
        for m in missed:
            print("  " + m, file=sys.stderr)
    if skipped:
        print(f"\nSkipped (page not in the nav yet): {[q.text for q in skipped]}", file=sys.stderr)
    return rows


def inflate_index(site: Path, copies: int) -> int:
    """Repeat the built search index `copies` times (page addresses part-N/...): the index of a
    guide of copies x 13 pages, without building them. Returns the number of sections."""
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = [{**doc, "location": f"part-{i:03d}/{doc['location']}"}
                     for i in range(copies) for doc in index["docs"]]
    path.write_text(json.dumps(index), encoding="utf-8")
    return len(index["docs"])


def last_key_latency(site: Path, questions: list[str]) -> list[float]:
    """Each question put into the box but for its last letter (no search yet), then that letter
    typed: keydown to the first result in the list, in ms. Unlike typing every letter, no
    earlier searches are still queued when the timing starts."""
    from playwright.sync_api import sync_playwright

    base, server = serve(site)
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base)
        box = page.locator("input.md-search__input")
        box.click()
        page.wait_for_function("""() => !/Initializing/.test(
            document.querySelector('.md-search-result__meta').textContent)""", timeout=120_000)
        for q in questions:
            box.fill(q[:-1])
            page.wait_for_timeout(300)
            page.evaluate("""() => { window.__bench = {};
              const list = document.querySelector('.md-search-result__list');
              new MutationObserver((_, obs) => {
                if (window.__bench.last && list.querySelector('.md-search-result__item')) {
                  window.__bench.first = performance.now(); obs.disconnect(); }
              }).observe(list, {childList: true, subtree: true});
              document.querySelector('input.md-search__input').addEventListener('keydown',
                () => { window.__bench.last = performance.now(); }, {once: true}); }""")
            box.press(q[-1])
            page.wait_for_function("() => window.__bench.first", timeout=30_000)
            times.append(page.evaluate("window.__bench.first - window.__bench.last"))
        browser.close()
    server.shutdown()
    return times


def latency() -> None:
    """Questions typed in Chromium against a 1,000-page index (the guide's own index repeated 77
    times: 1,001 pages), hosted build: last keystroke to first result, stock Material and what
    ships, one after the other on the same machine."""
    import build as scale  # bench/build.py: the same timing as its 1,000-page search figure
    scale.QUERIES = ["does dry needling hurt", "price of a first visit", "how soon will I feel better",
                     "muscle jumped when the needle went in", "sore after dry needling is that normal"]
    scale.RUNS = 5
    rows = []
    for name in ("stock", "ab"):
        site = build_variant(name)["hosted"]
        if not VARIANTS[name][2]:
            disable_script(site)
        sections = inflate_index(site, 77)
        row = scale.search_latency(site)[0]
        rows.append([VARIANTS[name][0], f"1,001 pages ({sections} sections)", "typed letter by letter",
                     row[1], row[2]])
        last = last_key_latency(site, scale.QUERIES * 2)
        rows.append([VARIANTS[name][0], f"1,001 pages ({sections} sections)", "last letter typed",
                     f"{statistics.median(last):.0f} ms", "runs: " + ", ".join(f"{t:.0f}" for t in last) + " ms"])
    print(table(["search", "index", "how", "median", "each run"], rows))
    shutil.rmtree(scale.TMP, ignore_errors=True)
    shutil.rmtree(TMP, ignore_errors=True)


SPANISH_SETS = (("tests/search_questions_es.yml", "the project's Spanish questions"),
                ("bench/search_blind5_es.yml", "Spanish questions written blind, fifth set (chose the readers' questions' weight)"),
                ("bench/search_blind6_es.yml", "Spanish questions written blind, sixth set (asked of what ships)"))


def spanish() -> None:
    """The Spanish edition of what ships (`make site`'s es/ folder), both builds: each Spanish
    question set asked as the English ones are."""
    from playwright.sync_api import sync_playwright

    import yaml

    from search_eval import Question

    built = build_variant("ab")
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for build_name, site in built.items():
            server = None
            if build_name == "hosted":
                root, server = serve(site)
                base = start = root + "es/"
            else:
                base = site.as_uri() + "/es/"
                start = base + "index.html"
            for path, what in SPANISH_SETS:
                entries = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
                questions = [Question(str(e["question"]), list(e.get("pages") or [e["page"]])) for e in entries]
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                score = evaluate(page, base, start, questions)
                page.close()
                rows.append([what, build_name, f"{score.first}/{score.total} ({100 * score.first / score.total:.0f}%)",
                             f"{score.top3}/{score.total} ({100 * score.top3 / score.total:.0f}%)"])
                print(f"\n{what}, {build_name}: not first:", file=sys.stderr)
                for miss in score.misses():
                    print("  " + miss, file=sys.stderr)
            if server:
                server.shutdown()
        browser.close()
    print(table(["Spanish questions", "build", "right page first", "right page in top 3"], rows))
    shutil.rmtree(TMP, ignore_errors=True)


def main() -> None:
    t0 = time.perf_counter()
    if "--latency" in sys.argv:
        latency()
        return
    if "--spanish" in sys.argv:
        spanish()
        return
    names = [a for a in sys.argv[1:] if not a.startswith("-")] or list(VARIANTS)
    rows = run(names)
    questions, skipped = load_questions()
    print(f"{len(questions)} questions from tests/search_questions.yml ({len(skipped)} skipped: their page is not in the nav yet)\n")
    print(table(["search", "build", "right page first", "right page in top 3"], rows))
    if held_rows:
        print("\nQuestions written blind, kept out of what search learned (bench/search_blind5.yml, search_blind6.yml):\n")
        print(table(["search", "build", "right page first", "right page in top 3"], held_rows))
    print(f"\n(bench/search_quality took {time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
