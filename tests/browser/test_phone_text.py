"""On a phone, the text of tables and of content tab labels is as large as the body text (at
least 16 px), not Material's 12.8 px: on every page that has them."""
from __future__ import annotations

import pytest

from .conftest import PHONE

SIZES = """() => {
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const body = [...document.querySelectorAll('article > p')].map(size);
  const small = [...document.querySelectorAll('article td, article th, article .tabbed-labels > label')]
    .filter(e => e.textContent.trim())
    .map(e => ({what: `${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 30)}"`, size: size(e)}));
  return {body: Math.max(...body), parts: small};
}"""


def test_tables_and_tab_labels_are_as_large_as_the_body_text_on_a_phone(phone_page, site_dir, hosted_url):
    pages = [p.parent.relative_to(site_dir).as_posix() + "/" for p in sorted(site_dir.rglob("index.html"))
             if any(mark in p.read_text(encoding="utf-8") for mark in ("<table", 'class="tabbed-set'))]
    assert len(pages) >= 3, pages
    failures, checked = [], 0
    for path in pages:
        path = "" if path == "./" else path
        phone_page.goto(hosted_url + path)
        sizes = phone_page.evaluate(SIZES)
        assert sizes["body"] >= 16, f"/{path}: body text is {sizes['body']} px"
        checked += len(sizes["parts"])
        failures += [f"/{path}: {p['what']} is {p['size']} px, body text {sizes['body']} px"
                     for p in sizes["parts"] if p["size"] < sizes["body"]]
    assert checked, "no table or tab label found"
    assert not failures, "\n".join(failures[:20])
