"""Keep the catalogues in step with the code: extract, update, compile and check.

    python scripts/translations.py update    # hiprehab/locale/hiprehab.pot and every .po, then .mo
    python scripts/translations.py compile   # every .po -> .mo (the build does this too)
    python scripts/translations.py check     # exit 1 on any fault below
    python scripts/translations.py unmarked [PATH...]  # strings not marked (in files under PATH)
    python scripts/translations.py todo [PATH...]      # entries still to translate (used there)

`check` fails when the `.pot` lacks a string the code marks or keeps one it no longer does, when a
`.po` has a missing, untranslated or fuzzy entry, or one whose {placeholders} differ from the
English, when a string in the code looks like words for the user but is not marked (see
`unmarked`), and when `hiprehab/i18n/cldr_table.py` is not what babel says (`update` writes it
again, with scripts/cldr_table.py). `make translations` runs `update`; `.ci/run` runs `check`.
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from hiprehab import __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "hiprehab"
LOCALE = PACKAGE / "locale"
DOMAIN = "hiprehab"
POT = LOCALE / f"{DOMAIN}.pot"
CLDR_TABLE = ROOT / "scripts" / "cldr_table.py"
WIDTH = 100
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ["Translators:"]
HEADER = """\
# The words of hiprehab, the app and its command line (docs/translating.md).
# Copyright (C) The hiprehab developers. Distributed under the same licence as hiprehab (MIT).
#"""
# Fixed so that the header changes only with the words: the catalogues live in git.
STAMP = datetime(2026, 12, 2, tzinfo=UTC)
MARKERS = frozenset(KEYWORDS)

# Modules that hold no words for the user at all (SQL, drawing geometry, the developer's log).
NO_USER_TEXT = (
    "hiprehab/drawing/",
    "hiprehab/history/schema.py",
    "hiprehab/i18n/",
    "hiprehab/ui/app_log.py",
)
# Exceptions that mean a programming error: their messages are for developers, in English.
PROGRAMMING_ERRORS = frozenset(
    {
        "AssertionError",
        "AttributeError",
        "IndexError",
        "KeyError",
        "LookupError",
        "NotImplementedError",
        "RuntimeError",
        "TypeError",
        "ValueError",
    }
)
LOG_METHODS = frozenset({"debug", "info", "warning", "error", "exception", "critical", "log"})
IGNORE_COMMENT = "# i18n: ignore"

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_WORDS = re.compile(r"[^\W\d_]{2,}[.,:;!?…)\"']*\s+[(\"']?[^\W\d_]{2,}")
_CAPITALISED = re.compile(r"^\s*&?[A-Z][a-z]{2,}[a-z &']*(…|\.\.\.|:)?\s*$")
_CODE_LIKE = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA|BEGIN|COMMIT|WITH|VALUES)\b"
    r"|^(?![A-Z][a-z]+$)[\w.\-/:@+*]+$"  # identifiers, paths, mime types, URLs
    r"|\{[^{}]*:[^{}]*;"  # style sheets
)


# ----- extraction ------------------------------------------------------------------------------
def extract() -> Catalog:
    """A fresh catalogue of every marked string in the package."""
    catalog = Catalog(
        project="hiprehab",
        domain=DOMAIN,
        charset="utf-8",
        fuzzy=False,
        header_comment=HEADER,
        copyright_holder="The hiprehab developers",
        creation_date=STAMP,
        version=__version__,
        revision_date=STAMP,
        msgid_bugs_address="https://github.com/hiprehab/hiprehab/issues",
    )
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        path = f"hiprehab/{filename}"
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def _write(catalog: Catalog, path: Path, **options: bool) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, omit_header=False, include_lineno=False, **options)
    path.write_bytes(buffer.getvalue())


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale, domain=DOMAIN)


def po_files() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update() -> None:
    template = extract()
    _write(template, POT)
    for po in po_files():
        catalog = _read(po, po.parent.parent.name)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=True)
        catalog.revision_date = STAMP
        catalog.project, catalog.version = template.project, template.version
        catalog.msgid_bugs_address = template.msgid_bugs_address
        catalog.obsolete.clear()
        _write(catalog, po, ignore_obsolete=True)
    compile_all()
    subprocess.run([sys.executable, str(CLDR_TABLE)], check=True)


def cldr_table_faults() -> list[str]:
    """What scripts/cldr_table.py --check says, when the table is not what babel says."""
    done = subprocess.run(
        [sys.executable, str(CLDR_TABLE), "--check"], capture_output=True, text=True, check=False
    )
    return [done.stdout.strip() or done.stderr.strip()] if done.returncode else []


def compile_all() -> None:
    for po in po_files():
        catalog = _read(po, po.parent.parent.name)
        with po.with_suffix(".mo").open("wb") as file:
            write_mo(file, catalog)


def _key(message: object) -> tuple[str, str | None]:
    msgid = message.id  # type: ignore[attr-defined]
    text = msgid[0] if isinstance(msgid, tuple) else msgid
    return text, message.context  # type: ignore[attr-defined]


# ----- checks --------------------------------------------------------------------------------
def template_faults() -> list[str]:
    """The .pot against the code: strings missing from it or no longer in the code."""
    fresh = {_key(m) for m in extract() if m.id}
    if not POT.exists():
        return [f"{POT.relative_to(ROOT)} is missing: run `make translations`"]
    kept = {_key(m) for m in _read(POT) if m.id}
    faults = [f"not in the .pot (run `make translations`): {t!r}" for t, _ in sorted(fresh - kept)]
    faults += [f"in the .pot but not in the code: {t!r}" for t, _ in sorted(kept - fresh)]
    return faults


def _fields(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def catalogue_faults() -> list[str]:
    """Every .po against the .pot: complete, nothing fuzzy, the same {placeholders}."""
    if not POT.exists():
        return []
    wanted = {_key(m) for m in _read(POT) if m.id}
    faults = []
    for po in po_files():
        name = po.relative_to(ROOT)
        catalog = _read(po, po.parent.parent.name)
        have = {_key(m): m for m in catalog if m.id}
        for text, _ in sorted(wanted - have.keys()):
            faults.append(f"{name}: missing {text!r}")
        for key, message in have.items():
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if key not in wanted:
                faults.append(f"{name}: not in the .pot: {key[0]!r}")
            elif message.fuzzy:
                faults.append(f"{name}: fuzzy: {key[0]!r}")
            elif not all(strings):
                faults.append(f"{name}: untranslated: {key[0]!r}")
            elif any(_fields(s) != _fields(ids[-1 if i else 0]) for i, s in enumerate(strings)):
                faults.append(f"{name}: placeholders differ from the English: {key[0]!r}")
        compiled = po.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < po.stat().st_mtime:
            faults.append(f"{compiled.relative_to(ROOT)} is older than its .po: run `make`")
    return faults


def untranslated(prefixes: tuple[str, ...]) -> list[str]:
    """Untranslated or fuzzy entries of every .po used in files under `prefixes` (all: ())."""
    todo = []
    for po in po_files():
        for message in _read(po, po.parent.parent.name):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            used = [path for path, _ in message.locations]
            wanted = not prefixes or any(p.startswith(prefixes) for p in used)
            if message.id and (message.fuzzy or not all(strings)) and wanted:
                todo.append(f"{po.parent.parent.name}: {_key(message)[0]!r} ({used[0]})")
    return todo


@dataclass(frozen=True)
class Unmarked:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: not marked for translation: {self.text!r}"


def looks_like_words(text: str) -> bool:
    """True for text a person reads ('Start session', 'Library', 'Pain before: {n}')."""
    bare = _PLACEHOLDER.sub(" ", text)
    if _CODE_LIKE.search(text):
        return False
    return bool(_WORDS.search(bare) or _CAPITALISED.match(bare))


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
        return "".join(str(p) for p in parts)
    return None


def _name(node: ast.expr | None) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _exempt_nodes(tree: ast.AST) -> set[int]:
    """Ids of every node inside a marker call, a log call, a programming error, an assert, a
    docstring or a comparison: strings there are not (or not yet) words for the user."""
    exempt: set[int] = set()

    def cover(node: ast.AST) -> None:
        exempt.update(id(child) for child in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = body[0] if isinstance(body, list) and body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                cover(first)
        if isinstance(node, ast.Call):
            func = node.func
            receiver = func.value if isinstance(func, ast.Attribute) else None
            if (
                _name(func) in MARKERS
                or _name(func) == "warn"
                or _name(func) in LOG_METHODS
                and "log" in _name(receiver).lower()
            ):
                cover(node)
        elif isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if _name(exc) in PROGRAMMING_ERRORS:
                cover(node)
        elif isinstance(node, (ast.Assert, ast.Compare)):
            cover(node)
        elif isinstance(node, (ast.arg, ast.AnnAssign)) and node.annotation is not None:
            cover(node.annotation)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
            cover(node.returns)
        elif isinstance(node, ast.Subscript):
            cover(node.slice)
        elif isinstance(node, ast.JoinedStr):  # its parts are judged with the whole f-string
            exempt.update(id(value) for value in node.values)
            exempt.update(
                id(v.format_spec)
                for v in node.values
                if isinstance(v, ast.FormattedValue) and v.format_spec is not None
            )
    return exempt


def unmarked_in(path: Path) -> Iterator[Unmarked]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    exempt = _exempt_nodes(tree)
    relative = path.relative_to(ROOT).as_posix()
    for node in ast.walk(tree):
        if id(node) in exempt or not isinstance(node, (ast.Constant, ast.JoinedStr)):
            continue
        text = _literal(node)
        if text is None or not looks_like_words(text):
            continue
        span = lines[node.lineno - 1 : (node.end_lineno or node.lineno)]
        if any(IGNORE_COMMENT in line for line in span):
            continue
        yield Unmarked(relative, node.lineno, text)


def unmarked() -> list[Unmarked]:
    found: list[Unmarked] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(NO_USER_TEXT):
            continue
        found.extend(unmarked_in(path))
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
        return 0
    if command == "compile":
        compile_all()
        return 0
    if command == "unmarked":
        items = [u for u in unmarked() if u.path.startswith(tuple(argv[1:]) or "")]
        print("\n".join(map(str, items)) or "every string is marked")
        return 1 if items else 0
    if command == "todo":
        todo = untranslated(tuple(argv[1:]))
        print("\n".join(todo) or "nothing left to translate there")
        return 1 if todo else 0
    if command == "check":
        faults = template_faults() + catalogue_faults() + [str(u) for u in unmarked()]
        faults += cldr_table_faults()
        print("\n".join(faults) or "translations: all strings marked, every catalogue complete")
        return 1 if faults else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
