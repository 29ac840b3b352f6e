"""The data models: what they accept, and the editor's message for what they reject."""
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from macros.models import GuideDataError, load_guide_data


@pytest.fixture
def data_dir(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def _edit(path: Path, old: str, new: str) -> None:
    """Replace `old` once; an `old` ending in ':' (a field name) stands for that field's whole line,
    whatever its value today, so the test does not break when an editor changes the value."""
    text = path.read_text(encoding="utf-8")
    if old.endswith(":"):
        import re
        match = re.search(rf"(?m)^{re.escape(old)}.*$", text)
        assert match, f"test set-up: no line starting with {old!r} in {path.name}"
        old = match.group(0)
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_the_real_data_loads():
    data = load_guide_data(ROOT / "data")
    assert data.costs.private_session.low < data.costs.private_session.high
    assert data.sources and data.source_number(data.sources[0].id) == 1  # numbering, not a count an editor changes
    assert data.clinic.name == "ModMeds"


@pytest.mark.parametrize("old, new, needle, problem", [
    ("follow_up: 80", "follow_up: -80", "follow_up:", "must be a number above zero"),
    ("follow_up: 80", "follow_up: $80", "follow_up:", "must be a number above zero"),
    ("follow_up: 80", "follow_up: eighty", "follow_up:", "must be a number above zero"),
    ("initial_visit: 112", "initial_visit: 0", "initial_visit:", "must be a number above zero"),
    ("  low: 70", "  low: 170", "private_session:", "the low end (170) is above the high end (150)"),
    ("follow_up: 80", "follow_up: 80\nfollowup: 80", "followup:", "'followup' is not a field this file knows"),
    ("checked:", "checked: last week", "checked:", "must be a date"),
    ("currency: USD", "currency: EUR", "currency:", "cannot be 'EUR'"),
    ("source: goodrx-acupuncture-cost", "source: goodrx", "source:", 'the source "goodrx" is not in'),
])
def test_cost_mistakes_name_the_line_and_the_fix(data_dir, old, new, needle, problem):
    costs = data_dir / "costs.yml"
    _edit(costs, old, new)
    with pytest.raises(GuideDataError) as caught:
        load_guide_data(data_dir)
    err = caught.value
    assert err.path.endswith("costs.yml") and err.line == _line_of(costs, needle)
    assert problem in err.problem and err.fix
    assert str(err).startswith(f"{err.path}, line {err.line}: ") and "What to do:" in str(err)


def test_a_missing_field_names_the_field(data_dir):
    _edit(data_dir / "costs.yml", "follow_up: 80\n", "")
    with pytest.raises(GuideDataError, match=r"'follow_up' is missing. What to do: Add a line 'follow_up: \.\.\.'"):
        load_guide_data(data_dir)


def test_a_yaml_syntax_error_names_the_line(data_dir):
    sources = data_dir / "sources.yml"
    _edit(sources, "  publisher: GoodRx", "  publisher: GoodRx: the cost guide")
    with pytest.raises(GuideDataError) as caught:
        load_guide_data(data_dir)
    assert caught.value.line == _line_of(sources, "GoodRx: the cost guide")
    assert "cannot be read" in caught.value.problem and "double quotes" in caught.value.fix


def test_a_duplicate_source_id_is_refused(data_dir):
    _edit(data_dir / "sources.yml", "- id: goodrx-acupuncture-cost", "- id: harvard-acupuncture-pain")
    with pytest.raises(GuideDataError, match="is used twice"):
        load_guide_data(data_dir)


def test_a_guessed_url_must_at_least_be_a_web_address(data_dir):
    _edit(data_dir / "sources.yml", 'site: health.harvard.edu\n  url: ""', "site: health.harvard.edu\n  url: health.harvard.edu")
    with pytest.raises(GuideDataError, match="https://"):
        load_guide_data(data_dir)


def test_a_missing_data_file_is_named(data_dir):
    (data_dir / "clinic.yml").unlink()
    with pytest.raises(GuideDataError, match=r"clinic.yml: the file is missing"):
        load_guide_data(data_dir)


def test_a_malformed_glossary_line_is_named(tmp_path):
    from macros.models import load_glossary

    glossary = tmp_path / "glossary.md"
    glossary.write_text("<!--\nnotes\n-->\n*[PT]: Physical therapist.\nPT means physical therapist\n", encoding="utf-8")
    with pytest.raises(GuideDataError) as caught:
        load_glossary(glossary)
    assert caught.value.line == 5 and "*[TERM]: What it means." in caught.value.fix
