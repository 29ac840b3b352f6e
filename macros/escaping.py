"""Data text made safe for the Markdown it lands in.

Whatever an editor types into data/*.yml or the glossary is text, never markup: the renderers
(render.py) and the pages ({{ clinic.name }}) put it into Markdown, where raw HTML, a link
`[x](javascript:...)`, an attribute list `{ onclick=... }` or a table's `|` would otherwise act.
markdown_text() writes each such character as an HTML character reference, which Markdown leaves
alone and a browser shows as the character itself. Identifiers and addresses are validated by
the models instead (ids are lowercase words, addresses plain https://), and the structured data
(JSON-LD) is built from the raw text and escaped by the template's `tojson`.
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from pydantic import BaseModel

# Characters with a meaning in Markdown or HTML, as character references.
_REFERENCES = {c: f"&#{ord(c)};" for c in "&<>\"'`*_{}[]()|\\#!"}
# Fields that are not display text: validated identifiers, addresses and codes.
NOT_TEXT = frozenset({"id", "url", "source", "currency", "contact"})


def markdown_text(text: str) -> str:
    """Plain text, safe anywhere in a line of Markdown (a sentence, a table cell, a heading)."""
    return "".join(_REFERENCES.get(c, c) for c in text)


def escaped(value):
    """A copy of a model (or a tuple of models) with every display text escaped for Markdown."""
    if isinstance(value, tuple):
        return tuple(escaped(v) for v in value)
    if isinstance(value, BaseModel):
        changes = {}
        for name in type(value).model_fields:
            field = getattr(value, name)
            if name in NOT_TEXT:
                continue
            if isinstance(field, str):
                changes[name] = markdown_text(field)
            elif isinstance(field, (BaseModel, tuple)):
                changes[name] = escaped(field)
        return value.model_copy(update=changes)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: escaped(getattr(value, f.name)) for f in fields(value)})
    return value
