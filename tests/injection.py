"""The payloads an attacker would type, the places an editor writes, and the builds with them in.

Shared by tests/test_injection.py (step 1 refuses, or the build passes its own output checks) and
tests/browser/test_injected_text.py (what was accepted does nothing in Chromium). A pytest plugin
(tests/conftest.py names it), so the five builds are made once per test session.
"""
from __future__ import annotations

import contextlib
import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import copy_project, guide_build
from guide.check_sources import check_sources
from guide.errors import GuideError

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute": '" onmouseover="alert(1)',
    "end-script": "</script><script>alert(1)</script>",
    "javascript-url": "javascript:alert(1)",
    "meta-refresh": '0;url=https://evil.example/ " http-equiv="refresh',
}
PAGE = "docs/aftercare.md"  # the page that gets the front-matter and body payloads


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def _set_line(project: Path, file: str, field: str, value: str, nth: int = 0) -> None:
    """Give the nth `field:` line of a YAML file (at any indent) the value, keeping its indent."""
    path = project / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    matches = [i for i, line in enumerate(lines) if re.match(rf"^(\s*-?\s*){field}:", line)]
    assert len(matches) > nth, f"{file} has no '{field}:' line"
    i = matches[nth]
    indent = re.match(rf"^(\s*-?\s*){field}:", lines[i])[1]
    # A folded value (>-) continues on the lines below: drop them.
    j = i + 1
    if lines[i].rstrip().endswith((">-", ">", "|", "|-")):
        while j < len(lines) and (lines[j].startswith("  ") and lines[j].strip()):
            j += 1
    lines[i:j] = [f"{indent}{field}: {_yaml(value)}\n"]
    path.write_text("".join(lines), encoding="utf-8")


def _front_matter(project: Path, field: str, value: str) -> None:
    path = project / PAGE
    text = path.read_text(encoding="utf-8")
    if re.search(rf"(?m)^{field}: ", text):
        text = re.sub(rf"(?m)^{field}: .*$", lambda _: f"{field}: {_yaml(value)}", text, count=1)
    else:
        text = text.replace("---\n", f"---\n{field}: {_yaml(value)}\n", 1)
    path.write_text(text, encoding="utf-8")


def _glossary(project: Path, payload: str) -> None:
    path = project / "includes" / "glossary.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\*\[[^\]]+\]: )(.*)$", lambda m: m[1] + f"{m[2]} {payload}", text, count=1)
    path.write_text(text, encoding="utf-8")


def _nav_title(project: Path, payload: str) -> None:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(  - )Glossary(: glossary\.md)$", lambda m: f"{m[1]}{_yaml('Glossary ' + payload)}{m[2]}", text)
    assert payload in text or _yaml("Glossary " + payload) in text
    path.write_text(text, encoding="utf-8")


def _body(project: Path, payload: str) -> None:
    path = project / PAGE
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\nA note from the clinic: {payload}\n", encoding="utf-8")


def _link(project: Path, payload: str) -> None:
    path = project / PAGE
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\nThe clinic has [more to read]({payload}).\n", encoding="utf-8")


@dataclass(frozen=True)
class Place:
    name: str
    file: str                                  # the file a refusal must name
    put: Callable[[Path, str], None]


PLACES = [
    Place("costs.region", "data/costs.yml", lambda p, v: _set_line(p, "data/costs.yml", "region", f"the United States {v}")),
    Place("costs.dry_needling_billing", "data/costs.yml",
          lambda p, v: _set_line(p, "data/costs.yml", "dry_needling_billing", f"Billed as part of a session. {v}")),
    Place("sources.title", "data/sources.yml", lambda p, v: _set_line(p, "data/sources.yml", "title", f"A title {v}")),
    Place("sources.publisher", "data/sources.yml", lambda p, v: _set_line(p, "data/sources.yml", "publisher", f"A publisher {v}")),
    Place("sources.site", "data/sources.yml", lambda p, v: _set_line(p, "data/sources.yml", "site", f"example.org {v}")),
    Place("sources.url", "data/sources.yml", lambda p, v: _set_line(p, "data/sources.yml", "url", v)),
    Place("clinic.name", "data/clinic.yml", lambda p, v: _set_line(p, "data/clinic.yml", "name", f"ModMeds {v}")),
    Place("clinic.offers", "data/clinic.yml", lambda p, v: _set_line(p, "data/clinic.yml", "offers", f"pain care {v}")),
    Place("reader question", "data/reader_questions.yml",
          lambda p, v: _set_line(p, "data/reader_questions.yml", "question", f"is it normal to be sore {v}")),
    Place("glossary", "includes/glossary.md", _glossary),
    Place("nav title", "mkdocs.yml", _nav_title),
    Place("description", PAGE, lambda p, v: _front_matter(p, "description", f"What is normal after needling. {v}")),
    Place("title", PAGE, lambda p, v: _front_matter(p, "title", f"Aftercare {v}")),
    Place("page body", PAGE, _body),
    Place("page link", PAGE, _link),
]


def step_one(project: Path) -> list[GuideError]:
    with contextlib.chdir(project):  # as `python -m guide` runs: paths shown as the editor knows them
        return check_sources(project).errors


@pytest.fixture(scope="session")
def injection_clean_copy(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("injection-clean"))
    assert not step_one(project), "the clean project does not pass step 1"
    return project


@pytest.fixture(scope="session")
def step_one_outcomes(tmp_path_factory, injection_clean_copy) -> dict[tuple[str, str], list[GuideError]]:
    """(payload, place) -> the mistakes step 1 reports with the payload in that one place."""
    outcomes = {}
    for payload_name, payload in PAYLOADS.items():
        for place in PLACES:
            project = tmp_path_factory.mktemp("inject-one")
            shutil.copytree(injection_clean_copy, project, dirs_exist_ok=True, symlinks=True)
            place.put(project, payload)
            outcomes[(payload_name, place.name)] = step_one(project)
    return outcomes


@pytest.fixture(scope="session")
def payload_builds(tmp_path_factory, injection_clean_copy, step_one_outcomes) -> dict[str, tuple[Path, list[str], object]]:
    """payload -> (output folder, the places it was put in, the build's result): one build each,
    with the payload in every place step 1 accepts, two builds at a time."""
    def build(payload_name: str):
        folder = tmp_path_factory.mktemp(f"inject-{payload_name}")
        project = folder / "project"
        shutil.copytree(injection_clean_copy, project, symlinks=True)
        accepted = [p for p in PLACES if not step_one_outcomes[(payload_name, p.name)]]
        for place in accepted:
            place.put(project, PAYLOADS[payload_name])
        return folder / "out", [p.name for p in accepted], guide_build(project, folder / "out")

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(build, name) for name in PAYLOADS}
    return {name: f.result() for name, f in futures.items()}


MARKERS = ("alert(1)", "evil.example")


def pages_with_payload(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if any(m in p.read_text(encoding="utf-8") for m in MARKERS)]
