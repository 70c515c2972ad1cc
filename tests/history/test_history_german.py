"""The history wing in German: the pain guidance word for word, plurals, dates, and the files.

The guidance is what a runner in pain acts on, so its German is checked as whole sentences with
their numbers, never as "not English"; the JSON of the guidance and the export stay English.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from hiprehab.history import guidance_words, readiness
from hiprehab.history.adjustment_io import to_json
from hiprehab.history.adjustments import Adjustment, change_text
from hiprehab.history.errors import HistoryFileError, StoreError
from hiprehab.history.exchange.json_format import parse_export
from hiprehab.history.guidance import CLINICIAN_REASONS, evaluate
from hiprehab.history.guidance_report import explanation, json_text, session_day, text_lines
from hiprehab.history.pane_data import build_snapshot, format_count, format_day, period_summary
from hiprehab.history.records import SessionRecord, format_utc
from hiprehab.history.store import HistoryStore
from hiprehab.i18n import use_language

pytestmark = pytest.mark.usefixtures("german")

AS_OF = datetime(2026, 12, 1, 23, 59, 59, tzinfo=UTC)
# words that would tell a runner in pain that a score is harmless: never in the guidance
REASSURING = ("sicher", "unbedenklich", "harmlos", "safe")


def session(
    day: int, *, before: int | None = None, after: int | None = None, morning: int | None = None
) -> SessionRecord:
    started = datetime(2026, 11, day, 7, 0, tzinfo=UTC)
    return SessionRecord(
        id=day,
        routine_hash="hips",
        routine_title="Hüfte",
        sessions_per_week=3,
        started_at=started,
        ended_at=started + timedelta(minutes=20),
        status="completed",
        active_seconds=1200.0,
        paused_seconds=0.0,
        pain_before=before,
        pain_after=after,
        pain_next_morning=morning,
        morning_asked=morning is not None,
        note="",
        planned_work_periods=6,
        completed_work_periods=6,
        recorded_work_periods=6,
    )


def test_a_red_verdict_and_the_clinician_reason_in_german() -> None:
    guidance = evaluate([session(30, before=2, after=8)], as_of=AS_OF, tz=UTC)
    assert guidance.colour == "red" and guidance.clinician_reasons == ("severe-pain",)
    assert guidance.title == "Nimm die Belastung vorerst zurück"
    assert explanation(guidance, UTC) == (
        "Einheit vom Mo., 30. Nov.: Der Schmerz nach der Einheit lag bei 8/10 – mehr als die 5, "
        "die Training höchstens auslösen sollte. Bitte lass dich von einer Ärztin, einem Arzt "
        "oder in der Physiotherapie untersuchen, bevor du mit diesen Übungen weitermachst, und "
        "prüfe die Warnzeichen unten. Mach die nächste Einheit leichter (weniger Sätze oder "
        "Wiederholungen, ein kleinerer Bewegungsumfang) oder leg einen Ruhetag ein, und lass den "
        "Schmerz abklingen, bevor du wieder aufbaust."
    )
    lines = text_lines(guidance, UTC)
    assert lines[0] == (
        "Schmerzeinschätzung, Stand 01.12.2026: rot. Nimm die Belastung vorerst zurück."
    )
    assert lines[1].startswith("  Einheit vom 30.11.2026, 07:00: Der Schmerz nach der Einheit")
    assert "  - Du hast deinen Schmerz in der letzten Woche mit 8 von 10 oder mehr bewertet." in (
        lines
    )
    assert "  Hüfte: zurücknehmen. Mach dieses Programm etwas leichter: " in lines[-2]
    assert lines[-2].endswith("(1 in den letzten 7 Tagen; Plan: 3 pro Woche)")


def test_every_clinician_reason_keeps_its_numbers() -> None:
    texts = [guidance_words.clinician_text(code) for code in CLINICIAN_REASONS]
    assert texts == [
        "Du hast deinen Schmerz in der letzten Woche mit 8 von 10 oder mehr bewertet.",
        "Deine letzten beiden Einheiten mit Schmerzwert haben beide zu viel Schmerz ausgelöst.",
        "Dein Schmerz vor den Einheiten liegt diese Woche mindestens 2 Punkte höher als in der "
        "Woche davor.",
        "Nach sechs Wochen Training liegt dein Schmerz vor den Einheiten immer noch bei 3 oder "
        "mehr und ist nicht um 2 Punkte gesunken.",
    ]


def test_a_rise_overnight_is_a_plural_with_its_scores() -> None:
    assert guidance_words.rise_text("red", 6, 3) == (
        "Am nächsten Morgen lag der Schmerz bei 6/10, 3 Punkte über den 3/10 vor der Einheit: "
        "Er war nicht abgeklungen."
    )
    assert guidance_words.rise_text("amber", 4, 3) == (
        "Am nächsten Morgen lag der Schmerz bei 4/10, einen Punkt über den 3/10 vor der Einheit: "
        "noch nicht ganz abgeklungen."
    )
    assert guidance_words.after_text("green", 2) == (
        "Der Schmerz nach der Einheit lag bei 2/10 und war damit gering (0–3)."
    )


def test_plurals_of_sets_reps_and_sessions() -> None:
    assert change_text("sets", 2, 1) == "1 Satz statt 2"
    assert change_text("sets", 2, 3) == "3 Sätze statt 2"
    assert change_text("reps", 10, 12) == "12 Wiederholungen statt 10"
    assert change_text("hold", 2.5, 7.5) == "7,5 s Halten statt 2,5"
    assert change_text("version", 0, 1) == "die schwerere Variante"
    one = build_snapshot([session(30, before=3, after=4)], date(2026, 12, 1), UTC)
    assert period_summary(one, -1e9, 1e9).startswith("1 Einheit, ")
    two = build_snapshot(  # Friday and Monday: two weeks, six sessions planned
        [session(27, before=3, after=4), session(30, before=2, after=4, morning=1)],
        date(2026, 12, 1),
        UTC,
    )
    assert period_summary(two, -1e9, 1e9) == (
        "2 Einheiten, 2 von 6 geplanten geschafft (33\u00a0%), mittlerer Schmerz vorher 2,5, "
        "mittlerer Schmerz nachher 4,0, mittlerer Schmerz am nächsten Morgen 1,0."
    )


def test_dates_and_numbers_in_german_form() -> None:
    assert format_day(date(2026, 12, 2)) == "2. Dez. 2026"
    assert session_day(datetime(2026, 12, 2, 7, 0, tzinfo=UTC), UTC) == "Mi., 2. Dez."
    assert format_count(2.5) == "2,5"
    week = build_snapshot([session(30, before=3, after=4)], date(2026, 12, 1), UTC).weeks[-1]
    assert week.hover_text().splitlines()[:2] == [
        "Woche vom 30. Nov. 2026 bis 6. Dez. 2026",
        "1 von 3 geplanten Einheiten (33\u00a0%)",  # babel: a no-break space before %
    ]


def _all_guidance_words() -> list[str]:
    """Every sentence the guidance and the before-session choice can say, in the language in use."""
    words = [guidance_words.title(colour) for colour in guidance_words.TITLES]
    words += [guidance_words.clinician_text(code) for code in CLINICIAN_REASONS]
    words += [guidance_words.advice_text(advice) for advice in guidance_words.ADVICE_TEXT]
    words += [guidance_words.colour_name(colour) for colour in guidance_words.TITLES]
    for colour, clinician in itertools.product(guidance_words.TITLES, (False, True)):
        words.append(guidance_words.next_step(colour, clinician))
    for colour, score, before in itertools.product(("green", "amber", "red"), range(11), range(11)):
        words += [
            guidance_words.after_text(colour, score),
            guidance_words.rise_text(colour, score, before),
            guidance_words.morning_text(colour, score),
        ]

    class Facts:
        def __init__(self, colour: str, see: bool) -> None:
            self.colour, self.see_clinician = colour, see
            self.clinician_reasons = tuple(CLINICIAN_REASONS) if see else ()

    for pain, colour, see in itertools.product((None, 6, 10), ("green", "red"), (False, True)):
        text = readiness.choice_text("Hüfte", pain, Facts(colour, see))
        words += [text.heading, *text.reasons, text.advice, *text.clinician_reasons]
        words += [text.rest_detail, text.easier_detail, text.start_detail]
    return words


def test_no_german_guidance_text_calls_a_score_safe() -> None:
    words = _all_guidance_words()
    assert "Der Schmerz nach der Einheit lag bei 10/10" in " ".join(words)  # really German
    for text in words:
        assert not any(word in text.lower() for word in REASSURING), text


def test_the_guidance_json_and_the_export_stay_english() -> None:
    guidance = evaluate([session(30, before=2, after=8)], as_of=AS_OF, tz=UTC)
    data = json.loads(json_text(guidance))
    assert data["reasons"][0]["text"] == (
        "Pain after the session was 8/10, more than the 5 that exercise should bring on."
    )
    assert (data["colour"], data["clinician_reasons"]) == ("red", ["severe-pain"])
    assert data["routines"][0]["advice"] == "regress"
    step = Adjustment("hips", 0, "clamshell", "hold", 2.5, 7.5, "progress", AS_OF)
    assert to_json([step], format_utc)[0]["change"] == "7.5 s hold instead of 2.5"


def test_a_language_switch_takes_effect_on_the_same_guidance() -> None:
    guidance = evaluate([session(30, before=2, after=8)], as_of=AS_OF, tz=UTC)
    assert guidance.reasons[0].text.startswith("Der Schmerz nach der Einheit")
    use_language("en")
    assert guidance.title == "Ease off for now"
    assert guidance.reasons[0].text.startswith("Pain after the session was 8/10")


def test_errors_the_user_can_cause_are_german_and_name_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "history.sqlite3"
    folder.mkdir()
    with pytest.raises(StoreError) as opened:
        HistoryStore.open(folder)
    assert str(opened.value) == (
        f"{folder} ist ein Ordner und kann daher keine Verlaufsdatei sein; verschiebe ihn und "
        "starte hiprehab erneut"
    )
    with pytest.raises(HistoryFileError) as imported:
        parse_export('{"format": "hiprehab-history", "format_version": 7}', tmp_path / "x.json")
    assert str(imported.value) == (
        f"{tmp_path / 'x.json'} wurde von einer neueren Version von hiprehab exportiert "
        "(Format 7); aktualisiere hiprehab, um die Datei zu importieren"
    )
