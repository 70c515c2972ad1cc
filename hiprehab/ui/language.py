"""The window's language: which one at start, and putting one to use, for our words and Qt's.

At start the language is `--lang` if given, else the app's setting, else the system's (Qt's
view of it, which covers Windows and macOS, then the environment's); the region the system gives
for that language is kept for dates and numbers. Qt's own catalogue (`qtbase`: standard buttons,
file dialogs, shortcut names) and its default locale follow ours. Switching it from the menu is
`language_switch`'s job.
"""

from __future__ import annotations

import gettext
import logging
import os
import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hiprehab.i18n import (
    SOURCE_LANGUAGE,
    available_languages,
    choose_language,
    format_locale,
    system_languages,
    use_language,
)
from hiprehab.i18n.catalogue import DOMAIN, LOCALE_DIR
from hiprehab.i18n.choice import split_tag
from hiprehab.ui.settings import AppSettings

log = logging.getLogger(__name__)

QT_CATALOGUE = "qtbase"  # Qt's standard buttons, file and message dialogs, shortcut names
QT_TRANSLATOR = "hiprehab-qt-translations"  # the object name of the one installed
_SCRIPT = re.compile(r"[-_][A-Za-z]{4}(?=[-_.@]|$)")  # the 'Latn' of Qt's 'de-Latn-AT'

Language = tuple[str, str | None]  # (code, region): ('de', 'AT')


# ----- choosing -------------------------------------------------------------------------------
def without_script(tag: str) -> str:
    """'de-Latn-AT' -> 'de-AT': Qt names the script, which the choice would take for a region."""
    return _SCRIPT.sub("", tag)


def system_choices() -> list[str]:
    """The system's languages, most wanted first: Qt's (the Windows and macOS settings, and
    LANGUAGE on Linux), then the environment's (LC_ALL, LC_MESSAGES, LANG)."""
    qt = [without_script(tag) for tag in QLocale.system().uiLanguages()]
    return [*qt, *system_languages(os.environ)]


def pick_language(
    requested: str | None, setting: str, system: Sequence[str], available: Sequence[str]
) -> Language:
    """`--lang` if given, else the setting ('system': none), else the first system language
    with a catalogue, else English; with the region the system gives for that language."""
    code, region = choose_language(requested or setting, system, available)
    if region is None:
        tags = (split_tag(tag) for tag in system)
        region = next((t[1] for t in tags if t is not None and t[0] == code and t[1]), None)
    return code, region


def locale_name(language: Language) -> str:
    code, region = language
    return f"{code}_{region}" if region else code


# ----- applying -------------------------------------------------------------------------------
def use_qt_language(code: str, region: str | None = None) -> bool:
    """Qt's own words (standard buttons, file dialogs) and formats in `code`, replacing the
    catalogue installed before; True when Qt has one for it (English needs none)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("use_qt_language needs a QCoreApplication")
    for old in app.findChildren(QTranslator, QT_TRANSLATOR):
        app.removeTranslator(old)
        old.setObjectName("")
        old.deleteLater()
    locale = QLocale(locale_name((code, region)))
    QLocale.setDefault(locale)
    if code == SOURCE_LANGUAGE:
        return False
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(locale, QT_CATALOGUE, "_", folder):
        log.info("Qt has no translations for %s in %s; its own words stay English", code, folder)
        translator.deleteLater()
        return False
    translator.setObjectName(QT_TRANSLATOR)
    app.installTranslator(translator)
    return True


def apply_language(language: Language) -> str:
    """Our words and Qt's in `language` from now on; returns the code in use."""
    code = use_language(language[0], region=language[1])
    use_qt_language(code, language[1] if code == language[0] else None)
    return code


def start_language(requested: str | None, settings: AppSettings) -> str:
    """Choose and apply the language at start-up (`requested`: `--lang`, or None); logged."""
    system = system_choices()
    setting = settings.language()
    code = apply_language(pick_language(requested, setting, system, available_languages()))
    log.info(
        "language %s (formats %s); asked on the command line: %s, setting: %s, system: %s",
        code,
        format_locale(),
        requested or "nothing",
        setting,
        ", ".join(system) or "nothing",
    )
    return code


def in_language(code: str, message: str) -> str:
    """`message` (marked with N_) in `code`, whatever language is in use now."""
    found = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[code], fallback=True)
    return found.gettext(message)
