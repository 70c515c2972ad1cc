"""The words of the pain guidance: what each verdict means and what to do next.

Kept apart from the rules (`guidance.py`) so the wording can be read, reviewed and translated as
one page. The words never call a score "safe": a runner reads this after a painful session, and a
reassuring word next to a high score would be the wrong message.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

TITLES: Mapping[str, str] = MappingProxyType(
    {
        "green": "Your hip is coping well",
        "amber": "Keep the load as it is",
        "red": "Ease off for now",
        "none": "No recent pain scores",
    }
)

CLINICIAN_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "severe-pain": "You rated your pain 8 out of 10 or more in the last week.",
        "red-twice": "Your last two sessions with a pain score both brought on too much pain.",
        "rising": (
            "Your pain before sessions this week is at least 2 points higher than the week "
            "before."
        ),
        "not-improving": (
            "After six weeks of exercise your pain before sessions is still 3 or more and has "
            "not come down by 2 points."
        ),
    }
)

SEE_CLINICIAN_STEP = (
    "Please see a doctor or physiotherapist before you carry on with these exercises, and "
    "check the warning signs below."
)

ADVICE_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "progress": (
            "Ready for a small step up: your last two full sessions settled by the next morning."
        ),
        "hold": "Keep this routine as it is for now.",
        "regress": (
            "Make this routine a little easier: the last session with a pain score brought on "
            "too much pain."
        ),
    }
)

_NEXT: Mapping[str, str] = MappingProxyType(
    {
        "green": (
            "Keep to your plan. When two full sessions of a routine in a row settle by the next "
            "morning, hiprehab suggests a small step up for it."
        ),
        "amber": (
            "Keep the same load next time rather than adding more, and rate your hip again the "
            "next morning."
        ),
        "red": (
            "Make the next session easier (fewer sets or reps, a smaller range) or take a rest "
            "day, and let the pain settle before you build up again."
        ),
        "none": (
            "Rate your hip before and after each session, and again the next morning, so "
            "hiprehab can tell you whether the load suits you."
        ),
    }
)


def next_step(colour: str, see_clinician: bool) -> str:
    """What to do next for a colour; seeing a clinician comes first when it applies."""
    if see_clinician:
        return f"{SEE_CLINICIAN_STEP} {_NEXT[colour]}" if colour == "red" else SEE_CLINICIAN_STEP
    return _NEXT[colour]


def after_text(colour: str, after: int) -> str:
    if colour == "green":
        return f"Pain after the session was {after}/10, low (0 to 3)."
    if colour == "amber":
        return (
            f"Pain after the session was {after}/10. Up to 5 is acceptable while you exercise, "
            "as long as it settles by the next morning."
        )
    return (
        f"Pain after the session was {after}/10, more than the 5 that exercise should bring on."
    )


def rise_text(colour: str, morning: int, before: int) -> str:
    rise = morning - before
    if colour == "red":
        return (
            f"The next morning it was {morning}/10, {rise} points above the {before}/10 before "
            "the session: it had not settled."
        )
    if colour == "amber":
        return (
            f"The next morning it was {morning}/10, one point above the {before}/10 before the "
            "session: not quite settled."
        )
    where = "back to" if rise == 0 else "below"
    return (
        f"The next morning it was {morning}/10, {where} the {before}/10 before the session: "
        "it settled."
    )


def morning_text(colour: str, morning: int) -> str:
    if colour == "green":
        return f"The next morning it was {morning}/10, low (0 to 3)."
    if colour == "amber":
        return f"The next morning it was {morning}/10: some pain was still there."
    return f"The next morning it was {morning}/10: still high."
