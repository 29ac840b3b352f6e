"""Glossary terms defined at first use, and reachable by keyboard (issue 12).

The glossary (includes/glossary.md) is appended to every page by pymdownx.snippets, and the abbr
extension then marks EVERY occurrence of every term with <abbr title="meaning">: the same word
underlined three times in one sentence, and a meaning only a mouse could reach. These pure
functions take a built page's HTML and return it changed:

- define_terms_at_first_use(): each term keeps its <abbr> at its first use on the page only,
  wrapped in a link to its entry on the glossary page (Tab reaches it; Enter opens the meaning);
  every later <abbr> of it becomes plain text. Content tabs count as the reader sees them: a term
  first used inside the "Dry needling" tab is defined again at its first use in the
  "Acupuncture" tabs, since a reader sees one or the other (content.tabs.link); and a term
  defined in one tab only is defined again at its next use outside the tabs, so the reader of
  the other tab gets it too (the reader of the first tab then sees it defined twice).
  A first use is never put inside a heading, a link, a tab label, a summary, a glossary entry's
  own term (<dt>) or code: there a term becomes plain text, and its first use elsewhere is
  defined. A term used only in such places keeps one plain <abbr> (a hover tooltip).
- anchor_glossary_entries(): an id on each glossary entry (<dt id="term-...">), the links'
  target. For the glossary page, and the handout that holds it.

Only the <article> is changed when the HTML has one (the whole built page); else all of it
(MkDocs' page content). Text is never re-escaped: the functions move existing markup only.

Wiring: call them on every page (built folder or MkDocs' on_page_content) with the relative
address of the glossary page; hooks/glossary_terms.py does so for now.
"""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Where a first use is never put (a link there would nest, or be a heading's or a control's).
NO_DEFINITION_INSIDE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "label", "button",
                        "code", "pre", "dt", "abbr", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
ARTICLE = re.compile(r"(<article\b[^>]*>)(.*)(</article>)", re.S | re.I)


def term_id(term: str) -> str:
    """The id of a term's glossary entry: "term-trigger-point"."""
    slug = re.sub(r"[^a-z0-9]+", "-", htmllib.unescape(term).lower()).strip("-")
    return f"term-{slug or 'x'}"


@dataclass
class _Abbr:
    start: int            # offset of "<abbr"
    open_end: int         # offset just after the start tag
    close_start: int = -1  # offset of "</abbr>"
    close_end: int = -1
    text: str = ""
    eligible: bool = True
    track: str | None = None   # the content tab's label it sits in, if any


@dataclass
class _TabSet:
    labels: list[str] = field(default_factory=list)
    blocks: int = 0


class _Scanner(HTMLParser):
    """Finds every <abbr> with its offsets, its text, whether a first use may go there, and the
    content tab (by label) it sits in."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[tuple[str, str]] = []  # (tag, role): role "set", "labels", "label", "block", ""
        self.sets: list[_TabSet] = []
        self.tracks: list[str] = []
        self.all_tracks: set[str] = set()
        self.abbrs: list[_Abbr] = []
        self.open_abbr: _Abbr | None = None
        self.label_text: list[str] | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        classes = set((dict(attrs).get("class") or "").split())
        role = ""
        if tag == "div" and "tabbed-set" in classes:
            role = "set"
            self.sets.append(_TabSet())
        elif tag == "div" and "tabbed-labels" in classes and self.sets:
            role = "labels"
        elif tag == "label" and self.stack and self.stack[-1][1] == "labels":
            role = "label"
            self.label_text = []
        elif tag == "div" and "tabbed-block" in classes and self.sets:
            role = "block"
            tab_set = self.sets[-1]
            label = tab_set.labels[tab_set.blocks] if tab_set.blocks < len(tab_set.labels) else f"#{tab_set.blocks}"
            tab_set.blocks += 1
            self.tracks.append(label)
            self.all_tracks.add(label)
        if tag == "abbr" and self.open_abbr is None:
            inside = {t for t, _ in self.stack}
            self.open_abbr = _Abbr(start, start + len(self.get_starttag_text()),
                                   eligible=not (inside & NO_DEFINITION_INSIDE),
                                   track=self.tracks[-1] if self.tracks else None)
        if tag not in VOID:
            self.stack.append((tag, role))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag == "abbr" and self.open_abbr is not None:
            start = self._offset()
            end = self.source.index(">", start) + 1
            self.open_abbr.close_start, self.open_abbr.close_end = start, end
            self.abbrs.append(self.open_abbr)
            self.open_abbr = None
        # Close up to the matching open tag (browsers' rule for stray end tags, simplified).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _, role in self.stack[i:]:
                    if role == "set":
                        self.sets.pop()
                    elif role == "block":
                        self.tracks.pop()
                    elif role == "label" and self.label_text is not None:
                        self.sets[-1].labels.append(" ".join("".join(self.label_text).split()))
                        self.label_text = None
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.open_abbr is not None:
            self.open_abbr.text += data
        if self.label_text is not None:
            self.label_text.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def _key(text: str) -> str:
    return " ".join(htmllib.unescape(text).lower().split())


def _on_article(html: str, change) -> str:
    match = ARTICLE.search(html)
    if not match:
        return change(html)
    return html[:match.start(2)] + change(match[2]) + html[match.end(2):]


def define_terms_at_first_use(html: str, glossary_href: str | None) -> str:
    """Keep each glossary term's <abbr> at its first use only, as a link to its glossary entry.

    glossary_href: the glossary page's address relative to this page ("../glossary/",
    "glossary.html"; "" when the page itself holds the glossary list), or None for no links.
    """
    return _on_article(html, lambda part: _define(part, glossary_href))


def _define(source: str, glossary_href: str | None) -> str:
    scanner = _Scanner(source)
    scanner.feed(source)
    scanner.close()
    abbrs = scanner.abbrs
    common: set[str] = set()
    per_track: dict[str, set[str]] = {}
    keep: dict[int, bool] = {}  # index -> link it (True) or leave a plain <abbr> (False)
    tracks = scanner.all_tracks
    for i, abbr in enumerate(abbrs):
        key = _key(abbr.text)
        seen = common if abbr.track is None else per_track.setdefault(abbr.track, set())
        if key in common or key in seen or not abbr.eligible:
            continue
        if abbr.track is None and tracks and all(key in per_track.get(t, ()) for t in tracks):
            continue  # every tab defined it already: whichever the reader picked, they saw it
        seen.add(key)
        keep[i] = glossary_href is not None
    # A term with no place for a first use keeps its first <abbr>, plain.
    defined = {_key(abbrs[i].text) for i in keep}
    for i, abbr in enumerate(abbrs):
        key = _key(abbr.text)
        if key not in defined:
            defined.add(key)
            keep[i] = False
    out, last = [], 0
    for i, abbr in enumerate(abbrs):
        out.append(source[last:abbr.start])
        if i in keep:
            whole = source[abbr.start:abbr.close_end]
            if keep[i]:
                href = htmllib.escape(f"{glossary_href}#{term_id(abbr.text)}", quote=True)
                whole = f'<a class="guide-term" href="{href}">{whole}</a>'
            out.append(whole)
        else:  # plain text: the abbr's content without its tags
            out.append(source[abbr.open_end:abbr.close_start])
        last = abbr.close_end
    out.append(source[last:])
    return "".join(out)


DT = re.compile(r"<dt>(.*?)</dt>", re.S)


def anchor_glossary_entries(html: str) -> str:
    """Give each glossary entry (<dt> without an id) the id its links point at."""
    def anchor(match: re.Match) -> str:
        text = re.sub(r"<[^>]+>", "", match[1])
        return f'<dt id="{term_id(text)}">{match[1]}</dt>'
    return _on_article(html, lambda part: DT.sub(anchor, part))
