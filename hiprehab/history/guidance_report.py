"""Pain guidance as JSON (format `hiprehab-guidance`, version 1) and as text for a terminal.

The JSON is what another program, a physio's script or a test reads; its fields are documented
in docs/guidance-format.md. The text says the same in sentences.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, tzinfo
from typing import Any

from hiprehab.history import guidance_words as words
from hiprehab.history.guidance import PainGuidance
from hiprehab.history.records import format_utc
from hiprehab.safety import DISCLAIMER, RED_FLAGS, SEE_CLINICIAN

FORMAT = "hiprehab-guidance"
FORMAT_VERSION = 1


def end_of_day(day: date, tz: tzinfo | None = None) -> datetime:
    """The last moment of `day` in the local zone (`tz`, default the computer's)."""
    moment = datetime.combine(day, time.max)
    return moment.replace(tzinfo=tz) if tz is not None else moment.astimezone()


def as_dict(guidance: PainGuidance) -> dict[str, Any]:
    """The JSON object of guidance format 1."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "as_of": format_utc(guidance.as_of),
        "colour": guidance.colour,
        "reasons": [
            {
                "colour": reason.colour,
                "text": reason.text,
                "session_started_at": format_utc(reason.session_started_at),
            }
            for reason in guidance.reasons
        ],
        "see_clinician": guidance.see_clinician,
        "clinician_reasons": list(guidance.clinician_reasons),
        "routines": [
            {
                "hash": routine.hash,
                "title": routine.title,
                "advice": routine.advice,
                "sessions_last_7_days": routine.sessions_last_7_days,
                "sessions_per_week": routine.sessions_per_week,
            }
            for routine in guidance.routines
        ],
    }


def json_text(guidance: PainGuidance) -> str:
    return json.dumps(as_dict(guidance), indent=2, ensure_ascii=False) + "\n"


def explanation(guidance: PainGuidance, tz: tzinfo | None = None) -> str:
    """Why the light shows its colour, then what to do next, as one paragraph.

    Each reason names the session it is about ("Session of Mon 30 Nov: ..."), since the colour
    may come from an earlier session than the one just done (the last with a morning score).
    """
    by_session: dict[datetime, list[str]] = {}
    for reason in guidance.reasons:
        texts = by_session.setdefault(reason.session_started_at, [])
        if reason.text not in texts:
            texts.append(reason.text)
    why = " ".join(
        f"Session of {session_day(started, tz)}: {' '.join(texts)}"
        for started, texts in by_session.items()
    )
    return f"{why} {guidance.next_step}" if why else guidance.next_step


def session_day(started: datetime, tz: tzinfo | None = None) -> str:
    """'Mon 30 Nov' in the local zone (`tz`, default the computer's)."""
    local = started.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b}"


def clinician_lines(guidance: PainGuidance) -> list[str]:
    """Why to see a clinician and the warning signs; empty when the rules do not ask for it."""
    if not guidance.see_clinician:
        return []
    return [
        words.SEE_CLINICIAN_STEP,
        *(words.CLINICIAN_TEXT[code] for code in guidance.clinician_reasons),
        SEE_CLINICIAN,
        *RED_FLAGS,
    ]


def text_lines(guidance: PainGuidance, tz: tzinfo | None = None) -> list[str]:
    """The guidance in sentences, one paragraph per part, for a terminal."""
    day = guidance.as_of.astimezone(tz).date()  # tz None: the computer's zone
    lines = [f"Pain guidance as of {day.isoformat()}: {guidance.colour}. {guidance.title}."]
    for reason in guidance.reasons:
        shown = reason.session_started_at.astimezone(tz)
        lines.append(f"  Session of {shown:%Y-%m-%d %H:%M}: {reason.text}")
    lines.append(f"What to do next: {guidance.next_step}")
    if guidance.see_clinician:
        lines.append("Why see a clinician:")
        lines.extend(f"  - {words.CLINICIAN_TEXT[code]}" for code in guidance.clinician_reasons)
        lines.append(SEE_CLINICIAN)
        lines.extend(f"  - {flag}" for flag in RED_FLAGS)
    if guidance.routines:
        lines.append("Routines used in the last 14 days:")
    for routine in guidance.routines:
        lines.append(
            f"  {routine.title}: {routine.advice}. {words.ADVICE_TEXT[routine.advice]} "
            f"({routine.sessions_last_7_days} in the last 7 days; plan "
            f"{routine.sessions_per_week} a week)"
        )
    lines.append(DISCLAIMER)
    return lines
