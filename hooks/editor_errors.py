"""Every mistake an editor can make in a page becomes one message: file, line, what to do.

MkDocs and mkdocs-macros report page mistakes in programmers' words, and some without a line:
- mkdocs-macros prints a Python traceback for an unknown name in {{ }}, and counts lines from
  the end of the front matter, not from the top of the file;
- MkDocs names the page of a broken link or anchor, but not the line;
- MkDocs lists pages missing from the nav, without saying where the nav is.

This hook, registered under `hooks:` in mkdocs.yml, rewrites those reports as they happen, so
`make site`, `make serve`, `make check` and the tests all show the same message. It changes no
page and no output: a build with no mistakes is unaffected.

Message style, as in macros/models.py: "docs/page.md, line N: what is wrong. What to do: fix".
"""
from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path

import jinja2
import mkdocs_macros.plugin as macros_plugin
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE

# Where the pages live, as an editor sees it ("docs"), and the config file: set in on_config.
_where = {"docs": "docs", "docs_path": Path("docs"), "config": Path("mkdocs.yml"), "config_path": Path("mkdocs.yml")}

# What mkdocs-macros offers on its own; the guide's names are the others (macros/__init__.py).
_BUILTIN_NAMES = {"extra", "config", "environment", "plugin", "git", "macros", "filters", "filters_builtin",
                  "context", "macros_info", "now", "fix_url", "page", "navigation", "files"}
_macros = {"plugin": None}


def guide_names() -> str:
    """The names an editor can use inside {{ }}: the guide's variables, then its macros."""
    plugin = _macros["plugin"]
    if plugin is None:
        return "see CONTRIBUTING.md"
    macros = sorted(n for n in plugin.macros if n not in _BUILTIN_NAMES and n != "whole_guide")
    extra = set((plugin.variables.get("config") or {}).get("extra") or {})  # the theme's settings
    variables = sorted(n for n in plugin.variables
                       if n not in _BUILTIN_NAMES | extra and n not in plugin.macros and not n.startswith("_"))
    return ", ".join([*variables, *(f"{n}(...)" for n in macros)])


# --- mkdocs-macros: one clear message instead of a traceback ----------------------------------

def front_matter_lines(source: str) -> int:
    """How many lines of the page file come before the text that mkdocs-macros renders."""
    match = YAML_RE.match(source)
    if not match:
        return 0
    rest = source[match.end():].lstrip("\n")
    return source[: len(source) - len(rest)].count("\n")


def _template_line(error: Exception) -> int | None:
    """The line, counted in the rendered text, where Jinja met the error."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None


def _explain_macro_error(error: Exception, markdown: str, line: int | None) -> tuple[int | None, str, str]:
    """(line, what is wrong, what to do) in an editor's words."""
    text = str(getattr(error, "message", None) or error)
    if isinstance(error, jinja2.UndefinedError):
        attr = re.match(r"'(.+?)' has no attribute '(.+?)'", text)
        if attr:
            return line, (f'the name "{attr[2]}" after a dot inside {{{{ }}}} does not exist'), (
                "Check the spelling against the examples in CONTRIBUTING.md, or remove the line")
        name = re.match(r"'(.+?)' is undefined", text)
        shown = name[1] if name else text
        return line, f'"{shown}" inside {{{{ }}}} is not a name the guide knows', (
            f"Check the spelling. The names you can use are: {guide_names()}. "
            "To show curly brackets as they are, put {% raw %} before them and {% endraw %} after")
    if isinstance(error, jinja2.TemplateSyntaxError):
        lines = markdown.splitlines()
        if "Missing end of comment tag" in text:
            opened = _last_line_before(lines, line, "{#")
            return opened, "'{#' starts a hidden comment that is never closed", (
                "For a heading id write { #my-id } with spaces inside the braces; "
                "to write a comment, close it with '#}'")
        if "Jinja was looking for the following tags" in text or "Unexpected end of template" in text:
            block = re.search(r"innermost block that needs to be closed is '(\w+)'", text)
            tag = block[1] if block else ""
            opened = _last_line_before(lines, line, "{%", tag)
            closer = f"{{% end{tag} %}}" if tag else "the closing tag"
            return opened, f"a '{{% {tag} %}}' tag is opened here but never closed", (
                f"Add {closer} where the part it controls ends, or remove the tag")
        if "end of print statement" in text or "unexpected '}'" in text or "unexpected end of template" in text.lower():
            return line, "'{{' is not closed by '}}' on this line (or the text between them is not a name)", (
                'Write it as {{ name }} or {{ cite("source-id") }}, with both pairs of curly brackets')
        return line, f"the {{{{ }}}} or {{% %}} code on this line cannot be read ({text})", (
            "Compare it with the examples in CONTRIBUTING.md")
    return line, f"the code inside {{{{ }}}} on this line failed: {text}", (
        "Check the name and what is inside the brackets against the examples in CONTRIBUTING.md")


def _last_line_before(lines: list[str], line: int | None, opener: str, tag: str = "") -> int | None:
    """The last line, at or before `line`, that opens a Jinja tag (or comment)."""
    pattern = re.compile(re.escape(opener) + r"-?\s*" + re.escape(tag) + (r"\b" if tag else ""))
    last = min(line or len(lines), len(lines))
    for number in range(last, 0, -1):
        if pattern.search(lines[number - 1]):
            return number
    return line


def _macro_error(error: Exception, markdown: str, page) -> str:
    """Stands in for mkdocs_macros.errors.format_error: raise one clear error, no traceback."""
    src = page.file.src_uri
    line, problem, fix = _explain_macro_error(error, markdown, _template_line(error))
    offset = front_matter_lines(page.file.content_string) if page.file.content_string.endswith(markdown) else 0
    where = f"{_where['docs']}/{src}, line {line + offset}" if line else f"{_where['docs']}/{src}"
    raise PluginError(f"{where}: {problem}. What to do: {fix}")


# --- MkDocs' own warnings: add the line and the fix -------------------------------------------

_LINK = re.compile(r"^Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but (?P<problem>.+?)\.(?P<more>(?: Did you mean .*| This seems .*)?)$", re.S)
_UNRECOGNIZED = re.compile(r"^Doc file '(?P<page>.+?)' contains an unrecognized relative link '(?P<link>.+?)'")
_ABSOLUTE = re.compile(r"^Doc file '(?P<page>.+?)' contains an absolute link '(?P<link>.+?)'")
_OMITTED = re.compile(r"^The following pages exist in the docs directory, but are not included in the \"nav\" configuration:\n(?P<pages>.*)$", re.S)
_NAV_MISSING = re.compile(r"^A reference to '(?P<target>.+?)' is included in the 'nav' configuration, which is not found")
_PAGE_FAILED = re.compile(r"^Error (reading|building) page '.+?':$")


def _line_of_link(page: str, link: str) -> int | None:
    """The line of the page file where the link is written."""
    try:
        lines = (_where["docs_path"] / page).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for pattern in (f"]({link}", f"]: {link}", f'"{link}"', f"({link}", link):
        for number, text in enumerate(lines, start=1):
            if pattern in text:
                return number
    return None


def _where_link(page: str, link: str) -> tuple[str, int | None]:
    """(page, line) where the editor wrote the link. A page that shows other pages' text (the
    printable whole guide) reports their links as its own: send the editor to the original."""
    line = _line_of_link(page, link)
    if line is None:
        for other in sorted(_where["docs_path"].rglob("*.md")):
            name = other.relative_to(_where["docs_path"]).as_posix()
            if name != page and (other_line := _line_of_link(name, link)):
                return name, other_line
    return page, line


def _line_in_config(pattern: str) -> int | None:
    try:
        lines = _where["config_path"].read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((n for n, text in enumerate(lines, start=1) if re.search(pattern, text)), None)


def _at(path: str, line: int | None) -> str:
    return f"{path}, line {line}" if line else path


def rewrite(message: str) -> str | None:
    """An editor's wording of one MkDocs log message; None to drop it, itself when not ours."""
    docs = _where["docs"]
    if _PAGE_FAILED.match(message):
        return None  # the next message, from this hook or the data checks, names the page and line
    if m := _LINK.match(message):
        link, problem = m["link"], m["problem"]
        page, line = _where_link(m["page"], link)
        where = _at(f"{docs}/{page}", line)
        suggestion = re.search(r"Did you mean '(.+?)'\?", m["more"])
        hint = f" Did you mean '{suggestion[1]}'?" if suggestion else ""
        if "no such anchor on this page" in problem:
            anchor = link.partition("#")[2]
            return (f"{where}: the link '{link}' goes to a section '#{anchor}' that is not on this page. "
                    "What to do: use the id of a heading on this page (shown in the address bar when you "
                    "click the heading's link symbol), or remove the '#...' part")
        if anchor := re.match(r"the doc '(.+?)' does not contain an anchor '#(.+?)'", problem):
            return (f"{where}: the link '{link}' goes to a section '#{anchor[2]}' that is not on {docs}/{anchor[1]}. "
                    f"What to do: open {docs}/{anchor[1]}, find the heading you mean and use its id (shown in the "
                    "address bar when you click the heading's link symbol), or remove the '#...' part")
        return (f"{where}: the link '{link}' goes to a page that does not exist.{hint} "
                f"What to do: link to a file that is in {docs}/, written like 'aftercare.md' or "
                "'aftercare.md#what-to-expect', or use a full address starting with https://")
    if m := _UNRECOGNIZED.match(message) or _ABSOLUTE.match(message):
        link = m["link"]
        page, line = _where_link(m["page"], link)
        return (f"{_at(f'{docs}/{page}', line)}: the link '{link}' does not name a page file. "
                f"What to do: link to the page's file in {docs}/, such as 'aftercare.md', or use a full address "
                "starting with https://")
    if m := _OMITTED.match(message):
        pages = [p.strip().removeprefix("- ") for p in m["pages"].splitlines() if p.strip()]
        nav = _at(str(_where["config"]), _line_in_config(r"^nav:"))
        return "\n".join(
            f"{docs}/{page}: this page is not in the menu, so readers cannot find it. "
            f"What to do: add a line '  - Page title: {page}' under 'nav:' in {nav}, "
            "in the place where it belongs"
            for page in pages)
    if m := _NAV_MISSING.match(message):
        target = m["target"]
        line = _line_in_config(r":\s*['\"]?" + re.escape(target) + r"['\"]?\s*$")
        return (f"{_at(str(_where['config']), line)}: the menu (nav) lists '{target}', but there is no file "
                f"{docs}/{target}. What to do: correct the file name, or remove the line")
    return message


class _EditorWords(logging.Filter):
    """Rewrites MkDocs' log messages about a page into an editor's words."""

    marker = "trigger-point-guide-editor-errors"

    def __init__(self) -> None:
        super().__init__()
        self.shown: set[str] = set()  # one message per mistake, however many pages show it

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        new = rewrite(record.getMessage())
        if new is None or new in self.shown:
            return False
        self.shown.add(new)
        record.msg, record.args = new, ()
        return True


_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav", "mkdocs.commands.build")


def _install_filters() -> None:
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if getattr(f, "marker", None) == _EditorWords.marker]:
            logger.removeFilter(old)  # `mkdocs serve` loads this hook again at each rebuild
        logger.addFilter(_EditorWords())


# --- MkDocs events ----------------------------------------------------------------------------

def on_config(config):
    config_file = Path(config.config_file_path or "mkdocs.yml")
    project = config_file.parent.resolve()
    docs_path = Path(config.docs_dir).resolve()
    try:
        docs = docs_path.relative_to(project).as_posix()
    except ValueError:
        docs = docs_path.as_posix()
    _where.update(docs=docs, docs_path=docs_path, config=Path(config_file.name), config_path=config_file)
    # mkdocs-macros (1.5.0, pinned) calls format_error() for any error in a page, prints what it
    # returns with a traceback, and exits. Raising a PluginError here instead ends the build with
    # MkDocs' usual one-line error. tests/test_editor_errors.py proves it for each kind of mistake.
    macros_plugin.format_error = _macro_error
    _macros["plugin"] = config.plugins.get("macros")
    _install_filters()
    return config
