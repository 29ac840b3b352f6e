"""Focus rings stand out: at every Tab stop of every kind of page, in light and dark colours, on a
desktop and a phone (menu closed and open), the ring's colour has at least 3:1 contrast with what
is drawn behind it (WCAG 2.2, 1.4.11 and 2.4.13). axe does not check this.

What is behind the ring is measured where the ring is drawn: at points along its middle line on
each side of the focused thing, the browser lists every element there (elementsFromPoint), and
their background colours are laid over one another in paint order. A ring drawn outside the
element (positive outline-offset) is measured against what is around the element; one drawn
inside it (negative offset) against the element's own background.
"""
from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE

MIN_CONTRAST = 3.0
# One page of each kind: home, text with boxes, tabs, the estimator, the glossary, the handout
# (no Material script), the sources, the "not found" page.
PAGES = ["", "aftercare/", "acupuncture-vs-dry-needling/", "booking-and-cost/", "glossary/",
         "print/", "sources/", "no-such-page/"]
SCHEMES = {"light": "default", "dark": "slate"}

RING_CONTRAST = r"""() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  // Hidden radio buttons show their focus on their label (content tabs).
  let shown = focused;
  if (focused.matches('.tabbed-set > input')) {
    const inputs = [...focused.parentElement.querySelectorAll(':scope > input')];
    shown = focused.parentElement.querySelector(':scope > .tabbed-labels').children[inputs.indexOf(focused)];
  } else if (focused.matches('input.md-option') && focused.nextElementSibling) {
    shown = focused.nextElementSibling;
  }
  const what = `${focused.tagName.toLowerCase()}${focused.id ? '#' + focused.id : ''}` +
    `${[...focused.classList].map(c => '.' + c).join('')} "${(focused.textContent ||
    focused.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`;
  const s = getComputedStyle(shown);
  if (s.visibility === 'hidden') return {what, skip: 'not visible'};
  const width = parseFloat(s.outlineWidth);
  if (s.outlineStyle === 'none' || !(width > 0)) return {what, contrast: 0, why: 'no outline'};
  const parse = text => {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a === undefined ? 1 : a];
  };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const lum = c => {
    const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const canvas = getComputedStyle(document.documentElement).colorScheme === 'dark' ? [18, 18, 18, 1] : [255, 255, 255, 1];
  const offset = parseFloat(s.outlineOffset) || 0;
  const d = offset + width / 2;          // from the border edge to the middle of the ring
  const r = shown.getBoundingClientRect();
  const points = [[r.left + r.width / 2, r.top - d], [r.left + r.width / 2, r.bottom + d],
                  [r.left - d, r.top + r.height / 2], [r.right + d, r.top + r.height / 2],
                  [r.left + 4, r.top - d], [r.right - 4, r.bottom + d]];
  const ringColor = parse(s.outlineColor);
  let worst = null;
  for (const [x, y] of points) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    let stack = document.elementsFromPoint(x, y);
    if (d > 0) stack = stack.filter(e => !shown.contains(e));  // outside: the element is not behind
    let color = canvas;
    for (const e of stack.reverse()) {                           // bottom layer first
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg[3] > 0) color = over(bg, color);
    }
    const ring = over(ringColor, color);
    const c = contrast(ring, color);
    if (!worst || c < worst.contrast)
      worst = {what, contrast: Math.round(c * 100) / 100, ring: s.outlineColor,
               behind: `rgb(${color.slice(0, 3).map(Math.round).join(', ')})`,
               at: stack.length ? stack[stack.length - 1].className || stack[stack.length - 1].tagName : ''};
  }
  return worst || {what, skip: 'off screen'};
}"""


# One Tab stop, in one round trip: the focused element brought into view and, if it is inside
# `within`, its ring measured. The page's own scripts answer a focus a moment later (Material opens
# the search box when its input is focused, which turns the box white behind the ring), so a ring
# under the minimum is measured again, frame by frame, for up to SETTLE_MS. (The context asks for
# reduced motion, under which Material turns its colour transitions off.)
SETTLE_MS = 250
STOP = """async ([within, settle, minimum]) => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  e.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});
  if (!e.dataset.ringStop) e.dataset.ringStop = String(Math.random());
  if (!e.closest(within)) return {key: e.dataset.ringStop, ring: null};
  const start = performance.now();
  let ring = (RING)();
  while (ring && 'contrast' in ring && ring.contrast < minimum && performance.now() - start < settle) {
    await new Promise(done => requestAnimationFrame(done));
    ring = (RING)();
  }
  return {key: e.dataset.ringStop, ring};
}""".replace("RING", RING_CONTRAST)


def walk(page, limit: int = 250, within: str = "html") -> list[dict]:
    """Tab through the page from the top, measuring each stop (inside `within`), until the
    focus comes round."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    seen, results = set(), []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(STOP, [within, SETTLE_MS, MIN_CONTRAST])
        if stop is None or stop["key"] in seen:
            break
        seen.add(stop["key"])
        result = stop["ring"]
        if result and "skip" not in result:
            results.append(result)
    return results


@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["1280px", "390px"])
@pytest.mark.parametrize("scheme", SCHEMES, ids=list(SCHEMES))
def test_focus_rings_stand_out_from_what_is_behind_them(browser, hosted_url, scheme, width):
    context = browser.new_context(viewport=width, color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    failures, stops = [], 0
    try:
        for path in PAGES:
            page.goto(hosted_url + path)
            assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
            walks = [walk(page)]
            if width == PHONE:  # the menu (drawer), open; the page behind it is covered
                page.goto(hosted_url + path)
                page.evaluate("document.getElementById('__drawer').click()")
                page.wait_for_timeout(400)
                walks.append(walk(page, within=".md-sidebar--primary"))
            for results in walks:
                stops += len(results)
                failures += [f"/{path}: {r}" for r in results if r["contrast"] < MIN_CONTRAST]
    finally:
        context.close()
    assert stops > 20 * len(PAGES) // 2, f"only {stops} Tab stops measured: is the walk broken?"
    assert not failures, f"{len(failures)} focus rings under {MIN_CONTRAST}:1 ({scheme}, {width['width']} px):\n" + \
        "\n".join(dict.fromkeys(failures))
