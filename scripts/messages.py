"""Build and check the Dutch translation.

Each area keeps its Dutch translations in ``src/ketenwacht/locale_src/<area>.po`` (plain
msgid/msgstr pairs), so people working on different areas never edit the same file.

``build``  extracts every translatable string (Django's makemessages), fills the Dutch
           ``django.po`` from the fragments, and compiles ``django.mo``.
``check``  extracts into a scratch copy and fails when a string has no Dutch translation,
           or when the committed ``django.mo`` is out of date. Run by ``make test``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "ketenwacht"
FRAGMENTS = PACKAGE / "locale_src"
LANG = "nl"


def _fragment_translations() -> dict[tuple[str, str], polib.POEntry]:
    found: dict[tuple[str, str], polib.POEntry] = {}
    for path in sorted(FRAGMENTS.glob("*.po")):
        for entry in polib.pofile(str(path), encoding="utf-8"):
            if entry.msgstr or entry.msgstr_plural:
                found[(entry.msgctxt or "", entry.msgid)] = entry
    return found


def _extract(package_dir: Path) -> polib.POFile:
    """Run makemessages with ``package_dir`` as the package, return the extracted nl catalog."""
    env = dict(os.environ, PYTHONPATH=str(package_dir.parent), DJANGO_SETTINGS_MODULE="ketenwacht.settings")
    env.setdefault("KETENWACHT_DATA_DIR", tempfile.mkdtemp(prefix="ketenwacht-msg-"))
    (package_dir / "locale" / LANG / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", LANG, "--no-location", "--no-obsolete",
         "--ignore", "locale_src/*", "--ignore", "static/*"],
        cwd=package_dir, env=env, check=True, capture_output=True, text=True,
    )
    return polib.pofile(str(package_dir / "locale" / LANG / "LC_MESSAGES" / "django.po"), encoding="utf-8")


def _fill(catalog: polib.POFile) -> list[polib.POEntry]:
    known = _fragment_translations()
    missing = []
    for entry in catalog:
        source = known.get((entry.msgctxt or "", entry.msgid))
        if source is not None:
            entry.msgstr = source.msgstr
            if entry.msgid_plural:
                entry.msgstr_plural = dict(source.msgstr_plural) or {0: source.msgstr, 1: source.msgstr}
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif not entry.translated():
            missing.append(entry)
    catalog.metadata.update({
        "Language": LANG,
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    })
    return missing


def build() -> int:
    catalog = _extract(PACKAGE)
    missing = _fill(catalog)
    target = PACKAGE / "locale" / LANG / "LC_MESSAGES"
    catalog.save(str(target / "django.po"))
    catalog.save_as_mofile(str(target / "django.mo"))
    for entry in missing:
        print(f"untranslated: {entry.msgid!r}")
    print(f"{len(catalog)} strings, {len(missing)} without Dutch translation")
    return 1 if missing else 0


def check() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "ketenwacht"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
        catalog = _extract(copy)
        missing = _fill(catalog)
        committed_mo = PACKAGE / "locale" / LANG / "LC_MESSAGES" / "django.mo"
        stale = []
        if committed_mo.exists():
            compiled = {(e.msgctxt or "", e.msgid): e.msgstr for e in polib.mofile(str(committed_mo))}
            stale = [e for e in catalog if e.translated() and compiled.get((e.msgctxt or "", e.msgid)) != e.msgstr]
        else:
            stale = list(catalog)
    for entry in missing:
        print(f"untranslated (add to src/ketenwacht/locale_src/*.po): {entry.msgid!r}")
    if stale:
        print(f"{len(stale)} translations not compiled into django.mo: run `make messages`")
    if missing or stale:
        return 1
    print(f"translations complete: {len(catalog)} strings")
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command not in {"build", "check"}:
        print("usage: messages.py build|check", file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(build() if command == "build" else check())
