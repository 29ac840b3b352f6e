"""Step 1: check an editor's files before any engine runs.

Every check here reads the source files as they are on disk, so each mistake is named with its
file and its exact line, in an editor's words, whatever engine builds the guide afterwards:

- encoding (UTF-8, no byte-order mark) and file names;
- the settings file's menu (nav): files that exist, titles that are plain text;
- each page's front matter, through one model (guide/front_matter.py);
- the data files, the glossary and the citations (macros/models.py, macros/citations.py);
- each page's layout: boxes, tabs and tab labels, typed dollar amounts, raw HTML;
- each page's links: every broken link and missing section at once, and no http:// addresses;
- each page's {{ }} code: Jinja syntax, and names the guide does not know.

check_sources() returns the mistakes and the notices (pages due for review); it raises nothing.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import jinja2
import jinja2.nodes
import yaml

from guide.errors import GuideError
from guide.front_matter import split_front_matter, validate_front_matter

# Names a page may use inside {{ }}: mkdocs-macros' own, and the guide's (macros/__init__.py).
MACROS_BUILTINS = {"config", "page", "extra", "environment", "plugin", "git", "macros", "filters",
                   "filters_builtin", "now", "fix_url", "navigation", "files", "context", "macros_info"}
PRICE_NAMES = ("private_session", "initial_visit", "follow_up")


def _fields(model_name: str):
    def names() -> set[str]:
        from macros import models
        return set(getattr(models, model_name).model_fields)
    return names


def guide_names(with_brackets: bool = False) -> set[str]:
    """The guide's own names for {{ }}: its macros (shown as name(...)) and its data."""
    from macros import MACRO_NAMES, VARIABLE_NAMES
    return {f"{n}(...)" if with_brackets else n for n in MACRO_NAMES} | set(VARIABLE_NAMES)


# The data an editor can show with {{ clinic.name }} or {{ costs.region }}: the models' fields.
DATA_FIELDS = {"clinic": _fields("Clinic"), "costs": _fields("Costs")}

# Material's admonition types (its docs, "Admonitions: Supported types"), and the guide's labels.
BOX_TYPES = {"note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
             "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail",
             "missing", "danger", "error", "bug", "example", "quote", "cite"}

# Raw HTML an editor may write in a page. Nothing else: everything else has a Markdown form, and
# HTML typed into a page reaches readers as it is. A comment (<!-- -->) is fine: it is not shown.
ALLOWED_TAGS: frozenset[str] = frozenset()

FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
FENCE = re.compile(r"^\s*(```|~~~)")
TAB = re.compile(r'^(?P<indent>\s*)===\+?\s+"(?P<label>[^"]*)"')
# A box: its kind, then any extra class names (care-card), then its title in quotes.
BOX = re.compile(r'^(?P<indent>\s*)(?P<mark>!!!|\?\?\?\+?)\s*(?P<type>[^\s"]*)(?:\s+[\w-]+)*(\s+"(?P<title>[^"]*)")?\s*$')
TYPED_DOLLARS = re.compile(r"(^|[^{\w])\$ ?\d")
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*(?P<attrs>\{[^}]*\})?\s*#*\s*$")
ATTR_ID = re.compile(r"\{\s*[^}]*?#(?P<id>[\w-]+)[^}]*\}")
INLINE_LINK = re.compile(r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?(?P<target>(?:[^()\s>]|\([^()\s]*\))*)>?(?:\s+\"[^\"]*\")?\s*\)")
IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REF_LINK = re.compile(r"^\s{0,3}\[(?P<ref>[^\]]+)\]:\s*<?(?P<target>\S+?)>?(\s+.*)?$")
AUTOLINK = re.compile(r"<(?P<target>[a-z][a-z0-9+.-]*:[^>\s]*)>", re.I)
HTML_TAG = re.compile(r"</?(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^>]*>?")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
JINJA_SPAN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
# An attribute list ({ #id .class key=value }) that sets anything but an id or a class.
ATTR_LIST_SETTING = re.compile(r"\{:?\s*[^{}]*?(?<![\w-])(?P<name>[a-zA-Z_:][\w:.-]*)\s*=[^{}]*\}")


@dataclass
class Report:
    """What step 1 found: mistakes (the build stops) and notices (it goes on)."""
    errors: list[GuideError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    """One Markdown page: its path inside docs/, the lines of its text, and its body's first line."""
    src: str
    shown: str            # as an editor knows it: docs/aftercare.md
    text: str
    body_start: int       # the file's line where the text after the front matter starts (1-based)

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


# --- reading files ----------------------------------------------------------------------------

def read_text(path: Path, shown: str) -> str:
    """A file's text, which must be UTF-8 without a byte-order mark."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise GuideError(shown, 1, "the file starts with an invisible byte-order mark (BOM)",
                         "Save the file as 'UTF-8' (not 'UTF-8 with BOM'); in most editors this is in the "
                         "encoding menu of 'Save as'")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise GuideError(shown, line, "this line has characters that are not saved as UTF-8 (the file looks "
                         "saved as Latin-1 or Windows-1252)",
                         "Save the file with the encoding 'UTF-8' (in 'Save as'), then check the accented "
                         "letters and quotes on this line") from None


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with its !ENV tags (their values do not matter to these checks)."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class NavEntry:
    title: str
    target: str
    line: int


def read_config(project: Path, config_name: str = "mkdocs.yml") -> tuple[dict, list[NavEntry]]:
    """The settings and the menu entries (with their lines), or a GuideError."""
    path = project / config_name
    text = read_text(path, config_name)
    try:
        config = yaml.load(text, Loader=_ConfigLoader) or {}
        node = yaml.compose(text, Loader=_ConfigLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise GuideError(config_name, mark.line + 1 if mark else None,
                         f"this line cannot be read ({err.problem or err.context})",
                         "In the menu (nav:), each line is two spaces, a dash, a space, then 'Page title: file.md', "
                         "like the lines around it; check the indentation and the colon on this line and the one "
                         "before it") from None
    nav_node = next((v for k, v in node.value if k.value == "nav"), None) if isinstance(node, yaml.MappingNode) else None
    nav = list(_nav_entries(nav_node)) if nav_node is not None else []
    parent_name = config.pop("INHERIT", None)
    if parent_name:  # as MkDocs merges INHERIT: groups of names name by name, lists replaced whole
        parent, parent_nav = read_config(project, str(Path(config_name).parent / parent_name))
        config = _merged(parent, config)
        nav = nav if nav_node is not None else parent_nav
    return config, nav


def _merged(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def _nav_entries(node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_entries(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.ScalarNode):
                yield NavEntry(str(key.value), str(value.value), key.start_mark.line + 1)
            else:
                yield NavEntry(str(key.value), "", key.start_mark.line + 1)  # a section: its title only
                yield from _nav_entries(value)
    elif isinstance(node, yaml.ScalarNode):
        yield NavEntry(str(node.value), str(node.value), node.start_mark.line + 1)


# --- the checks -------------------------------------------------------------------------------

def check_sources(project: Path, config_name: str = "mkdocs.yml", today: date | None = None) -> Report:
    """Every check of step 1, on the project folder. Collects every mistake it can."""
    report = Report()
    try:
        config, nav = read_config(project, config_name)
    except GuideError as err:
        report.errors.append(err)
        return report
    docs_name = config.get("docs_dir") or "docs"
    docs = project / docs_name
    extra = config.get("extra") or {}
    labels = list(extra.get("tab_labels") or [])

    report.errors += check_file_names(docs, docs_name)
    pages: dict[str, Page] = {}
    unreadable: set[str] = set()
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        shown = f"{docs_name}/{src}"
        try:
            text = read_text(path, shown)
        except GuideError as err:
            # One message for the file; it still exists, so links to it and its menu line are fine.
            report.errors.append(err)
            unreadable.add(src)
            pages[src] = Page(src, shown, "", 1)
            continue
        _, body_start = split_front_matter(text)
        pages[src] = Page(src, shown, text, body_start)

    report.errors += check_nav(nav, pages, docs, docs_name, config_name)
    report.errors += check_data(project, docs)

    anchors = {src: None if src in unreadable else page_anchors(page) for src, page in pages.items()}
    for page in pages.values():
        if page.src in unreadable:
            continue
        try:
            meta = validate_front_matter(page.text, page.shown)
        except GuideError as err:
            report.errors.append(err)
            meta = None
        if meta is not None:
            report.errors += check_front_matter_text(page, meta)
        if meta is not None and meta.next_review < (today or date.today()):
            report.notices.append(
                f"{page.shown}: its next review was due on {meta.next_review.isoformat()}. What to do: ask a "
                "clinician to review the page, then set 'reviewed' to the day of the review and 'next_review' "
                "to the next date (usually a year later)")
        report.errors += check_layout(page, labels)
        report.errors += check_links(page, pages, anchors, docs)
        report.errors += check_template_code(page)
    return report


# Characters a front-matter text may not hold: it lands in <meta content="...">, in the page's
# <title> and in JSON-LD, where < > " could end the place it sits in (the same rule as menu titles).
MARKUP = re.compile(r'[<>"`]|&\w+;|&#')


def check_front_matter_text(page: Page, meta) -> list[GuideError]:
    """The front matter's texts are plain words: no markup, no double quotes."""
    errors = []
    texts = {"description": meta.description, "title": meta.title}
    if meta.reviewed_by is not None:
        texts.update({"name": meta.reviewed_by.name, "credentials": meta.reviewed_by.credentials})
    lines = page.lines[: max(page.body_start - 1, 0)]
    for name, value in texts.items():
        if value and MARKUP.search(value):
            line = next((n for n, text in enumerate(lines, 1) if text.strip().startswith(f"{name}:")), None)
            errors.append(GuideError(page.shown, line, f"the {name} contains <, >, \" or ` (or an &...; code), "
                                     "which would end the place it is written in the page",
                                     f"Write the {name} in plain words: for quotes use ' or “ ”, and write "
                                     "'less than' or 'more than' instead of < and >"))
    return errors


def check_file_names(docs: Path, docs_name: str) -> list[GuideError]:
    errors = []
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if not FILE_NAME.match(path.name):
            errors.append(GuideError(f"{docs_name}/{rel}", None, f"the name '{path.name}' has spaces, capitals or "
                                     "other characters that make a poor web address",
                                     "Rename it with lowercase letters, digits and hyphens only, for example "
                                     "'my-new-page.md', and change the links and the menu line that name it"))
    return errors


def check_nav(nav: list[NavEntry], pages: dict[str, Page], docs: Path, docs_name: str,
              config_name: str) -> list[GuideError]:
    errors = []
    listed = set()
    for entry in nav:
        if re.search(r'[<>"`]|&\w+;', entry.title):
            errors.append(GuideError(config_name, entry.line, f"the menu title '{entry.title}' contains <, >, \" or `",
                                     "Menu titles are plain words: remove those characters (use ' for quotes)"))
        if not entry.target or re.match(r"^[a-z][a-z0-9+.-]*:", entry.target):
            continue  # a section title, or a link to another site
        target = entry.target
        if target.endswith("/") or (docs / target).is_dir():
            errors.append(GuideError(config_name, entry.line, f"the menu entry '{entry.title}' points at the "
                                     f"folder '{target}', not a page", f"Name a page file, such as '{target.rstrip('/')}/index.md'"))
        elif target not in pages:
            errors.append(GuideError(config_name, entry.line, f"the menu (nav) lists '{target}', but there is no "
                                     f"file {docs_name}/{target}", "Correct the file name, or remove the line"))
        listed.add(target)
    nav_line = nav[0].line - 1 if nav else None
    for src, page in pages.items():
        if src not in listed:
            errors.append(GuideError(page.shown, None, "this page is not in the menu, so readers cannot find it",
                                     f"Add a line '  - Page title: {src}' under 'nav:' in {config_name}"
                                     f"{f' (line {nav_line})' if nav_line else ''}, in the place where it belongs"))
    return errors


def check_data(project: Path, docs: Path) -> list[GuideError]:
    """The data files, the glossary and the citations, through the guide's models."""
    from macros.citations import check_citations, find_citations
    from macros.models import load_glossary, load_guide_data

    try:
        data = load_guide_data(project / "data")
        for glossary in sorted((project / "includes").glob("glossary*.md")):  # each edition's glossary
            load_glossary(glossary)
        check_citations(find_citations(docs), data, docs.name, Path("data/sources.yml"),
                        every_source_cited=docs.name == "docs")  # translations may cite it later
        from guide.search_terms import load_terms
        for terms in sorted((project / "data").glob("search_terms*.yml")):  # each edition's readers' words
            load_terms(terms, f"data/{terms.name}")
        from guide.reader_questions import load_reader_questions
        for questions in sorted((project / "data").glob("reader_questions*.yml")):  # readers' questions
            load_reader_questions(questions, f"data/{questions.name}")
    except GuideError as err:
        return [err]
    except UnicodeDecodeError:
        return []  # a page that is not UTF-8: reported once, by its file, in check_sources()
    return []


def _outside_code(lines: list[str]):
    """(line number, line) for each line that is not inside a fenced code block."""
    fenced = False
    for number, line in enumerate(lines, 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def check_layout(page: Page, labels: list[str]) -> list[GuideError]:
    """Boxes and tabs with their text indented, known box types and tab labels, no typed dollar
    amounts, and no raw HTML."""
    errors = []
    lines = page.lines
    in_comment = False
    for number, line in _outside_code(lines):
        if number < page.body_start:
            continue
        tab, box = TAB.match(line), BOX.match(line)
        marker = tab or box
        if marker:
            body = next((later for later in lines[number:] if later.strip()), "")
            if _indent(body) < _indent(line) + 4:
                kind, name = ("tab", tab["label"]) if tab else ("box", box["title"] or box["type"])
                mark = "===" if tab else box["mark"]
                errors.append(GuideError(page.shown, number, f'the {kind} "{name}" is empty',
                                         f"Indent its text by 4 spaces under the {mark} line, with an empty line "
                                         "between them"))
        if box and box["type"].lower() not in BOX_TYPES:
            errors.append(GuideError(page.shown, number, f"'{box['type']}' is not a kind of box",
                                     "Use one of: note, tip, info, warning, danger, question, example (see "
                                     "CONTRIBUTING.md), spelt exactly"))
        if tab and labels and tab["label"] not in labels:
            errors.append(GuideError(page.shown, number, f'the tab label "{tab["label"]}" is not one of the '
                                     "guide's linked labels",
                                     f"Use exactly {' or '.join(repr(x) for x in labels)}, with the same capitals, "
                                     "so a reader's choice follows them to other pages"))
        plain = CODE_SPAN.sub("", JINJA_SPAN.sub("", line))
        if setting := ATTR_LIST_SETTING.search(plain):
            errors.append(GuideError(page.shown, number, f"the braces {{ }} set '{setting['name']}=', which pages "
                                     "may not set", "In { } after a heading, write only an id such as { #my-id }"))
        if TYPED_DOLLARS.search(plain):
            errors.append(GuideError(page.shown, number, "a dollar amount is typed into the page",
                                     'Amounts come from data/costs.yml: write {{ price("follow_up") }} (or '
                                     '"initial_visit", "private_session") instead, or change the figure in '
                                     "data/costs.yml"))
        # Raw HTML: an HTML comment is allowed, any tag outside the allow-list is not.
        rest = plain
        while rest:
            if in_comment:
                end = rest.find("-->")
                if end < 0:
                    rest = ""
                    break
                rest, in_comment = rest[end + 3:], False
                continue
            start = rest.find("<!--")
            scan, rest = (rest, "") if start < 0 else (rest[:start], rest[start + 4:])
            in_comment = start >= 0
            for tag in HTML_TAG.finditer(scan):
                if AUTOLINK.fullmatch(tag[0]):
                    continue
                if tag["tag"].lower() not in ALLOWED_TAGS:
                    errors.append(GuideError(page.shown, number, f"the page contains HTML (<{tag['tag']}>), "
                                             "which is not allowed in pages",
                                             "Write it in Markdown instead (see CONTRIBUTING.md); to show the "
                                             "characters < and > as text, write &lt; and &gt;"))
                    break
    return errors


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def slugify(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading (its default slugify)."""
    text = re.sub(r"\{\{.*?\}\}", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)     # a link: its text
    text = re.sub(r"[*_`]", "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def page_anchors(page: Page) -> set[str] | None:
    """The section ids a page has, or None when its macros make sections this step cannot see."""
    if re.search(r"\{\{\s*(sources_list|whole_guide|glossary_list)\s*\(", page.text):
        return None
    found: set[str] = set()
    counts: dict[str, int] = {}
    for _, line in _outside_code(page.lines):
        heading = HEADING.match(line)
        if heading:
            attrs = heading["attrs"] or ""
            explicit = ATTR_ID.search(attrs)
            slug = explicit["id"] if explicit else slugify(heading["text"])
            if not explicit and slug in counts:
                counts[slug] += 1
                slug = f"{slug}_{counts[slug]}"
            else:
                counts.setdefault(slug, 0)
            found.add(slug)
        else:
            found.update(m["id"] for m in ATTR_ID.finditer(line))
    return found


def _links(line: str):
    plain = CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
    for pattern in (INLINE_LINK, IMAGE_LINK, AUTOLINK):
        for m in pattern.finditer(plain):
            yield m["target"]
    if m := REF_LINK.match(plain):
        yield m["target"]


LINK_TITLE = re.compile(r'^(?:"[^"]*"|\'[^\']*\'|\([^()]*\))$')


def unreadable_links(line: str):
    """The (text) of each inline link `[...](...)` whose address Markdown cannot read as one:
    spaces or quotes in it, or text after it that is not a "title". Such a link is not a link to
    Markdown, and its text could reach the page as it is."""
    plain = JINJA_SPAN.sub(lambda m: " " * len(m[0]), CODE_SPAN.sub(lambda m: " " * len(m[0]), line))
    for m in re.finditer(r"\]\(", plain):
        depth, end = 1, None
        for i in range(m.end(), len(plain)):
            depth += {"(": 1, ")": -1}.get(plain[i], 0)
            if depth == 0:
                end = i
                break
        raw = plain[m.end(): end if end is not None else len(plain)].strip()
        if raw.startswith("<"):
            target, _, rest = raw[1:].partition(">")
        else:
            target, _, rest = raw.partition(" ")
        rest = rest.strip()
        if end is None or not target or re.search(r"[\"'<>\s]", target) or (rest and not LINK_TITLE.match(rest)):
            yield raw


def check_links(page: Page, pages: dict[str, Page], anchors: dict[str, set[str] | None], docs: Path) -> list[GuideError]:
    """Every link of the page: to a page or file that exists, to a section that exists, no http://."""
    errors = []
    for number, line in _outside_code(page.lines):
        if number < page.body_start:
            continue
        for raw in unreadable_links(line):
            errors.append(GuideError(page.shown, number, f"the address of the link '({raw})' cannot be read: it has "
                                     "spaces, quotes or < > in it, or no closing ')'",
                                     "Write the link as [words](page.md) or [words](https://...), with no spaces or "
                                     "quotes in the address between ( and )"))
        for target in _links(line):
            problem = link_problem(page, target, pages, anchors, docs)
            if problem:
                errors.append(GuideError(page.shown, number, *problem))
    return errors


def link_problem(page: Page, target: str, pages: dict[str, Page], anchors: dict[str, set[str] | None],
                 docs: Path) -> tuple[str, str] | None:
    """(problem, fix) for a link target that does not work, or None."""
    lowered = target.lower()
    if lowered.startswith("http://"):
        return (f"the link '{target}' uses http://, which is not private or safe",
                "Use the https:// address of the page (open it in a browser to check it works)")
    if re.match(r"^[a-z][a-z0-9+.-]*:", lowered):
        if lowered.startswith(("https://", "mailto:", "tel:")):
            return None
        return (f"the link '{target}' is not a web address", "Use a full address starting with https://")
    if target.startswith("//") or target.startswith("/"):
        return (f"the link '{target}' starts with '/', which breaks in the offline copy",
                "Link to the page's file in docs/, such as 'aftercare.md'")
    path, _, anchor = target.partition("#")
    path = unquote(path)
    if not path:  # a section of this page
        have = anchors.get(page.src)
        if anchor and have is not None and anchor not in have:
            return (f"the link '{target}' goes to a section '#{anchor}' that is not on this page",
                    "Use the id of a heading on this page (shown in the address bar when you click the heading's "
                    "link symbol), or remove the '#...' part")
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), path))
    if resolved.endswith(".md"):
        if resolved not in pages:
            return (f"the link '{target}' goes to a page that does not exist",
                    "Link to a file that is in docs/, written like 'aftercare.md' or 'aftercare.md#what-to-expect', "
                    "or use a full address starting with https://")
        have = anchors.get(resolved)
        if anchor and have is not None and anchor not in have:
            return (f"the link '{target}' goes to a section '#{anchor}' that is not on docs/{resolved}",
                    f"Open docs/{resolved}, find the heading you mean and use its id (shown in the address bar "
                    "when you click the heading's link symbol), or remove the '#...' part")
        return None
    if resolved.startswith("..") or not (docs / resolved).is_file():
        return (f"the link '{target}' does not name a page file",
                "Link to the page's file in docs/, such as 'aftercare.md', or use a full address starting with https://")
    return None


def check_template_code(page: Page) -> list[GuideError]:
    """The {{ }} and {% %} code of a page: readable by Jinja, and using only names the guide knows."""
    body = "\n".join(page.lines[page.body_start - 1:])
    offset = page.body_start - 1
    environment = jinja2.Environment()
    try:
        tree = environment.parse(body)
    except jinja2.TemplateSyntaxError as err:
        return [_syntax_error(page, body, err, offset)]
    errors = []
    assigned = {n.name for n in tree.find_all(jinja2.nodes.Name) if n.ctx in ("store", "param")}
    for name in tree.find_all(jinja2.nodes.Name):
        if name.ctx == "load" and name.name not in guide_names() | MACROS_BUILTINS | assigned:
            errors.append(GuideError(page.shown, name.lineno + offset,
                                     f'"{name.name}" inside {{{{ }}}} is not a name the guide knows',
                                     "Check the spelling. The names you can use are: "
                                     + ", ".join(sorted(guide_names(with_brackets=True)))
                                     + ". To show curly brackets as they are, put {% raw %} before them and "
                                       "{% endraw %} after"))
    for attr in tree.find_all(jinja2.nodes.Getattr):
        if isinstance(attr.node, jinja2.nodes.Name) and attr.node.name in DATA_FIELDS:
            known = DATA_FIELDS[attr.node.name]()
            if attr.attr not in known:
                errors.append(GuideError(page.shown, attr.lineno + offset,
                                         f'the name "{attr.attr}" after a dot inside {{{{ }}}} does not exist',
                                         f"Check the spelling: {attr.node.name}. can be followed by "
                                         + ", ".join(sorted(known))))
    for call in tree.find_all(jinja2.nodes.Call):
        if isinstance(call.node, jinja2.nodes.Name) and call.node.name == "price":
            arg = call.args[0] if call.args else None
            if not isinstance(arg, jinja2.nodes.Const) or arg.value not in PRICE_NAMES:
                shown = arg.value if isinstance(arg, jinja2.nodes.Const) else "?"
                errors.append(GuideError(page.shown, call.lineno + offset, f'price("{shown}") is not a known price',
                                         "Use one of: " + ", ".join(f'price("{n}")' for n in PRICE_NAMES)))
    return errors


def _syntax_error(page: Page, body: str, err: jinja2.TemplateSyntaxError, offset: int) -> GuideError:
    lines = body.splitlines()
    text = err.message or ""
    line = err.lineno
    if "Missing end of comment tag" in text:
        opened = _last_line_with(lines, line, "{#")
        return GuideError(page.shown, opened + offset, "'{#' starts a hidden comment that is never closed",
                          "For a heading id write { #my-id } with spaces inside the braces; to write a comment, "
                          "close it with '#}'")
    if "Jinja was looking for the following tags" in text or "Unexpected end of template" in text:
        block = re.search(r"innermost block that needs to be closed is '(\w+)'", text)
        tag = block[1] if block else ""
        opened = _last_line_with(lines, line, "{%", tag)
        closer = f"{{% end{tag} %}}" if tag else "the closing tag"
        return GuideError(page.shown, opened + offset, f"a '{{% {tag} %}}' tag is opened here but never closed",
                          f"Add {closer} where the part it controls ends, or remove the tag")
    shown_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if shown_line.count("{{") > shown_line.count("}}"):
        return GuideError(page.shown, line + offset, "'{{' is not closed by '}}' on this line",
                          'Write it as {{ name }} or {{ cite("source-id") }}, with both pairs of curly brackets')
    for code in re.findall(r"\{\{(.*?)\}\}", shown_line):
        if code.count("(") > code.count(")"):
            return GuideError(page.shown, line + offset, "a '(' inside {{ }} is not closed by ')'",
                              'Write it as {{ cite("source-id") }}: the name, then ( and ) around what is quoted')
        if code.count('"') % 2 or code.count("'") % 2:
            return GuideError(page.shown, line + offset, "a quote inside {{ }} is not closed",
                              'Write it as {{ cite("source-id") }}, with a quote before and after the id')
    return GuideError(page.shown, line + offset, f"the {{{{ }}}} or {{% %}} code on this line cannot be read ({text})",
                      "Compare it with the examples in CONTRIBUTING.md")


def _last_line_with(lines: list[str], line: int | None, opener: str, tag: str = "") -> int:
    pattern = re.compile(re.escape(opener) + r"-?\s*" + re.escape(tag) + (r"\b" if tag else ""))
    last = min(line or len(lines), len(lines))
    for number in range(last, 0, -1):
        if pattern.search(lines[number - 1]):
            return number
    return line or 1
