"""A page's front matter (the block between the two '---' lines at its top), through one model.

Required on every page: description, reviewed, next_review (after reviewed). Optional: the
settings the guide uses (template, search, title, hide) and reviewed_by. A misspelt name is an
error, not silently ignored. Every mistake is a GuideError with the file's line.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

from guide.errors import GuideError

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(?P<yaml>.*?\n)?(?:-{3}|\.{3})[ \t]*\n", re.S)
EXAMPLE = "reviewed: 2026-11-27\n    next_review: 2027-11-27"

PlainText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reviewer(_Strict):
    """The clinician who reviewed the page: shown at its foot and in its structured data."""
    name: PlainText
    credentials: PlainText


class SearchSettings(_Strict):
    boost: Annotated[float, Field(gt=0, le=10)] | None = None
    exclude: bool | None = None


class PageMeta(_Strict):
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=300)]
    reviewed: date
    next_review: date
    reviewed_by: Reviewer | None = None
    title: PlainText | None = None
    template: Literal["handout.html"] | None = None
    search: SearchSettings | None = None
    hide: tuple[Literal["navigation", "toc", "footer", "feedback"], ...] | None = None
    # A translated page (docs-es/): which version of its English page it translates, and when.
    translation_of: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")] | None = None
    translated: date | None = None

    @field_validator("reviewed", "next_review", mode="before")
    @classmethod
    def _a_day(cls, value: Any) -> Any:
        if isinstance(value, datetime) or not isinstance(value, date):
            raise ValueError("must be a date written as YYYY-MM-DD, with no time and no quotes")
        return value

    @model_validator(mode="after")
    def _next_after_last(self) -> "PageMeta":
        if self.next_review <= self.reviewed:
            raise ValueError(f"the next review ({self.next_review}) is not after the last review ({self.reviewed})")
        return self

    def reviewed_by_ld(self) -> dict | None:
        """schema.org Person for the JSON-LD `reviewedBy`, or None without a reviewer."""
        if self.reviewed_by is None:
            return None
        return {"@type": "Person", "name": self.reviewed_by.name, "honorificSuffix": self.reviewed_by.credentials}


def split_front_matter(text: str) -> tuple[str | None, int]:
    """(the front matter's YAML, or None; the file's line where the page's text starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, 1
    return match["yaml"] or "", match[0].count("\n") + 1


def validate_front_matter(text: str, shown: str) -> PageMeta:
    """The page's front matter, checked; a GuideError naming file and line otherwise."""
    source, body_start = split_front_matter(text)
    if source is None:
        raise GuideError(shown, 1, "the page does not start with its front matter (the block between two '---' "
                         "lines that holds description, reviewed and next_review)",
                         "Copy the first five lines of another page to the top of this one and change them")
    first = 2  # the front matter's text starts on the file's second line
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(source)
    except yaml.MarkedYAMLError as err:
        mark = err.context_mark or err.problem_mark
        if "date" in str(err.problem or "") or isinstance(err, yaml.constructor.ConstructorError):
            mark = err.problem_mark or mark
        raise GuideError(shown, mark.line + first if mark else 1,
                         f"the front matter cannot be read ({err.problem or err.context})",
                         "Write each line as 'name: value', with a space after the colon, and put a description "
                         "that contains a colon in double quotes") from None
    except ValueError:  # a date that looks like one but is not: 2026-13-40
        line = _bad_date_line(source)
        raise GuideError(shown, line + first - 1 if line else 1, "a date here is not a real date",
                         "Write the date as YYYY-MM-DD (year, month, day), for example 2026-11-27") from None
    if not isinstance(raw, dict) or not isinstance(node, yaml.MappingNode):
        raise GuideError(shown, first, "the front matter must hold 'name: value' lines",
                         "Write each line as 'name: value', for example 'reviewed: 2026-11-27'")
    try:
        return PageMeta.model_validate(raw)
    except ValidationError as err:
        errors = err.errors()
        problem = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = [str(p) for p in problem["loc"]]
        line = _line_of(node, loc, first) if loc else None
        if problem["type"] == "missing" and len(loc) == 1:
            line = body_start - 1  # the closing '---'
        raise GuideError(shown, line or body_start - 1, *_explain(problem, body_start - 1)) from None


def _explain(error: dict, closing: int) -> tuple[str, str]:
    field = ".".join(str(p) for p in error["loc"]) or "the front matter"
    kind, value = error["type"], error.get("input")
    if kind == "missing" and field.startswith("reviewed_by."):
        return (f"'{field}' is missing", "Give the reviewer both lines, indented by two spaces under 'reviewed_by:': "
                "'name: ...' and 'credentials: ...', or remove reviewed_by")
    if field.startswith("reviewed_by"):
        return (f"'{field}' must hold the reviewer's name and credentials, not {value!r}",
                "Write 'reviewed_by:' and under it, indented by two spaces, 'name: ...' and 'credentials: ...' "
                "(for example MD), or remove reviewed_by until a clinician has reviewed the page")
    if kind == "missing":
        if field in ("reviewed", "next_review"):
            return (f"the front matter has no '{field}' date",
                    f"Add a line '{field}: YYYY-MM-DD' above the closing '---' on line {closing}, for example:\n    {EXAMPLE}")
        return (f"the front matter has no '{field}'",
                f"Add a line '{field}: ...' above the closing '---' on line {closing} (see CONTRIBUTING.md)")
    if kind == "extra_forbidden":
        return (f"'{field}' is not a name the front matter knows",
                "Check the spelling. Known names: " + ", ".join(PageMeta.model_fields))
    if field in ("reviewed", "next_review") and kind != "value_error":
        return (f"'{field}' must be a date written as YYYY-MM-DD, not {value!r}",
                "Write the date as YYYY-MM-DD (year, month, day), for example 2026-11-27, with no time and no quotes")
    message = error["msg"].removeprefix("Value error, ")
    if "next review" in message:
        return message, "Set next_review to a later date, usually a year after 'reviewed'"
    if field == "description" and kind in ("string_too_short", "string_too_long"):
        return ("the description must be one or two sentences (20 to 300 characters)",
                "Write what the page tells a reader, in one or two plain sentences: search engines and link "
                "previews show it")
    return f"'{field}': {message}", "Correct the value on that line (see CONTRIBUTING.md)"


def _line_of(node: yaml.Node, loc: list[str], first: int) -> int | None:
    line = None
    for part in loc:
        if not isinstance(node, yaml.MappingNode):
            break
        match = next(((k, v) for k, v in node.value if str(k.value) == part), None)
        if match is None:
            break
        line, node = match[0].start_mark.line + first, match[1]
    return line


def _bad_date_line(source: str) -> int | None:
    for number, text in enumerate(source.splitlines(), start=1):
        value = text.partition(":")[2].strip()
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            try:
                date.fromisoformat(value)
            except ValueError:
                return number
    return None
