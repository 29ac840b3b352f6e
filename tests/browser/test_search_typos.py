"""A slip of the keys in a long word (issues 12 and 14), in both builds and both languages:

- a long word typed with a letter left out finds what the word finds ("acupunture"), and is not
  shown as missing;
- a word the guide uses is never taken for a typo of another one: "infection" marks no
  "injection", "lesión" no "sesión".

The words come from the question sets and from the built search index's own text, so they follow
the pages as editors change them."""
from __future__ import annotations

import json
import re
import unicodedata

import pytest

from conftest import ROOT  # tests/conftest.py
from search_eval import RESULTS, ask, open_search, page_of

from .conftest import Guide

EDITIONS = {"en": ("", ROOT / "tests" / "search_questions.yml"),
            "es": ("es/", ROOT / "tests" / "search_questions_es.yml")}
HOW_MANY = 4
FUZZY_FROM = 6  # search-query.js: the shortest word it may take for a typo


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def guide_words(site_dir, folder: str) -> set[str]:
    """The words of the edition's search index (titles and text), lowercase, without accents."""
    index = json.loads((site_dir / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["title"] + " " + re.sub(r"<[^>]*>", " ", d["text"]) for d in index["docs"])
    return {fold(w) for w in re.findall(r"[^\W_]+", re.sub(r"['\u2019]", "", text.lower()))}


def one_apart(a: str, b: str) -> bool:
    """One letter changed, added or left out."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def first_difference(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_a_long_word_with_a_letter_left_out_finds_what_the_word_finds(guide, page, site_dir, edition):
    folder, questions = EDITIONS[edition]
    known = guide_words(site_dir, folder)
    asked = re.findall(r"[^\W\d_]+", questions.read_text(encoding="utf-8").lower())
    words = list(dict.fromkeys(w for w in asked if len(fold(w)) >= 8 and fold(w) in known))[:HOW_MANY]
    assert len(words) == HOW_MANY, f"too few long words in {questions.name}: {words}"
    here = Guide(guide.name, guide.base + folder)
    open_search(page, here.url("index.md"))
    for word in words:
        slip = word[:len(word) // 2] + word[len(word) // 2 + 1:]  # "acupuncture" -> "acupunture"
        if fold(slip) in known:
            continue
        right = [page_of(h, here.base) for h in ask(page, word)[:3]]
        typo = [page_of(h, here.base) for h in ask(page, slip)[:3]]
        assert right, f"{here}: {word!r} found nothing"
        assert typo and typo[0] == right[0], f"{here}: {slip!r} found {typo}, {word!r} found {right}"
        # Nor is the mistyped word listed as missing ("Missing: acupunture") under a result
        # where the word it stands for is marked.
        missing = page.eval_on_selector_all(RESULTS + " .md-search-result__terms", "els => els.map(e => e.textContent)")
        assert not any(slip in text.lower() for text in missing), f"{here}: {slip!r} shown as missing: {missing}"


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_a_word_the_guide_uses_is_never_taken_for_a_typo(guide, page, site_dir, edition):
    """Pairs of the guide's words one letter apart, differing near their start (so not two forms
    of one word, "algunas"/"algunos"): searching one marks no occurrence of the other. (Accents
    aside: "cuándo" and "cuando" are one word.)"""
    folder, _ = EDITIONS[edition]
    words = sorted(w for w in guide_words(site_dir, folder) if len(w) >= FUZZY_FROM)
    pairs = [(a, b) for i, a in enumerate(words) for b in words[i + 1:]
             if one_apart(a, b) and first_difference(a, b) < 4][:HOW_MANY]
    assert pairs, f"no two words of the {edition} index are one letter apart: this test checks nothing"
    here = Guide(guide.name, guide.base + folder)
    open_search(page, here.url("index.md"))
    for a, b in pairs:
        for word, other in ((a, b), (b, a)):
            ask(page, word)
            marks = {fold(m).strip(".,;:!?()\"'¿¡") for m in page.eval_on_selector_all(
                RESULTS + " mark", "els => els.map(e => e.textContent)")}
            assert other not in marks, f"{here}: searching {word!r} marked {other!r}"
