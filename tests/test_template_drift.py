"""The copied Material templates and the Material internals the build relies on, checked against
the installed Material for MkDocs: a test here fails when an upgrade changes them, saying what to do.

Each file in overrides/ that copies one of Material's templates says so in its header comment,
with the SHA-256 of the Material original it was copied from:

    Material original: partials/search.html sha256=<64 hex digits>

When Material's original changes, compare it with the copy, carry the change over (or decide it
does not apply), then record the new hash.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

from conftest import ROOT
from guide.finish import CHARSET, TOGGLE_AUTOCOMPLETE

MATERIAL = Path(material.__file__).resolve().parent / "templates"
OVERRIDES = ROOT / "overrides"
RECORD = re.compile(r"Material original: (?P<path>\S+) sha256=(?P<sha>[0-9a-f]{64})")


def overrides() -> list[Path]:
    return sorted(OVERRIDES.rglob("*.html"))


def records() -> list[tuple[str, str, str]]:
    """(override, Material original, recorded hash) for every copied template."""
    found = []
    for path in overrides():
        for m in RECORD.finditer(path.read_text(encoding="utf-8")):
            found.append((path.relative_to(ROOT).as_posix(), m["path"], m["sha"]))
    return found


def test_copied_templates_record_their_original():
    """A file in overrides/partials/ shadows Material's file of the same name: it either records
    the original it copies, or says it is the guide's own (no 'Material original' line)."""
    recorded = {override for override, _, _ in records()}
    for path in overrides():
        text = path.read_text(encoding="utf-8")
        header = text[: text.find("-#}")] if text.lstrip().startswith("{#") else ""
        says_copied = re.search(r"(copied from|Material(?:'s)? (?:\d[\d.]*'s )?partials/)", header, re.I)
        rel = path.relative_to(ROOT).as_posix()
        if says_copied and "Material original:" not in header:
            pytest.fail(f"{rel} says it is copied from Material but records no 'Material original: <path> "
                        f"sha256=<hash>' line in its header comment")
        assert rel in recorded or not says_copied


@pytest.mark.parametrize("override, original, recorded", records(), ids=[r[0] for r in records()])
def test_material_original_unchanged(override, original, recorded):
    source = MATERIAL / original
    assert source.is_file(), (f"{override} copies Material's {original}, which the installed Material no longer "
                              f"has: find where that part moved and re-copy it")
    now = hashlib.sha256(source.read_bytes()).hexdigest()
    assert now == recorded, (
        f"Material's {original} changed since {override} was copied from it. Re-copy it: compare "
        f"{source} with {override}, carry Material's change into the copy (keeping the guide's changes "
        f"its header lists), then set its 'Material original' line to sha256={now}")


def test_every_override_still_replaces_a_material_template():
    """A file in overrides/partials/ that Material no longer has (or no longer includes) would be
    silently unused."""
    included = set()
    for template in MATERIAL.rglob("*.html"):
        included.update(re.findall(r'include\s+"([^"]+)"', template.read_text(encoding="utf-8")))
    for path in sorted((OVERRIDES / "partials").rglob("*.html")):
        rel = path.relative_to(OVERRIDES).as_posix()
        if not (MATERIAL / rel).is_file():
            # The guide's own partial: a template of the guide must include it.
            ours = "\n".join(p.read_text(encoding="utf-8") for p in overrides())
            assert f'"{rel}"' in ours, f"overrides/{rel} is neither Material's nor included by the guide"
        else:
            assert rel in included, f"Material no longer includes {rel}: overrides/{rel} is unused"


# --- the Material internals the build relies on -------------------------------------------------

def test_base_template_has_what_guide_finish_edits():
    """guide/finish.py puts the Content-Security-Policy after Material's <meta charset> and takes
    `autocomplete` off its two toggle checkboxes; both are found by their exact markup."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    assert len(CHARSET.findall(base)) == 1, ("Material's base.html no longer has one <meta charset=\"utf-8\">: "
                                             "update CHARSET in guide/finish.py")
    toggles = TOGGLE_AUTOCOMPLETE.findall(base)
    assert len(toggles) == 2, ("Material's base.html no longer has the drawer and search toggles with "
                               "autocomplete=\"off\" as guide/finish.py expects: update TOGGLE_AUTOCOMPLETE there")


def test_base_template_includes_the_parts_the_guide_changes():
    """The guide's changes ride on Material's blocks and include names: each must still be there."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    header = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    for name in ("partials/javascripts/base.html", "partials/javascripts/content.html"):
        assert f'include "{name}"' in base, name
    for name in ("partials/palette.html", "partials/javascripts/palette.html", "partials/search.html"):
        assert f'include "{name}"' in header, name
    used = set()
    for path in overrides():
        used.update(re.findall(r"\{%-?\s*block\s+(\w+)", path.read_text(encoding="utf-8")))
    material_blocks = set()
    for template in MATERIAL.rglob("*.html"):
        material_blocks.update(re.findall(r"\{%-?\s*block\s+(\w+)", template.read_text(encoding="utf-8")))
    assert used <= material_blocks, f"blocks the guide fills that Material no longer has: {used - material_blocks}"


def test_palette_markup_the_guide_checks_for():
    """Material's own palette code mounts on data-md-component="palette" (tests/test_page_speed.py
    checks no page has one, because the guide's form is marked differently)."""
    palette = (MATERIAL / "partials" / "palette.html").read_text(encoding="utf-8")
    assert 'data-md-component="palette"' in palette
