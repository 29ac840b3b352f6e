"""Valid HTML: take out the two attributes of Material's template that the Nu HTML validator
rejects on every page.

Material 9.8.2's base.html writes `autocomplete="off"` on the drawer and search toggles, which
are checkboxes; HTML allows `autocomplete` on text-like inputs only ("Attribute autocomplete is
only allowed when the input type is ..."). The two inputs are in base.html itself, outside any
block or partial, so an override would mean copying the whole page template: this hook removes
the attribute instead. tests/test_html_valid.py runs the validator on every page of both builds,
and fails if Material's output changes so that this no longer matches.
(Material added the attribute so that Firefox does not restore a drawer left open on reload.)
"""
from __future__ import annotations

import re

_TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
    r'id="__(?:drawer|search)") autocomplete="off">'
)


def on_post_page(output: str, page, config) -> str:
    return _TOGGLE.sub(r"\1>", output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    """The same for pages made from templates alone: 404.html."""
    return _TOGGLE.sub(r"\1>", output_content)
