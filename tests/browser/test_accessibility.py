"""Accessibility: axe-core finds nothing on any page, in either colour scheme, on a desktop or a
phone; text stays readable at 200% zoom.

axe runs with EVERY rule it has switched on: the WCAG A/AA rules, best practices, the AAA rules
(7:1 text contrast among them) and the experimental ones. Stock Material fails 2 to 3 rules a
page (header tab contrast, footer text contrast, links told apart by colour alone); the guide's
fixes are in docs/assets/stylesheets/guide.css and overrides/partials/search.html.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from scripts.static_host import page_paths

from .conftest import DESKTOP, PHONE

# Rules switched off, each with the reason. Keep this empty unless a rule cannot be met.
EXCLUDED_RULES: dict[str, str] = {}

SCHEMES = {"light": "default", "dark": "slate"}
_axe = Axe()


def run_axe(page) -> list[str]:
    """Run every axe rule on the page; one line per violation, with where and why."""
    page.evaluate(_axe.axe_script)
    rules = page.evaluate("axe.getRules().map(r => r.ruleId)")
    options = {
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": rule not in EXCLUDED_RULES} for rule in rules},
    }
    results = page.evaluate("options => axe.run(document, options)", options)
    problems = []
    for v in results["violations"]:
        for node in v["nodes"][:5]:
            why = (node.get("failureSummary") or "").replace("\n", " ")
            problems.append(f"{v['id']} ({v['impact']}) at {node['target']}: {why[:300]}")
    return problems


@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["1280px", "390px"])
@pytest.mark.parametrize("scheme", SCHEMES, ids=list(SCHEMES))
def test_no_axe_violations_on_any_page(browser, site_dir, hosted_url, scheme, width):
    # The palette follows the reader's system setting until they choose: emulate that setting.
    context = browser.new_context(viewport=width, color_scheme=scheme)
    page = context.new_page()
    failures = []
    try:
        for url in page_paths(site_dir):
            page.goto(hosted_url + url)
            page.wait_for_load_state("load")
            body_scheme = page.get_attribute("body", "data-md-color-scheme")
            assert body_scheme == SCHEMES[scheme], f"/{url}: the {scheme} scheme did not apply"
            failures += [f"/{url}: {p}" for p in run_axe(page)]
    finally:
        context.close()
    assert not failures, f"{len(failures)} axe violations ({scheme}, {width['width']} px):\n" + "\n".join(failures)


def test_the_palette_choice_is_kept_and_passes_axe(browser, hosted_url):
    """A reader who picks dark colours with the toggle (stored in localStorage) gets them, and
    they pass axe, even when the system asks for light."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    page = context.new_page()
    try:
        page.goto(hosted_url)
        page.evaluate("""() => localStorage.setItem(__md_scope.pathname + '.__palette', JSON.stringify(
            {color: {media: '(prefers-color-scheme: dark)', scheme: 'slate', primary: 'custom', accent: 'custom'}}))""")
        page.reload()
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        assert run_axe(page) == []
    finally:
        context.close()


# What "readable at 200%" means here, checked on every page:
# - no horizontal scrolling of the page itself (WCAG 1.4.10 Reflow);
# - no text of the page content cut off: every element inside the article ends inside the
#   window, unless it sits in a box that scrolls sideways on purpose (wide tables, code).
ZOOM_CHECK = """() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1)
    problems.push(`page scrolls sideways: ${doc.scrollWidth}px wide in a ${doc.clientWidth}px window`);
  const scrolls = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === 'auto' || o === 'scroll') && p !== doc && p !== document.body) return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('.md-content article *, .md-footer *')) {
    if (!el.textContent.trim() || el.closest('.md-typeset__scrollwrap, pre, .tabbed-block:not(:first-child)')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;        // not shown (a closed tab or details)
    if ((r.right > doc.clientWidth + 1 || r.left < -1) && !scrolls(el))
      problems.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}" runs out of the window (${Math.round(r.left)}..${Math.round(r.right)})`);
    const s = getComputedStyle(el);
    if ((s.overflowX === 'hidden' || s.overflowX === 'clip') && el.scrollWidth > el.clientWidth + 1)
      problems.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}" is clipped`);
  }
  return problems.slice(0, 10);
}"""


@pytest.mark.parametrize("how", ["browser zoom", "text zoom"])
def test_text_readable_at_200_percent(browser, site_dir, hosted_url, how):
    if how == "browser zoom":
        # A 1280 px window zoomed to 200% lays out like a 640 px one, with twice the pixels.
        context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    else:
        # Only the text doubles (the browser's font-size setting): the rem-based layout follows.
        context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    failures = []
    try:
        for url in page_paths(site_dir):
            page.goto(hosted_url + url)
            if how == "text zoom":
                page.evaluate("""() => { const html = document.documentElement;
                    html.style.fontSize = 2 * parseFloat(getComputedStyle(html).fontSize) + 'px'; }""")
            failures += [f"/{url}: {p}" for p in page.evaluate(ZOOM_CHECK)]
    finally:
        context.close()
    assert not failures, f"at 200% ({how}):\n" + "\n".join(failures)
