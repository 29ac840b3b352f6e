"""Search that understands readers' words: the build-time half (issue 12).

`finish_search_index(site_dir, terms_file)` changes the built search index, in both builds
(`search/search_index.json` for the hosted site, `search/search_index.js` for the offline copy,
whichever are there), and nothing else:

- it adds `config.guide_terms`, the lay words of data/search_terms.yml ("price" -> ["cost"]),
  which docs/assets/javascripts/search-query.js reads when search starts: a reader's "price"
  then also looks for "cost". (In `config`, because Material passes only `config` and `docs` on
  to its worker; the worker ignores the extra key.)
- it takes the labels of content tabs out of the snippets' text: Material's index runs them
  together ("AcupunctureDry needling") in front of the first sentence.

Call it after the engine has built the site (and after the offline plugin has written
search_index.js), before the Content-Security-Policy and verification steps: it touches no
HTML. It is a pure function of the built folder and the terms file; it raises
SearchTermsError (one message: file, line, what to do) for a mistake in the terms file.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from guide.errors import GuideError

import yaml

INDEX_JSON = "search/search_index.json"
INDEX_JS = "search/search_index.js"
JS_PREFIX = "var __index = "
TABBED_LABELS = re.compile(r'<div class="tabbed-labels[^"]*">(.*?)</div>', re.S)
LABEL = re.compile(r"<label[^>]*>(.*?)</label>", re.S)
TAG = re.compile(r"<[^>]+>")
# What a reader may type as a lay word, and what the guide's words may be: letters (any
# alphabet), digits, spaces, apostrophes, hyphens.
WORDS = re.compile(r"^[\w' -]+$")


class SearchTermsError(GuideError):
    """A mistake in data/search_terms.yml: 'file, line N: problem. What to do: fix'."""


def _fail(where: str, line: int | None, problem: str, fix: str):
    raise SearchTermsError(where, line, problem, fix)


def _normal(text: str) -> str:
    return " ".join(re.sub(r"['\u2019]", "", text.lower()).split())


def load_terms(path: Path, name: str = "data/search_terms.yml") -> dict[str, tuple[list[str], int]]:
    """{lay word or phrase: ([guide words], line)} from the terms file, checked."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        _fail(name, mark.line + 1 if mark else None, f"this is not valid YAML ({getattr(e, 'problem', e)})",
              "copy the layout of the lines above: 'reader word: [guide word, other guide word]'")
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        _fail(name, root.start_mark.line + 1, "the file must be a list of 'reader word: [guide words]' lines",
              "write each entry as 'price: [cost]'")
    terms: dict[str, tuple[list[str], int]] = {}
    for key, value in root.value:
        line = key.start_mark.line + 1
        lay = key.value if isinstance(key, yaml.ScalarNode) else None
        if not lay or not isinstance(lay, str) or not WORDS.match(lay):
            _fail(name, line, f"'{lay}' is not a word or phrase a reader would type",
                  "use letters and spaces only before the colon, such as 'price'")
        if isinstance(value, yaml.ScalarNode) and value.value:
            guide_words = [value.value]
        elif isinstance(value, yaml.SequenceNode) and value.value and all(
                isinstance(v, yaml.ScalarNode) and v.value for v in value.value):
            guide_words = [v.value for v in value.value]
        else:
            _fail(name, line, f"'{lay}' has no guide words after the colon",
                  f"write the guide's words in brackets, such as '{lay}: [cost]'")
        for word in guide_words:
            if not WORDS.match(word):
                _fail(name, line, f"'{word}' is not a word or phrase", "use letters and spaces only")
        key_norm = _normal(lay)
        if key_norm in terms:
            _fail(name, line, f"'{lay}' is listed twice (also on line {terms[key_norm][1]})",
                  "keep one line for it and put all its guide words in that line's brackets")
        terms[key_norm] = ([_normal(w) for w in guide_words], line)
    return terms


def read_index(path: Path) -> dict:
    """A built search index, from either build's file (guide/reader_questions.py reads it too)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":
        text = text.strip()
        if not text.startswith(JS_PREFIX):
            raise ValueError(f"{path}: not the offline plugin's search index ({JS_PREFIX!r} missing)")
        text = text[len(JS_PREFIX):].rstrip(";")
    return json.loads(text)


def write_index(path: Path, index: dict) -> None:
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(JS_PREFIX + text if path.suffix == ".js" else text, encoding="utf-8")


def tab_label_runs(site_dir: Path) -> set[str]:
    """The labels of each set of content tabs, run together as the search index has them."""
    runs = set()
    for page in site_dir.rglob("*.html"):
        for labels in TABBED_LABELS.findall(page.read_text(encoding="utf-8")):
            run = "".join(html.unescape(TAG.sub("", label)) for label in LABEL.findall(labels))
            if run:
                runs.add(run)
    return runs


def finish_index(index: dict, terms: dict[str, tuple[list[str], int]], runs: set[str],
                 terms_name: str = "data/search_terms.yml") -> dict:
    """The index with `guide_terms` added and tab labels taken out of its text."""
    runs_re = re.compile("|".join(re.escape(r) for r in sorted(runs, key=len, reverse=True))) if runs else None
    docs = []
    for doc in index.get("docs", []):
        doc = dict(doc)
        if runs_re and doc.get("text"):
            doc["text"] = re.sub(r"^\s+", "", runs_re.sub("", doc["text"]))
        docs.append(doc)
    text = _normal(" ".join(TAG.sub(" ", d.get("title", "") + " " + d.get("text", "")) for d in docs))
    for lay, (guide_words, line) in terms.items():
        for word in guide_words:
            if not re.search(r"\b" + re.escape(word), text):
                _fail(terms_name, line, f"'{word}' (for '{lay}') is not on any page the search covers",
                      "check its spelling, or use a word the guide's pages use")
    config = {**index.get("config", {}), "guide_terms": {lay: words for lay, (words, _) in sorted(terms.items())}}
    return {**index, "config": config, "docs": docs}


def finish_search_index(site_dir: Path | str, terms_file: Path | str,
                        terms_name: str = "data/search_terms.yml") -> list[Path]:
    """Finish every search index in the built folder; returns the files changed."""
    site_dir = Path(site_dir)
    terms = load_terms(Path(terms_file), terms_name)
    runs = tab_label_runs(site_dir)
    changed = []
    for name in (INDEX_JSON, INDEX_JS):
        path = site_dir / name
        if path.exists():
            write_index(path, finish_index(read_index(path), terms, runs, terms_name))
            changed.append(path)
    return changed
