"""Pain guidance as JSON (format `hiprehab-guidance`, version 1) and as text for a terminal.

The JSON is what another program, a physio's script or a test reads; its fields are documented
in docs/guidance-format.md, and its words (a reason's `text`) are English in every language. The
text says the same in sentences, in the language in use.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, tzinfo
from typing import Any

from hiprehab.history import guidance_words as words
from hiprehab.history.guidance import PainGuidance
from hiprehab.history.records import format_utc
from hiprehab.history.wording import ENGLISH
from hiprehab.i18n import _
from hiprehab.i18n.formats import format_date, format_skeleton, format_time
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
                "text": reason.worded(ENGLISH),
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

    Each reason names the session it is about ("Session of Mon, Nov 30: ..."), since the colour
    may come from an earlier session than the one just done (the last with a morning score).
    """
    by_session: dict[datetime, list[str]] = {}
    for reason in guidance.reasons:
        texts = by_session.setdefault(reason.session_started_at, [])
        if reason.text not in texts:
            texts.append(reason.text)
    why = " ".join(
        _("Session of {day}: {reasons}").format(
            day=session_day(started, tz), reasons=" ".join(texts)
        )
        for started, texts in by_session.items()
    )
    if not why:
        return guidance.next_step
    # Translators: why the light shows its colour (whole sentences), then what to do next.
    return _("{why} {next_step}").format(why=why, next_step=guidance.next_step)


def session_day(started: datetime, tz: tzinfo | None = None) -> str:
    """'Mon, Nov 30' ('Mo., 30. Nov.') in the local zone (`tz`, default the computer's)."""
    return format_skeleton(started.astimezone(tz), "EEEMMMd")


def clinician_lines(guidance: PainGuidance) -> list[str]:
    """Why to see a clinician and the warning signs; empty when the rules do not ask for it."""
    if not guidance.see_clinician:
        return []
    return [
        _(words.SEE_CLINICIAN_STEP),
        *(words.clinician_text(code) for code in guidance.clinician_reasons),
        _(SEE_CLINICIAN),
        *(_(flag) for flag in RED_FLAGS),
    ]


def text_lines(guidance: PainGuidance, tz: tzinfo | None = None) -> list[str]:
    """The guidance in sentences, one paragraph per part, for a terminal."""
    day = guidance.as_of.astimezone(tz).date()  # tz None: the computer's zone
    lines = [
        _("Pain guidance as of {day}: {colour}. {title}.").format(
            day=format_date(day), colour=words.colour_name(guidance.colour), title=guidance.title
        )
    ]
    for reason in guidance.reasons:
        shown = reason.session_started_at.astimezone(tz)
        when = _("{date}, {time}").format(date=format_date(shown), time=format_time(shown))
        lines.append("  " + _("Session of {day}: {reasons}").format(day=when, reasons=reason.text))
    lines.append(_("What to do next: {next_step}").format(next_step=guidance.next_step))
    if guidance.see_clinician:
        lines.append(_("Why see a clinician:"))
        lines.extend(f"  - {words.clinician_text(code)}" for code in guidance.clinician_reasons)
        lines.append(_(SEE_CLINICIAN))
        lines.extend(f"  - {_(flag)}" for flag in RED_FLAGS)
    if guidance.routines:
        lines.append(_("Routines used in the last 14 days:"))
    for routine in guidance.routines:
        line = _(
            "{title}: {advice}. {advice_text} ({recent} in the last 7 days; plan {plan} a week)"
        ).format(
            title=routine.title,
            advice=words.advice_name(routine.advice),
            advice_text=words.advice_text(routine.advice),
            recent=routine.sessions_last_7_days,
            plan=routine.sessions_per_week,
        )
        lines.append(f"  {line}")
    lines.append(_(DISCLAIMER))
    return lines
