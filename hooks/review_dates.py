"""Review dates, as on NHS pages: every page says when it was last reviewed and when it is due.

Each page's front matter (the block between the two '---' lines at the top) must hold

    reviewed: 2026-11-27
    next_review: 2027-11-27

Both show at the foot of the page (overrides/main.html). This hook, registered under `hooks:` in
mkdocs.yml, runs before anything else reads a page, and:
- fails the build, naming the file and line, for a missing front matter, a missing date, a date
  that is not a real date, or a next review that is not after the last one;
- prints a notice (not a failure) for a page whose next review date has passed. It is logged at
  INFO level on purpose: `mkdocs build --strict` fails on any WARNING, and a page that is due
  for review must still publish. `make check` lists these notices at its end.

MkDocs itself reads the front matter too, but when it cannot (a date such as 2026-13-40, a
missing colon) it quietly treats the page as having none: hence this separate reading.
The date of "today" can be set with GUIDE_TODAY=YYYY-MM-DD (the tests use it).
"""
from __future__ import annotations

import logging
import os
from datetime import date, datetime

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils.meta import YAML_RE

log = logging.getLogger("mkdocs.hooks.review_dates")

DATE_FIELDS = ("reviewed", "next_review")
NOTICE = "REVIEW DUE"
EXAMPLE = "reviewed: 2026-11-27\n    next_review: 2027-11-27"


def _today() -> date:
    override = os.environ.get("GUIDE_TODAY", "").strip()
    return date.fromisoformat(override) if override else date.today()


def _fail(where: str, line: int | None, problem: str, fix: str) -> PluginError:
    at = f"{where}, line {line}" if line else where
    return PluginError(f"{at}: {problem}. What to do: {fix}")


def read_review_dates(source: str, where: str) -> dict[str, date]:
    """The page's review dates, checked; a PluginError naming file and line otherwise."""
    match = YAML_RE.match(source)
    if not match:
        raise _fail(where, 1, "the page does not start with its front matter (the block between two '---' "
                    "lines that holds description, reviewed and next_review)",
                    "Copy the first five lines of another page to the top of this one and change them")
    first = 2  # the front matter's text starts on the file's second line
    try:
        node = yaml.compose(match.group(1), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.context_mark or err.problem_mark  # where the unreadable part starts
        raise _fail(where, mark.line + first if mark else 1,
                    f"the front matter cannot be read ({err.problem or err.context})",
                    "Write each line as 'name: value', with a space after the colon, and put a description "
                    "that contains a colon in double quotes") from None
    if not isinstance(node, yaml.MappingNode):
        raise _fail(where, first, "the front matter must hold 'name: value' lines",
                    "Write each line as 'name: value', for example 'reviewed: 2026-11-27'")
    closing = match.group(0).count("\n")
    found = {key.value: (key, value) for key, value in node.value}
    dates: dict[str, date] = {}
    for field in DATE_FIELDS:
        if field not in found:
            raise _fail(where, closing, f"the front matter has no '{field}' date",
                        f"Add a line '{field}: YYYY-MM-DD' above the closing '---' on line {closing}, "
                        f"for example:\n    {EXAMPLE}")
        key, value = found[field]
        line = key.start_mark.line + first
        shown = value.value if isinstance(value, yaml.ScalarNode) else "a list"
        try:
            parsed = yaml.SafeLoader("").construct_object(value) if isinstance(value, yaml.ScalarNode) else None
        except ValueError:  # looks like a date, but is not one: 2026-13-40
            raise _fail(where, line, f"'{field}' is not a real date: {shown}",
                        "Write the date as YYYY-MM-DD (year, month, day), for example 2026-11-27") from None
        if isinstance(parsed, datetime) or not isinstance(parsed, date):
            raise _fail(where, line, f"'{field}' must be a date written as YYYY-MM-DD, not {shown!r}",
                        "Write the date as YYYY-MM-DD (year, month, day), for example 2026-11-27, "
                        "with no time and no quotes")
        dates[field] = parsed
    if dates["next_review"] <= dates["reviewed"]:
        line = found["next_review"][0].start_mark.line + first
        raise _fail(where, line, f"the next review ({dates['next_review']}) is not after the last review "
                    f"({dates['reviewed']})", "Set next_review to a later date, usually a year after 'reviewed'")
    return dates


@event_priority(100)  # before mkdocs-macros reads the page
def on_page_markdown(markdown, page, config, files):
    where = f"{os.path.basename(config.docs_dir.rstrip('/'))}/{page.file.src_uri}"
    dates = read_review_dates(page.file.content_string, where)
    due = dates["next_review"]
    if due < _today():
        log.info(f"{NOTICE} - {where}: its next review was due on {due.isoformat()}. What to do: ask a "
                 "clinician to review the page, then set 'reviewed' to the day of the review and "
                 "'next_review' to the next date (usually a year later)")
    return markdown
