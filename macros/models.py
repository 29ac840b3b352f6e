"""The guide's data files, validated once when loaded into frozen, typed models.

Every mistake an editor can make in data/*.yml becomes one GuideDataError that names the
file, the line and what to do, in words a non-programmer can act on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from guide.errors import GuideError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

DATA_FILES = ("costs.yml", "sources.yml", "clinic.yml")


# The build's one error type (guide/errors.py), under the name the data code has always used.
GuideDataError = GuideError


# --- models -------------------------------------------------------------------------------

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# A price in dollars: a plain positive number such as 80 or 79.50, never text like "$80".
Money = Annotated[Decimal, Field(gt=0, max_digits=9, decimal_places=2, allow_inf_nan=False)]
Text = Annotated[str, Field(min_length=1)]


class PriceRange(_Model):
    low: Money
    high: Money

    @model_validator(mode="after")
    def _ordered(self) -> "PriceRange":
        if self.low > self.high:
            raise ValueError(f"the low end ({self.low}) is above the high end ({self.high})")
        return self


# A year a figure was published: four digits, such as 2019.
Year = Annotated[int, Field(ge=1900, le=2100)]


class Costs(_Model):
    checked: date
    source: Text
    study_year: Year
    report_year: Year
    currency: Literal["USD"]
    region: Text
    private_session: PriceRange
    initial_visit: Money
    follow_up: Money
    dry_needling_billing: Text
    estimate_follow_ups: tuple[Annotated[int, Field(gt=0, le=52)], ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _reported_after_study(self) -> "Costs":
        if self.report_year < self.study_year:
            raise ValueError(f"report_year ({self.report_year}) is before study_year ({self.study_year}): "
                             "a study is reported in its own year or later")
        return self


class Source(_Model):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    title: Text
    publisher: Text
    site: Text
    url: str = ""
    # The day someone read the page at `url` and checked what the guide takes from it.
    read_on: date | None = None

    @field_validator("url")
    @classmethod
    def _web_address(cls, url: str) -> str:
        if url and not re.match(r"^https://[^\s/]+\.[^\s]+$", url):
            raise ValueError("a url must be a full web address starting with https://, or left empty")
        return url

    @model_validator(mode="after")
    def _read_when_addressed(self) -> "Source":
        if self.url and self.read_on is None:
            raise ValueError("read_on is missing: a source with a url needs the date its page was read")
        if self.read_on is not None and not self.url:
            raise ValueError("read_on is set but url is empty: the date says when the page at the url was read")
        return self


EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
WEB_ADDRESS = re.compile(r"^https://[^\s/<>\"']+\.[^\s<>\"']+$")


class Clinic(_Model):
    name: Text
    offers: Text
    # Where readers can report a problem with the guide: a web address or an email address that
    # the clinic itself has confirmed. Unset, the feedback link goes to the repository alone.
    contact: str | None = None

    @field_validator("contact")
    @classmethod
    def _contact(cls, contact: str | None) -> str | None:
        if contact is None:
            return None
        if not (EMAIL.match(contact) or WEB_ADDRESS.match(contact)):
            raise ValueError("contact must be an email address (name@example.org) or a web address "
                             "starting with https://")
        return contact

    @property
    def contact_href(self) -> str | None:
        """The link target for the contact: mailto: for an email address."""
        if self.contact is None:
            return None
        return f"mailto:{self.contact}" if EMAIL.match(self.contact) else self.contact


class GlossaryEntry(_Model):
    term: Text
    definition: Text


@dataclass(frozen=True)
class GuideData:
    costs: Costs
    sources: tuple[Source, ...]
    clinic: Clinic

    def source_number(self, source_id: str) -> int | None:
        """The number readers see for a source (1-based), or None if there is no such source."""
        for number, source in enumerate(self.sources, start=1):
            if source.id == source_id:
                return number
        return None


# --- loading ------------------------------------------------------------------------------

GLOSSARY_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>.+)$")


def load_glossary(path: Path) -> tuple[GlossaryEntry, ...]:
    """Read includes/glossary.md: one '*[TERM]: definition' a line, outside an HTML comment."""
    if not path.is_file():
        raise GuideDataError(path, None, "the file is missing", "Put the file back: the guide needs it to build")
    entries: list[GlossaryEntry] = []
    in_comment = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            continue
        match = GLOSSARY_LINE.match(stripped)
        if not match:
            raise GuideDataError(path, number, "this line is not a glossary entry",
                                 "Write each entry on one line as *[TERM]: What it means.")
        if any(e.term == match["term"] for e in entries):
            raise GuideDataError(path, number, f'"{match["term"]}" is defined twice', "Keep one definition of each term")
        entries.append(GlossaryEntry(term=match["term"], definition=match["definition"]))
    return tuple(entries)


def load_guide_data(data_dir: Path) -> GuideData:
    """Read and check data/costs.yml, data/sources.yml and data/clinic.yml."""
    costs_path, sources_path, clinic_path = (data_dir / name for name in DATA_FILES)
    costs = _load(costs_path, Costs)
    sources_raw, sources_node = _read_yaml(sources_path)
    if not isinstance(sources_raw, list):
        raise GuideDataError(sources_path, 1, "this file must be a list of sources, each starting with '- id:'",
                             "Start each source with a line '- id: short-name' and indent its other fields by two spaces")
    sources = tuple(_validate(sources_path, sources_node, Source, item, [i]) for i, item in enumerate(sources_raw))
    seen: set[str] = set()
    for i, source in enumerate(sources):
        if source.id in seen:
            raise GuideDataError(sources_path, _line_at(sources_node, [i, "id"]), f'the id "{source.id}" is used twice',
                                 "Give each source its own id")
        seen.add(source.id)
    clinic = _load(clinic_path, Clinic)
    if costs.source not in seen:
        _, costs_node = _read_yaml(costs_path)
        raise GuideDataError(costs_path, _line_at(costs_node, ["source"]),
                             f'the source "{costs.source}" is not in {sources_path}',
                             f"Use the id of a source listed there: {', '.join(sorted(seen))}")
    return GuideData(costs=costs, sources=sources, clinic=clinic)


def _load(path: Path, model: type[_Model]) -> Any:
    raw, node = _read_yaml(path)
    if not isinstance(raw, dict):
        raise GuideDataError(path, 1, "this file must hold 'name: value' lines",
                             "Compare it with the previous version of the file, or with the examples in CONTRIBUTING.md")
    return _validate(path, node, model, raw, [])


def _read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    if not path.is_file():
        raise GuideDataError(path, None, "the file is missing", "Put the file back: the guide needs it to build")
    text = path.read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        # "while scanning a simple key": the name without its colon is on the context line; the
        # problem line is the one after it, which is not where the editor has to look.
        simple_key = err.context == "while scanning a simple key"
        mark = (err.context_mark if simple_key else None) or err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        raise GuideDataError(path, line, f"this line cannot be read ({err.problem or err.context})",
                             "Check the indentation, the colon after each name, and put text that contains "
                             "a colon or starts with a special character in double quotes") from None


def _validate(path: Path, node: yaml.Node | None, model: type[_Model], raw: Any, prefix: list) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        errors = err.errors()
        # A misspelt name is both unknown and missing: name the misspelt line, it is the one to fix.
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = prefix + list(first["loc"])
        # A missing top-level field has no line of its own: name the file alone.
        line = None if first["type"] == "missing" and len(loc) == 1 else _line_at(node, loc)
        raise GuideDataError(path, line, *_explain(first, model)) from None


def _explain(error: dict, model: type[_Model]) -> tuple[str, str]:
    """An editor's wording of a pydantic error: (what is wrong, what to do)."""
    field = ".".join(str(part) for part in error["loc"] if not isinstance(part, int)) or "this entry"
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return f"'{field}' is missing", f"Add a line '{field}: ...' (see the comment at the top of the file)"
    if kind == "extra_forbidden":
        known = ", ".join(model.model_fields)
        return f"'{field}' is not a field this file knows", f"Check the spelling, or remove the line. Known fields: {known}"
    if kind in {"greater_than", "decimal_parsing", "decimal_type", "finite_number", "int_parsing", "int_type",
                "decimal_max_places", "decimal_max_digits", "less_than_equal", "int_from_float"}:
        return (f"'{field}' must be a number above zero, not {value!r}",
                "Write the amount as a plain number such as 80 or 79.50, with no dollar sign, comma or words")
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}:
        return f"'{field}' must be a date, not {value!r}", "Write the date as YYYY-MM-DD, for example 2026-11-27"
    if kind == "literal_error":
        return f"'{field}' cannot be {value!r}", f"Use {error['ctx']['expected']}"
    if kind == "string_pattern_mismatch":
        return (f"'{field}' must be short lowercase words joined by hyphens, not {value!r}",
                "Use only a-z, 0-9 and hyphens, for example 'harvard-acupuncture-pain'")
    message = error["msg"].removeprefix("Value error, ")
    if "low end" in message:
        return f"'{field}': {message}", "Put the smaller number after 'low:' and the larger after 'high:'"
    if "read_on is missing" in message:
        return (message, "Add a line 'read_on: YYYY-MM-DD' under its url: the day you read the page at that "
                         "address and checked what the guide takes from it")
    if "read_on is set but url is empty" in message:
        return message, "Put the page's exact address after 'url:', or remove the read_on line"
    if "report_year" in message:
        return message, "Check both years against the source: study_year is when the study was done, report_year when the source published it"
    if "contact must be" in message:
        return message, "Write the address the clinic gave you, such as help@example.org or https://example.org/contact, or remove the line"
    return f"'{field}': {message}", "Correct the value on that line"


def _line_at(node: yaml.Node | None, loc: list) -> int | None:
    """The 1-based line of the YAML node at `loc` (keys and list indexes), or its nearest parent."""
    line = node.start_mark.line + 1 if node else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == part), None)
            if match is None:
                return line
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line
