"""Translations that cannot silently fall behind (issue 14): the Spanish pages against the English.

Each Spanish page (docs-es/name.md) records, in its front matter, which version of its English
page (docs/name.md) it translates, and when:

    translation_of: 3f2a9c1d0b7e   # the first 12 hex digits of the SHA-256 of the English file
    translated: 2026-12-01

Pure functions: they read files and return findings; nothing here fails a build.
- `translation_status(project)` lists Spanish pages that are behind (their English page changed
  since), English pages with no Spanish twin, Spanish pages with no English page, Spanish pages
  whose front matter lacks the two lines, and English text of data/costs.yml with no Spanish yet.
  `make check` prints these as a NOTICE (tools/check.py), never as a failure.
- `behind_notice(...)` is the Markdown of the notice at the top of a Spanish page that is behind
  (called by macros/__init__.py while the Spanish edition builds).

As a command, to see the state or get the line to paste after updating a translation:

    .venv/bin/python -m guide.translations                 # the notices
    .venv/bin/python -m guide.translations aftercare.md    # the two lines for docs-es/aftercare.md
"""
from __future__ import annotations

import hashlib
import html
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

ENGLISH_DIR = "docs"
SPANISH_DIR = "docs-es"
HASH_LENGTH = 12


def source_hash(data: bytes) -> str:
    """The short fingerprint of an English page's file: first 12 hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def front_matter(text: str) -> dict:
    """The page's front matter as a dict ({} when there is none or it cannot be read)."""
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    if end == -1:
        return {}
    try:
        meta = yaml.safe_load(text[3:end])
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


@dataclass(frozen=True)
class Finding:
    """One notice: the file it is about, and what to do."""
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _pages(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")} if folder.is_dir() else set()


def translation_status(project: Path) -> list[Finding]:
    """Every Spanish page that is behind or missing, in file order. Empty when all are in step."""
    english_dir, spanish_dir = project / ENGLISH_DIR, project / SPANISH_DIR
    english, spanish = _pages(english_dir), _pages(spanish_dir)
    findings: list[Finding] = []
    for name in sorted(english | spanish):
        es_path = f"{SPANISH_DIR}/{name}"
        if name not in spanish:
            findings.append(Finding(f"{ENGLISH_DIR}/{name}", f"this page has no Spanish twin. What to do: add "
                                    f"{es_path} (a translation), or ask the Spanish editor to"))
            continue
        if name not in english:
            findings.append(Finding(es_path, f"there is no English page {ENGLISH_DIR}/{name}. What to do: rename it "
                                    "to match its English page, or delete it if the English page was removed"))
            continue
        meta = front_matter((spanish_dir / name).read_text(encoding="utf-8"))
        now = source_hash((english_dir / name).read_bytes())
        recorded = str(meta.get("translation_of") or "").strip()
        if not recorded or not meta.get("translated"):
            findings.append(Finding(es_path, "its front matter does not say which English version it translates. "
                                    f"What to do: add the lines 'translation_of: {now}' and 'translated: "
                                    "YYYY-MM-DD' once the translation matches the English page"))
        elif recorded != now:
            findings.append(Finding(es_path, f"behind: the English page {ENGLISH_DIR}/{name} changed after this "
                                    f"translation ({meta.get('translated')}). What to do: update the Spanish, then set "
                                    f"'translation_of: {now}' and 'translated:' to today's date"))
    findings += untranslated_data(project)
    return findings


def untranslated_data(project: Path) -> list[Finding]:
    """The text (not figures) of data/costs.yml and data/clinic.yml with no Spanish in
    macros/phrases.py's DATA_TEXT_ES."""
    try:
        costs = yaml.safe_load((project / "data" / "costs.yml").read_text(encoding="utf-8")) or {}
        clinic = yaml.safe_load((project / "data" / "clinic.yml").read_text(encoding="utf-8")) or {}
        sys.path.insert(0, str(project))
        from macros.phrases import DATA_TEXT_ES
    except Exception:  # noqa: BLE001 - the data check reports a broken file; this is only a notice
        return []
    finally:
        if sys.path and sys.path[0] == str(project):
            sys.path.pop(0)
    findings = []
    texts = [("costs.yml", field, costs.get(field)) for field in ("region", "dry_needling_billing")]
    texts.append(("clinic.yml", "offers", clinic.get("offers")))
    for file, field, value in texts:
        text = " ".join(str(value or "").split())
        if text and text not in DATA_TEXT_ES:
            findings.append(Finding(f"data/{file}", f"the text of '{field}' has no Spanish yet, so the Spanish pages "
                                    "show it in English. What to do: add its Spanish to DATA_TEXT_ES in "
                                    "macros/phrases.py (or ask a developer to)"))
    return findings


def is_behind(english_bytes: bytes | None, meta: dict) -> bool:
    """True when the English page changed after the translation its front matter records."""
    if english_bytes is None:
        return False
    return str(meta.get("translation_of") or "").strip() != source_hash(english_bytes)


def spanish_date(day) -> str:
    """27 de noviembre de 2026, from a date or 'YYYY-MM-DD' (shown as it is when not a date)."""
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            return day
    if not isinstance(day, date):
        return "fecha desconocida"
    from macros.render import format_date

    return format_date(day, "es")


def behind_notice(translated, english_href: str) -> str:
    """The Markdown notice at the top of a Spanish page whose English page changed since.
    The link is raw HTML: it leaves the Spanish edition, so MkDocs cannot check it as a page link."""
    when = html.escape(spanish_date(translated))
    href = html.escape(english_href, quote=True)
    return (
        '!!! warning "Traducción pendiente"\n\n'
        f"    Esta traducción es del {when}; la página en inglés cambió después. "
        f'Lea la <a href="{href}" hreflang="en" lang="en">página en inglés</a> (English) '
        "para ver lo más nuevo.\n"
    )


def main(args: list[str]) -> int:
    project = Path(__file__).resolve().parent.parent
    if args:
        for name in args:
            english = project / ENGLISH_DIR / name
            if not english.is_file():
                print(f"{ENGLISH_DIR}/{name} does not exist.")
                return 1
            print(f"{SPANISH_DIR}/{name}:\ntranslation_of: {source_hash(english.read_bytes())}\n"
                  f"translated: {date.today().isoformat()}")
        return 0
    findings = translation_status(project)
    for finding in findings:
        print(f"  {finding}")
    if not findings:
        print("  Every Spanish page is in step with its English page.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
