"""The data models: what they accept, and the editor's message for what they reject."""
import re
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
    """Replace the first line that matches the regular expression `old` (a whole line) by `new`.
    Lines are found by their field, never by today's value, so an editor's correct change to a
    figure or a date never breaks these tests."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(?m)^{old}$")
    assert pattern.search(text), f"test set-up: no line matching {old!r} in {path.name}"
    path.write_text(pattern.sub(lambda _: new, text, count=1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_the_real_data_loads():
    """Relations, not today's values: the range is ordered, sources are numbered from 1 in order,
    and the cost figures cite a listed source."""
    data = load_guide_data(ROOT / "data")
    assert data.costs.private_session.low <= data.costs.private_session.high
    assert data.sources and [data.source_number(s.id) for s in data.sources] == list(range(1, len(data.sources) + 1))
    assert data.source_number(data.costs.source) is not None
    assert data.clinic.name.strip()


@pytest.mark.parametrize("old, new, needle, problem", [
    ("follow_up: .*", "follow_up: -80", "follow_up:", "must be a number above zero"),
    ("follow_up: .*", "follow_up: $80", "follow_up:", "must be a number above zero"),
    ("follow_up: .*", "follow_up: eighty", "follow_up:", "must be a number above zero"),
    ("initial_visit: .*", "initial_visit: 0", "initial_visit:", "must be a number above zero"),
    ("  low: .*", "  low: 9999999", "private_session:", "the low end (9999999) is above the high end"),
    ("(follow_up: .*)", "follow_up: 80\nfollowup: 80", "followup:", "'followup' is not a field this file knows"),
    ("checked: .*", "checked: last week", "checked:", "must be a date"),
    ("currency: .*", "currency: EUR", "currency:", "cannot be 'EUR'"),
    ("source: [^#]*(#.*)?", "source: goodrx", "source:", 'the source "goodrx" is not in'),
])
def test_cost_mistakes_name_the_line_and_the_fix(data_dir, old, new, needle, problem):
    costs = data_dir / "costs.yml"
    _edit(costs, old, new.replace("\\n", "\n"))
    with pytest.raises(GuideDataError) as caught:
        load_guide_data(data_dir)
    err = caught.value
    assert err.path.endswith("costs.yml") and err.line == _line_of(costs, needle)
    assert problem in err.problem and err.fix
    assert str(err).startswith(f"{err.path}, line {err.line}: ") and "What to do:" in str(err)


def test_a_missing_field_names_the_field(data_dir):
    _edit(data_dir / "costs.yml", "follow_up: .*", "")
    with pytest.raises(GuideDataError, match=r"'follow_up' is missing. What to do: Add a line 'follow_up: \.\.\.'"):
        load_guide_data(data_dir)


def test_a_yaml_syntax_error_names_the_line(data_dir):
    sources = data_dir / "sources.yml"
    _edit(sources, "  publisher: .*", "  publisher: A publisher: the cost guide")
    with pytest.raises(GuideDataError) as caught:
        load_guide_data(data_dir)
    assert caught.value.line == _line_of(sources, "A publisher: the cost guide")
    assert "cannot be read" in caught.value.problem and "double quotes" in caught.value.fix


def test_a_duplicate_source_id_is_refused(data_dir):
    first, second = load_guide_data(data_dir).sources[:2]
    _edit(data_dir / "sources.yml", f"- id: {second.id}", f"- id: {first.id}")
    with pytest.raises(GuideDataError, match="is used twice"):
        load_guide_data(data_dir)


def test_a_guessed_url_must_at_least_be_a_web_address(data_dir):
    _edit(data_dir / "sources.yml", "  url: .*", "  url: goodrx.com")
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
