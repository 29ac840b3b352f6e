"""guide/glossary_terms.py and guide/print_links.py: pure functions on a page's HTML."""
from guide.glossary_terms import anchor_glossary_entries, define_terms_at_first_use, term_id
from guide.print_links import name_internal_links, page_key

TP = '<abbr title="A knot.">trigger point</abbr>'
DN = '<abbr title="Needling.">dry needling</abbr>'


def tabs(first: str, second: str) -> str:
    return ('<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="a" name="t" '
            'type="radio" /><input id="b" name="t" type="radio" /><div class="tabbed-labels">'
            '<label for="a">Acupuncture</label><label for="b">Dry needling</label></div>'
            f'<div class="tabbed-content"><div class="tabbed-block"><p>{first}</p></div>'
            f'<div class="tabbed-block"><p>{second}</p></div></div></div>')


def test_only_the_first_use_is_defined_and_it_links_to_the_entry():
    html = f"<h1>About {TP}s</h1><p>A {TP} and a {TP}; {DN}.</p><p>{DN} again</p>"
    out = define_terms_at_first_use(html, "../glossary/")
    assert out == ('<h1>About trigger points</h1><p>A <a class="guide-term" href="../glossary/#term-trigger-point">'
                   f'{TP}</a> and a trigger point; <a class="guide-term" href="../glossary/#term-dry-needling">{DN}</a>.'
                   '</p><p>dry needling again</p>')


def test_a_term_used_only_in_headings_or_links_keeps_one_plain_abbr():
    html = f'<h2>{TP}</h2><p><a href="x/">{TP}</a></p>'
    assert define_terms_at_first_use(html, "g/") == f'<h2>{TP}</h2><p><a href="x/">trigger point</a></p>'


def test_each_tab_defines_its_own_first_use():
    out = define_terms_at_first_use(tabs(f"{TP} {TP}", f"{TP}") + f"<p>{TP}</p>", "g/")
    assert out.count('class="guide-term"') == 2    # once per tab; the text after has seen it in both
    out = define_terms_at_first_use(f"<p>{TP}</p>" + tabs(TP, TP), "g/")
    assert out.count('class="guide-term"') == 1    # defined before the tabs: not again in them
    out = define_terms_at_first_use(tabs(TP, "none") + f"<p>{TP}</p>", "g/")
    assert out.count('class="guide-term"') == 2    # the reader of the second tab gets it after


def test_only_the_article_of_a_whole_page_changes():
    page = f"<html><nav>{TP}</nav><article class='md-content__inner'><p>{TP} {TP}</p></article></html>"
    out = define_terms_at_first_use(page, "")
    assert out.startswith(f"<html><nav>{TP}</nav>")
    assert out.count("<abbr") == 2 and 'href="#term-trigger-point"' in out


def test_glossary_entries_get_the_ids_the_links_use():
    out = anchor_glossary_entries(f"<dl><dt>{TP}</dt><dd>A knot.</dd><dt>L.Ac.</dt></dl>")
    assert f'<dt id="{term_id("trigger point")}">' in out and '<dt id="term-l-ac">' in out


def test_links_to_other_pages_carry_their_title():
    titles = {"aftercare": "Aftercare & recovery", "": "Home", "sources": "Sources"}
    html = ('<p><a href="../aftercare/">what to do after</a> <a href="../aftercare/#x">Aftercare &amp; recovery</a> '
            '<a href="../">the start</a> <a href="https://x.org/">out</a> <a href="#here">here</a> '
            '<sup class="citation"><a href="../sources/#s">[1]</a></sup></p>')
    out = name_internal_links(html, "your-session/", titles)
    assert out.count("data-page-title") == 2
    assert '<a href="../aftercare/" data-page-title="Aftercare &amp; recovery">what to do after</a>' in out
    assert '<a href="../" data-page-title="Home">the start</a>' in out
    assert page_key("aftercare.html") == page_key("aftercare/index.html") == page_key("aftercare/") == "aftercare"
    assert name_internal_links('<a href="aftercare.html">after</a>', "index.html", titles).count("data-page-title") == 1
