"""The build's recipe: one path from an editor's files to a published site, on every route.

    python -m guide site     check, build both copies, finish, verify, publish (`make site`)
    python -m guide check    the same without publishing (`make check`, the pull-request checks)
    python -m guide sources  step 1 alone, before a live preview (`make serve`)

Options: --site-dir DIR, --offline-dir DIR (where `site` publishes), --engine mkdocs|properdocs|zensical
(default: GUIDE_ENGINE, else mkdocs). SITE_URL, when set, is the hosted guide's address.
Every mistake is printed as "file, line N: what is wrong. What to do: ..."; nothing is published
unless every step passed for both copies.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from guide.check_sources import check_sources, read_config
from guide.csp import template_script_hashes
from guide.engine import ENGINES, engine, run_engine
from guide.errors import GuideError
from guide.finish import Variant, finish_site
from guide.minify import own_scripts
from guide.offline_zip import make_zip
from guide.publish import discard, new_build_dir, publish, publish_lock
from guide.site_url import check_site_url
from guide.verify import verify_site

OFFLINE_ZIP = "trigger-point-guide-offline.zip"


@dataclass(frozen=True)
class Edition:
    """One language of the guide: its settings file, its folder inside each copy, and the
    readers' words its search box understands (guide/search_terms.py)."""
    language: str
    config: str
    folder: str        # "" for the first language, at the root of the site
    search_terms: str  # a data file; an edition without one searches the guide's words only
    reader_questions: str  # a data file of readers' questions and their pages (guide/reader_questions.py)


# English at the root; each other language, when its settings file exists, under its own folder.
EDITIONS = (Edition("en", "mkdocs.yml", "", "data/search_terms.yml", "data/reader_questions.yml"),
            Edition("es", "mkdocs.es.yml", "es", "data/search_terms.es.yml", "data/reader_questions.es.yml"))


def editions(project: Path) -> tuple[Edition, ...]:
    return tuple(e for e in EDITIONS if (project / e.config).is_file())


@dataclass(frozen=True)
class Build:
    """One copy of the guide: the hosted site, or the offline copy read from the disk."""
    name: str            # as shown in messages: "site" or "site-offline"
    variant: Variant
    env: dict[str, str]


class BuildFailed(Exception):
    def __init__(self, errors: list[GuideError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def search_languages(project: Path) -> tuple[str, ...]:
    """Every language the search of any edition uses (lunr's files for the others are left out)."""
    found: list[str] = []
    for edition in editions(project):
        config, _ = read_config(project, edition.config)
        search = next((p["search"] for p in config.get("plugins") or [] if isinstance(p, dict) and "search" in p), None)
        langs = (search or {}).get("lang") or ["en"]
        found += [langs] if isinstance(langs, str) else list(langs)
    return tuple(dict.fromkeys(found))


def hosted_settings(config: dict) -> dict:
    """The settings as the hosted build has them: step 1 reads `!ENV` values as unset, and the
    offline plugin is off there (OFFLINE=false)."""
    plugins = [{"offline": {"enabled": False}} if isinstance(p, dict) and "offline" in p else p
               for p in config.get("plugins") or []]
    return {**config, "plugins": plugins}


def plan(project: Path, site_url: str | None, offline_zip: str | None) -> tuple[Build, Build]:
    """The two copies `make site` makes, with what each build and finish step needs to know."""
    hashes = template_script_hashes(project / "overrides")
    languages = search_languages(project)
    terms = tuple((e.folder, project / e.search_terms, e.search_terms) for e in editions(project)
                  if (project / e.search_terms).is_file())
    questions = tuple((e.folder, project / e.reader_questions, e.reader_questions) for e in editions(project)
                      if (project / e.reader_questions).is_file())
    app_configs = tuple((e.folder, hosted_settings(read_config(project, e.config)[0])) for e in editions(project))
    scripts = own_scripts(project / "docs")
    hosted_env = {"SITE_URL": site_url or "", "OFFLINE": "false", "GUIDE_OFFLINE_ZIP": offline_zip or ""}
    offline_env = {"SITE_URL": "", "OFFLINE": "true", "GUIDE_OFFLINE_ZIP": ""}
    return (
        Build("site", Variant(offline=False, site_url=site_url, script_hashes=hashes,
                              search_languages=languages, search_terms=terms,
                              reader_questions=questions, app_configs=app_configs, own_scripts=scripts), hosted_env),
        Build("site-offline", Variant(offline=True, site_url=None, script_hashes=hashes,
                                      search_languages=languages, search_terms=terms,
                                      reader_questions=questions, own_scripts=scripts), offline_env),
    )


def check_step(project: Path) -> list[str]:
    """Step 1, for every edition; raises BuildFailed with every mistake; returns the notices."""
    errors, notices = [], []
    for edition in editions(project):
        report = check_sources(project, edition.config)
        errors += [e for e in report.errors if str(e) not in {str(x) for x in errors}]
        notices += report.notices
    if errors:
        raise BuildFailed(errors)
    return notices


def build_copy(project: Path, build: Build, out: Path, engine_name: str) -> None:
    """Steps 2 to 4 for one copy, into `out`; raises BuildFailed."""
    try:
        chosen = engine(engine_name, project)
        for edition in editions(project):  # the root edition first: MkDocs empties its folder
            env = dict(build.env)
            if edition.folder and env.get("SITE_URL"):
                env["SITE_URL"] = f"{env['SITE_URL']}{edition.folder}/"
            run_engine(chosen, project, out / edition.folder if edition.folder else out, env, edition.config)
        finish_site(out, build.variant, tuple(e.folder for e in editions(project) if e.folder))
    except GuideError as err:
        raise BuildFailed(list(getattr(err, "problems", [err]))) from None
    problems = verify_site(out, build.variant, build.name)
    if problems:
        raise BuildFailed(problems)


def make_site(project: Path, site_dir: Path, offline_dir: Path, engine_name: str, site_url: str | None) -> list[str]:
    """The whole recipe, published at the end. Returns the notices."""
    notices = check_step(project)
    hosted, offline = plan(project, site_url, OFFLINE_ZIP)
    with publish_lock(site_dir):
        offline_out, hosted_out = new_build_dir(offline_dir), new_build_dir(site_dir)
        try:
            build_copy(project, offline, offline_out, engine_name)
            build_copy(project, hosted, hosted_out, engine_name)
            make_zip(offline_out, hosted_out / OFFLINE_ZIP)
        except BaseException:
            discard(offline_out)
            discard(hosted_out)
            raise
        publish(offline_out, offline_dir)
        publish(hosted_out, site_dir)
    return notices


def check_all(project: Path, engine_name: str, site_url: str | None) -> list[str]:
    """Steps 1 to 4 for both copies, in a temporary folder: nothing is published."""
    notices = check_step(project)
    with tempfile.TemporaryDirectory(prefix="guide-check-") as tmp:
        for build in plan(project, site_url, OFFLINE_ZIP):
            out = Path(tmp) / build.name
            out.mkdir()
            build_copy(project, build, out, engine_name)
    return notices


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("site", "check", "sources"))
    parser.add_argument("--site-dir", default="site")
    parser.add_argument("--offline-dir", default="site-offline")
    parser.add_argument("--engine", default=os.environ.get("GUIDE_ENGINE") or "mkdocs", choices=ENGINES)
    parser.add_argument("--project", default=".")
    args = parser.parse_args(argv)
    project = Path(args.project).resolve()
    os.chdir(project)
    try:
        site_url = check_site_url(os.environ.get("SITE_URL"))
        if args.command == "sources":
            notices = check_step(project)
            done = "The pages, data files and menu are correct."
        elif args.command == "check":
            notices = check_all(project, args.engine, site_url)
            done = "The guide builds, and both copies passed every check (nothing was published)."
        else:
            notices = make_site(project, Path(args.site_dir), Path(args.offline_dir), args.engine, site_url)
            done = (f"Built and published {args.site_dir}/ (for a web host) and {args.offline_dir}/ "
                    f"(open {args.offline_dir}/index.html).")
    except GuideError as err:
        return _failed([err])
    except BuildFailed as failed:
        return _failed(failed.errors)
    for notice in notices:
        print(f"Notice (the guide still publishes): {notice}")
    print(done)
    return 0


def _failed(errors: list[GuideError]) -> int:
    for error in errors:
        print(error, file=sys.stderr)
    print(f"\nThe guide was NOT published: {len(errors)} mistake{'s' if len(errors) != 1 else ''} to fix "
          "(each line above names the file and the line, and what to do). The last good site is unchanged. "
          "CONTRIBUTING.md explains every message.", file=sys.stderr)
    return 1
