"""What Zensical 0.0.73's build of the guide does not do yet, as the browser tests find it.

Under GUIDE_ENGINE=zensical (`make test` runs a set of browser tests so; see the Makefile), each
test named here gets its own `pytest.mark.xfail(strict=True, reason=...)` (tests/browser/conftest.py).
Strict: when Zensical closes a gap, that test passes, the run goes red, and its line here (and in
README.md, "Moving to Zensical") must go. A name here that no test has any more fails the run too.
The gaps outside the browser are marked in tests/test_zensical.py itself.

A test is named by its file and function (every parameter), or with its parameter in [brackets].
"""
from __future__ import annotations

import re

import pytest

INLINE_STYLE = ("Zensical's script writes inline styles into every page, which the guide's Content-Security-"
                "Policy (style-src 'self', no 'unsafe-inline') blocks")
SEARCH = ("Zensical's search shows its results in markup of its own, not Material's .md-search-result list "
          "that the guide's search tests (and docs/assets/javascripts/keyboard.js) use; no result appears "
          "where a reader of the MkDocs build finds them")
CONTRAST = ("Zensical's theme draws some text in its own colours, which docs/assets/stylesheets/guide.css "
            "does not reach: the footer's 'Next' label is 5.9:1, below the guide's 7:1")
FOCUS = ("In the light scheme, Zensical's focus ring (yellow, rgb(255, 215, 64)) is 1.4:1 against the white "
         "behind it, below 3:1: the guide's focus ring styles are written for Material's")

BROWSER_GAPS = {
    "tests/browser/test_inline_styles.py::test_no_page_applies_an_inline_style": INLINE_STYLE,
    "tests/browser/test_accessibility.py::test_no_axe_violations_on_any_page": CONTRAST,
    "tests/browser/test_accessibility.py::test_the_palette_choice_is_kept_and_passes_axe":
        "In the dark scheme, Zensical's search box text is below the guide's 7:1 contrast "
        "(guide.css styles Material's search box, not Zensical's)",
    "tests/browser/test_accessibility.py::test_text_readable_at_200_percent[text zoom]":
        "At 200% text zoom, Zensical's theme clips the title of a collapsed box (<summary>)",
    "tests/browser/test_print.py::test_aftercare_prints_on_one_sheet":
        "Zensical's aftercare page prints on two sheets (A4 and Letter) where MkDocs' prints on one: "
        "its theme's print layout is larger than Material's, which the guide's print styles were made for",
    "tests/browser/test_focus_rings.py::test_focus_rings_stand_out_from_what_is_behind_them[light-1280px]": FOCUS,
    "tests/browser/test_focus_rings.py::test_focus_rings_stand_out_from_what_is_behind_them[light-390px]": FOCUS,
    "tests/browser/test_phone_text.py::test_tables_and_tab_labels_are_as_large_as_the_body_text_on_a_phone":
        "On a phone, Zensical's body text is 15 px, below the guide's 16 px (guide.css sets Material's sizes)",
    "tests/browser/test_reader.py::test_search_answers_a_readers_questions": SEARCH,
    "tests/browser/test_reader.py::test_on_a_phone_the_menu_opens_and_search_works":
        "On a phone, Zensical's search button does not put the focus in the search box",
    "tests/browser/test_keyboard.py::test_keyboard_walk_through_the_guide": SEARCH,
    "tests/browser/test_keyboard.py::test_keyboard_walk_on_a_narrow_screen":
        "On a narrow screen, Zensical's search button does not put the focus in the search box "
        "(docs/assets/javascripts/keyboard.js is written for Material's markup)",
    "tests/browser/test_lazy_search.py::test_search_loads_only_when_opened": SEARCH,
    "tests/browser/test_privacy.py::test_the_offline_copy_searches_with_its_own_shim": SEARCH,
    "tests/browser/test_privacy.py::test_the_hosted_build_does_not_load_the_shim": SEARCH,
    "tests/browser/test_privacy.py::test_a_reader_downloads_the_guide_and_reads_it_offline": SEARCH,
}

# The one console error every Zensical page gives (INLINE_STYLE): it is tested on its own above,
# so the other tests' console checks (the `page` fixture) leave it out under Zensical.
INLINE_STYLE_ERROR = re.compile(r"Applying inline style violates .*'style-src|CSP violation: style-src(-elem|-attr)? "
                                r"blocked inline", re.S)


def mark_gaps(items) -> None:
    """Give each listed browser test its strict xfail; fail when a name listed is not a test of a
    file that was collected (the test was renamed: move its line)."""
    modules = {item.nodeid.split("::")[0]: item.module for item in items if hasattr(item, "module")}
    for item in items:
        for name in (item.nodeid, item.nodeid.split("[")[0]):
            if name in BROWSER_GAPS:
                item.add_marker(pytest.mark.xfail(strict=True, reason=f"Zensical gap: {BROWSER_GAPS[name]}"))
                break
    stale = [name for name in BROWSER_GAPS
             if (path := name.split("::")[0]) in modules
             and not hasattr(modules[path], name.split("::")[1].split("[")[0])]
    if stale:
        raise pytest.UsageError("tests/zensical_gaps.py names tests that do not exist: " + ", ".join(stale))
