"""What step 1 accepts of an attacker's text does nothing in Debian's Chromium (issue 11).

For each payload, the project with it in every place step 1 accepts (tests/injection.py builds it)
is opened in both builds, the hosted one served on 127.0.0.1 and the offline one from file://: no
dialog opens, no event-handler attribute or javascript: link exists, no injected <meta http-equiv>
exists and the page does not go anywhere else.
"""
from __future__ import annotations

import pytest

from injection import PAYLOADS, pages_with_payload


def _open_and_watch(browser, url: str) -> list[str]:
    """Open a page; what it did that it must not: dialogs, handlers, javascript: links, refreshes,
    navigation elsewhere, inline code blocked by the policy."""
    context = browser.new_context()
    page = context.new_page()
    found: list[str] = []
    page.on("dialog", lambda dialog: (found.append(f"a dialog opened: {dialog.message!r}"), dialog.dismiss()))
    page.on("console", lambda msg: msg.type == "error" and "alert" in msg.text and found.append(f"console: {msg.text}"))
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and navigations.append(frame.url))
    try:
        page.goto(url, wait_until="load")
        # The mouse over every element (an injected onmouseover= would run now), then a moment
        # for a meta refresh of 0 s to fire.
        page.evaluate("""() => document.querySelectorAll('*').forEach(e =>
            e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))""")
        page.wait_for_timeout(400)
        state = page.evaluate("""() => ({
            handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
            jsLinks: [...document.querySelectorAll('[href],[src],[action]')].map(e =>
                e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
                .filter(v => /^\\s*javascript:/i.test(v)),
            refresh: [...document.querySelectorAll('meta[http-equiv]')].map(m => m.getAttribute('http-equiv'))
                .filter(v => v.toLowerCase() !== 'content-security-policy'),
        })""")
        found += [f"event-handler attribute: {h}" for h in state["handlers"]]
        found += [f"javascript: address: {v}" for v in state["jsLinks"]]
        found += [f"<meta http-equiv={v}>" for v in state["refresh"]]
        if page.url.split("#")[0] != url.split("#")[0]:
            found.append(f"the page went to {page.url}")
        found += [f"navigated to {u}" for u in navigations if u.split("#")[0] != url.split("#")[0]]
    finally:
        context.close()
    return found


@pytest.mark.browser
@pytest.mark.parametrize("build", ["hosted", "offline"])
@pytest.mark.parametrize("payload_name", PAYLOADS)
def test_escaped_payloads_do_nothing_in_chromium(payload_name, build, payload_builds, browser, serve):
    out, accepted, result = payload_builds[payload_name]
    if result.returncode != 0:
        pytest.fail(f"the build with {payload_name} failed (see test_accepted_payloads_build_and_pass_the_output_checks)")
    site = out / ("site" if build == "hosted" else "site-offline")
    base = serve(site.resolve()) if build == "hosted" else site.resolve().as_uri() + "/"
    pages = pages_with_payload(site)
    assert pages, "the payload reached no page"
    problems = {}
    for path in pages:
        rel = path.relative_to(site).as_posix()
        url = base + (rel.removesuffix("index.html") if build == "hosted" else rel)
        found = _open_and_watch(browser, url)
        if found:
            problems[rel] = found
    assert not problems, f"{PAYLOADS[payload_name]!r} ran or acted in the {build} build: {problems}"
