"""Page-load changes made for speed leave the page as Material means it (hooks/page_speed.py)."""


def test_material_takes_off_the_colour_switching_mark(page, guide):
    """The mark switches off CSS transitions; once Material has set the colours it must be gone,
    or the palette toggle and the menu would no longer animate."""
    page.goto(guide.url("aftercare.md"), wait_until="load")
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')", timeout=5000)
