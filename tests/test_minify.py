"""guide/minify.py: the guide's own scripts reach readers minified, in both builds and every
edition, and a script terser cannot read fails the build with its file and line."""
from __future__ import annotations

import gzip

import pytest

from conftest import ROOT
from guide.errors import GuideError
from guide.minify import SCRIPTS, minify_scripts, own_scripts


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


@pytest.mark.parametrize("build", ["hosted", "offline"])
def test_each_own_script_reaches_readers_smaller_than_its_source(build, site_dir, offline_site_dir):
    site = site_dir if build == "hosted" else offline_site_dir
    names = own_scripts(ROOT / "docs")
    assert "assets/javascripts/search-query.js" in names
    checked = 0
    for folder in ("", "es"):
        for name in names:
            built = site / folder / name
            if not built.is_file():  # a script one build does not ship (iframe-worker.js: offline only)
                continue
            source = (ROOT / "docs" / name).read_bytes()
            text = built.read_text(encoding="utf-8")
            assert gz(built.read_bytes()) < gz(source), f"{build} {folder}/{name} is not minified"
            assert "/*" not in text and "\n//" not in text, f"{build} {folder}/{name} still has comments"
            checked += 1
    assert checked >= len(names), f"only {checked} scripts found in the {build} build"


def test_a_script_terser_cannot_read_names_its_file_and_line(tmp_path):
    scripts = tmp_path / SCRIPTS
    scripts.mkdir(parents=True)
    (scripts / "good.js").write_text("// fine\nvar answer = 42;\n", encoding="utf-8")
    (scripts / "broken.js").write_text("var a = 1;\nfunction (\n", encoding="utf-8")
    with pytest.raises(GuideError) as failed:
        minify_scripts(tmp_path, (f"{SCRIPTS}/good.js", f"{SCRIPTS}/broken.js"))
    assert failed.value.path.endswith("docs/assets/javascripts/broken.js")
    assert failed.value.line == 2
    assert "What to do" in str(failed.value)
