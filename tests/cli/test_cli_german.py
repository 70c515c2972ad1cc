"""The command line in German, as a user runs it: `--lang de` anywhere or `LANGUAGE=de` gives
German faults from `check`, German help and usage errors (argparse's own words too), and German
headings, dates and numbers from `history`."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiprehab.cli.parsing import ArgumentParser, argparse_words
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from tests.history.history_child import sample_routine

BROKEN = 'format = 1\ntitel = "Hüftkraft"\n[[exercise]]\nname = "Brücke"\nsets = 0\nreps = 5\n'
GERMAN_FAULTS = [
    ': Schlüssel "title" fehlt (der Name des Programms, z. B. title = "Hüftkraft")',
    ':2:1: unbekannter Schlüssel "titel"; meintest du "title"?',
    ':5:1: Übung 1 ("Brücke"): sets: erwartet wird eine ganze Zahl von 1 bis 20, gefunden wurde 0',
]


def hiprehab(*argv: str, **environ: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hiprehab", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **environ},
    )


@pytest.fixture
def broken(tmp_path: Path) -> str:
    path = tmp_path / "hip.toml"
    path.write_text(BROKEN, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("argv", "environ"),
    [
        (["--lang", "de", "check", "{file}"], {}),
        (["check", "{file}"], {"LANGUAGE": "de"}),
        (["check", "--lang", "de", "{file}"], {}),
        (["check", "{file}", "--lang=de"], {"LANG": "en_US.UTF-8", "LANGUAGE": "en"}),
    ],
)
def test_check_reports_the_faults_in_german(
    broken: str, argv: list[str], environ: dict[str, str]
) -> None:
    done = hiprehab(*(arg.format(file=broken) for arg in argv), **environ)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines() == [broken + line for line in GERMAN_FAULTS]


def test_check_stays_english_without_german(broken: str) -> None:
    done = hiprehab("check", broken)
    english = f'{broken}:2:1: unknown key "titel"; did you mean "title"?'
    assert done.stdout.splitlines()[1] == english


def test_help_is_german_argparse_words_included() -> None:
    done = hiprehab("--lang", "de", "--help")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Aufruf: hiprehab [-h] [--version]")
    for line in (
        "Positionsargumente:",
        "Optionen:",
        "  -h, --help   diese Hilfe zeigen und beenden",
        "  --version    die Versionsnummer zeigen und beenden",
        "Unterbefehle:",
        "  check     Programmdateien prüfen und ihre Dauer schätzen",
    ):
        assert line in lines
    check = hiprehab("check", "--help", LANGUAGE="de").stdout
    assert check.startswith("Aufruf: hiprehab check [-h] [--json] DATEI [DATEI ...]")
    assert "statt Text ein JSON-Objekt je Datei ausgeben" in check


def test_usage_errors_are_german() -> None:
    missing = hiprehab("--lang", "de", "check")
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [
        "Aufruf: hiprehab check [-h] [--json] DATEI [DATEI ...]",
        "hiprehab check: Fehler: folgende Argumente sind erforderlich: DATEI",
    ]
    wrong = hiprehab("history", "statistik", "--lang", "de")
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines()[-1].startswith(
        "hiprehab history: Fehler: Argument BEFEHL: ungültige Wahl: 'statistik' (möglich sind "
        "'list', 'summary',"
    )
    weeks = hiprehab("--lang", "de", "history", "summary", "--weeks", "null")
    assert weeks.stderr.splitlines()[-1] == (
        "hiprehab history summary: Fehler: Argument --weeks: erwartet wird eine ganze Zahl ab 1, "
        "gefunden wurde 'null'"
    )


T0 = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)  # a Monday


def test_history_summary_and_list_in_german() -> None:
    paths = AppPaths.from_environment()  # the test's own HIPREHAB_HOME, which the child shares
    with HistoryStore.open(paths.history_db) as store:
        for day in (0, 2, 4):
            started = T0 + timedelta(days=day)
            routine = sample_routine(sessions_per_week=2)
            session_id = store.start_session(routine, started_at=started)
            store.finish_session(
                session_id, status="completed", active_seconds=600, paused_seconds=0,
                ended_at=started + timedelta(minutes=15),
            )  # fmt: skip
    summary = hiprehab("--lang", "de", "history", "summary", "--weeks", "100")
    assert summary.returncode == 0, summary.stderr
    lines = summary.stdout.splitlines()
    assert lines[0].split() == ["Woche", "Montag", "Geplant", "Erledigt", "Plan", "Sätze"]
    week = next(line for line in lines if line.startswith("2026-W45"))
    # three sessions against a plan of two count two: "2,0" done, "100 %" of the plan
    assert week.split()[:5] == ["2026-W45", "02.11.2026", "2", "2,0", "100"]
    assert any(line.startswith("Serie: ") and "in Folge nach Plan" in line for line in lines)
    listing = hiprehab("history", "list", "--lang", "de")
    rows = listing.stdout.splitlines()
    assert rows[0].split()[:4] == ["ID", "Beginn", "Programm", "Status"]
    assert "Schmerz v/n/M" in rows[0] and rows[0].endswith("Notiz")
    assert "abgeschlossen" in rows[1] and rows[1].split()[1] == "02.11.26,"


def test_argparse_messages_are_said_again_in_german(german: None) -> None:
    assert argparse_words("unrecognized arguments: --bogus x") == "unbekannte Argumente: --bogus x"
    assert argparse_words("argument --csv: not allowed with argument --json") == (
        "Argument --csv: nicht zusammen mit dem Argument --json erlaubt"
    )
    assert argparse_words("argument --as-of: expected one argument") == (
        "Argument --as-of: erwartet wird ein Argument"
    )
    assert argparse_words("one of the arguments --csv --json is required") == (
        "eines der Argumente --csv --json ist erforderlich"
    )
    assert argparse_words("expected 2 arguments") == "erwartet werden 2 Argumente"
    assert argparse_words("schon übersetzt") == "schon übersetzt"  # ours, as it is


def test_in_english_the_parser_says_what_argparse_says(capsys: pytest.CaptureFixture[str]) -> None:
    parser = ArgumentParser(prog="demo", version="demo 1")
    parser.add_argument("file")
    parser.add_argument("--json", action="store_true")
    help_text = parser.format_help()
    assert help_text.startswith("usage: demo [-h] [--version] [--json] file\n")
    assert "\npositional arguments:\n  file\n\noptions:\n" in help_text
    assert "  -h, --help  show this help message and exit\n" in help_text
    with pytest.raises(SystemExit) as caught:
        parser.parse_args([])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "demo: error: the following arguments are required: file"
    )
