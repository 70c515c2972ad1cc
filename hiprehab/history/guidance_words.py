"""The words of the pain guidance: what each verdict means and what to do next.

Kept apart from the rules (`guidance.py`) so the wording can be read, reviewed and translated as
one page. The words never call a score "safe": a runner reads this after a painful session, and a
reassuring word next to a high score would be the wrong message. Translations keep every number
and threshold and the strength of the advice exactly (docs/guidance-format.md).

The tables are keyed by the guidance's codes (the JSON format) and hold the English, marked for
the catalogue; the functions below give them in the language in use. A reason's sentence is
worded by a `Words` (`wording.IN_USE`, or `wording.ENGLISH` for the JSON).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from hiprehab.history.wording import IN_USE, Words
from hiprehab.i18n import N_, _, pgettext

TITLES: Mapping[str, str] = MappingProxyType(
    {
        "green": N_("Your hip is coping well"),
        "amber": N_("Keep the load as it is"),
        "red": N_("Ease off for now"),
        "none": N_("No recent pain scores"),
    }
)

CLINICIAN_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "severe-pain": N_("You rated your pain 8 out of 10 or more in the last week."),
        "red-twice": N_(
            "Your last two sessions with a pain score both brought on too much pain."
        ),
        "rising": N_(
            "Your pain before sessions this week is at least 2 points higher than the week "
            "before."
        ),
        "not-improving": N_(
            "After six weeks of exercise your pain before sessions is still 3 or more and has "
            "not come down by 2 points."
        ),
    }
)

SEE_CLINICIAN_STEP = N_(
    "Please see a doctor or physiotherapist before you carry on with these exercises, and "
    "check the warning signs below."
)

ADVICE_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "progress": N_(
            "Ready for a small step up: your last two full sessions settled by the next morning."
        ),
        "hold": N_("Keep this routine as it is for now."),
        "regress": N_(
            "Make this routine a little easier: the last session with a pain score brought on "
            "too much pain."
        ),
    }
)

_NEXT: Mapping[str, str] = MappingProxyType(
    {
        "green": N_(
            "Keep to your plan. When two full sessions of a routine in a row settle by the next "
            "morning, hiprehab suggests a small step up for it."
        ),
        "amber": N_(
            "Keep the same load next time rather than adding more, and rate your hip again the "
            "next morning."
        ),
        "red": N_(
            "Make the next session easier (fewer sets or reps, a smaller range) or take a rest "
            "day, and let the pain settle before you build up again."
        ),
        "none": N_(
            "Rate your hip before and after each session, and again the next morning, so "
            "hiprehab can tell you whether the load suits you."
        ),
    }
)


def title(colour: str) -> str:
    """The headline of a colour, in the language in use."""
    return _(TITLES[colour])


def clinician_text(code: str) -> str:
    """Why to see a clinician, for a reason code, in the language in use."""
    return _(CLINICIAN_TEXT[code])


def advice_text(advice: str) -> str:
    """What to do with a routine (progress, hold, regress), in the language in use."""
    return _(ADVICE_TEXT[advice])


def colour_name(colour: str) -> str:
    """The colour's name (green, amber, red, none) in the language in use."""
    names = {
        "green": pgettext("guidance colour", "green"),
        "amber": pgettext("guidance colour", "amber"),
        "red": pgettext("guidance colour", "red"),
        "none": pgettext("guidance colour", "none"),
    }
    return names[colour]


def advice_name(advice: str) -> str:
    """The advice's name (progress, hold, regress) in the language in use."""
    names = {
        "progress": pgettext("guidance advice", "progress"),
        "hold": pgettext("guidance advice", "hold"),
        "regress": pgettext("guidance advice", "regress"),
    }
    return names[advice]


def next_step(colour: str, see_clinician: bool) -> str:
    """What to do next for a colour; seeing a clinician comes first when it applies."""
    if see_clinician:
        step = _(SEE_CLINICIAN_STEP)
        if colour == "red":
            # Translators: two whole sentences, the advice to see a clinician, then the next step.
            return _("{see_clinician} {next_step}").format(
                see_clinician=step, next_step=_(_NEXT[colour])
            )
        return step
    return _(_NEXT[colour])


def after_text(colour: str, after: int, words: Words = IN_USE) -> str:
    """The pain after a session, and what it means."""
    score = words.number(after)
    if colour == "green":
        return words._("Pain after the session was {score}/10, low (0 to 3).").format(score=score)
    if colour == "amber":
        return words._(
            "Pain after the session was {score}/10. Up to 5 is acceptable while you exercise, "
            "as long as it settles by the next morning."
        ).format(score=score)
    return words._(
        "Pain after the session was {score}/10, more than the 5 that exercise should bring on."
    ).format(score=score)


def rise_text(colour: str, morning: int, before: int, words: Words = IN_USE) -> str:
    """The next-morning score against the score before the session, and what it means."""
    rise = morning - before
    values = {
        "morning": words.number(morning),
        "before": words.number(before),
        "rise": words.number(rise),
    }
    if colour == "red":
        return words.ngettext(
            "The next morning it was {morning}/10, {rise} point above the {before}/10 before "
            "the session: it had not settled.",
            "The next morning it was {morning}/10, {rise} points above the {before}/10 before "
            "the session: it had not settled.",
            rise,
        ).format(**values)
    if colour == "amber":
        return words._(
            "The next morning it was {morning}/10, one point above the {before}/10 before the "
            "session: not quite settled."
        ).format(**values)
    if rise == 0:
        return words._(
            "The next morning it was {morning}/10, back to the {before}/10 before the session: "
            "it settled."
        ).format(**values)
    return words._(
        "The next morning it was {morning}/10, below the {before}/10 before the session: "
        "it settled."
    ).format(**values)


def morning_text(colour: str, morning: int, words: Words = IN_USE) -> str:
    """The next-morning score on its own, and what it means."""
    score = words.number(morning)
    if colour == "green":
        return words._("The next morning it was {score}/10, low (0 to 3).").format(score=score)
    if colour == "amber":
        return words._("The next morning it was {score}/10: some pain was still there.").format(
            score=score
        )
    return words._("The next morning it was {score}/10: still high.").format(score=score)
