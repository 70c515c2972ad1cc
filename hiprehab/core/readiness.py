"""Before a session: whether to offer rest or an easier day, and the words that say why.

A pain of 6 or more before starting, red pain guidance, or guidance that asks for a clinician
means the routine as planned is likely more than the hip can take today. The player then offers
a choice (rest today, the easier version, or start anyway) instead of starting at once. This
module decides when to ask and what to say; the dialog in `hiprehab.ui.before_session` only
shows it. Plain Python, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

PAIN_TOO_HIGH = 6  # a pain before of this or more asks first (the "too much" zone starts here)

Choice = Literal["rest", "easier", "start"]


class GuidanceFacts(Protocol):
    """The part of `core.guidance.PainGuidance` this module reads."""

    @property
    def colour(self) -> str: ...

    @property
    def see_clinician(self) -> bool: ...

    @property
    def clinician_reasons(self) -> tuple[str, ...]: ...


# Why a clinician should look at it, in plain words: one sentence per guidance reason code.
CLINICIAN_REASONS: dict[str, str] = {
    "severe-pain": "You gave your hip a pain score of 8 or more in the last 7 days.",
    "red-twice": (
        "Your last two sessions both left your hip sorer than it should be, or it had not "
        "settled by the next morning."
    ),
    "rising": (
        "Your pain before sessions this week is 2 points or more higher than the week before."
    ),
    "not-improving": (
        "After six weeks or more of exercise your pain is still 3 or more out of 10, and it has "
        "not come down by 2 points since you started."
    ),
}
UNKNOWN_REASON = "Your recent pain scores show a pattern a clinician should look at."


def needs_choice(pain_before: int | None, guidance: GuidanceFacts | None) -> bool:
    """True when the runner should choose before starting: a pain before of 6 or more, a red
    guidance colour, or guidance that asks for a clinician. A skipped score (None) and no history
    (None) ask nothing on their own."""
    if pain_before is not None and pain_before >= PAIN_TOO_HIGH:
        return True
    if guidance is None:
        return False
    return guidance.colour == "red" or guidance.see_clinician


def clinician_reason_texts(codes: tuple[str, ...]) -> tuple[str, ...]:
    """One sentence per reason code, in the guidance's order; an unknown code still says
    something (once), so no reason is ever dropped silently."""
    texts: list[str] = []
    for code in codes:
        text = CLINICIAN_REASONS.get(code, UNKNOWN_REASON)
        if text not in texts:
            texts.append(text)
    return tuple(texts)


@dataclass(frozen=True)
class ChoiceText:
    """Everything the before-session screen says, already worded."""

    heading: str
    reasons: tuple[str, ...]  # why the choice is offered, one paragraph each
    advice: str  # what to do next
    see_clinician: bool
    clinician_reasons: tuple[str, ...]  # plain sentences, empty unless see_clinician
    rest_detail: str
    easier_detail: str
    start_detail: str


def choice_text(
    routine_title: str, pain_before: int | None, guidance: GuidanceFacts | None
) -> ChoiceText:
    """The words for the before-session choice; call only when `needs_choice` is True."""
    high = pain_before is not None and pain_before >= PAIN_TOO_HIGH
    red = guidance is not None and guidance.colour == "red"
    clinician = guidance is not None and guidance.see_clinician
    reasons: list[str] = []
    if high:
        reasons.append(
            f"Your pain is {pain_before}/10 before starting. Exercising into pain this high "
            "tends to flare it up, and a flare can take days to settle."
        )
    if red:
        reasons.append(
            "Your pain guidance is red: after a recent session your hip hurt more than it "
            "should, or it had not settled by the next morning. That load was more than your "
            "hip could take."
        )
    if clinician and not (high or red):
        reasons.append("Your recent pain scores need a closer look before you carry on.")
    if clinician:
        heading = "Please see a clinician before you carry on"
        advice = (
            "Resting today is a good choice while you arrange to see a doctor or "
            "physiotherapist. It does not count as a missed session."
        )
    else:
        heading = "Rest or go easier today?"
        advice = (
            "Resting today is a good choice, and it does not count as a missed session. "
            "The easier version keeps you moving with less load."
        )
    return ChoiceText(
        heading=heading,
        reasons=tuple(reasons),
        advice=advice,
        see_clinician=clinician,
        clinician_reasons=(
            clinician_reason_texts(guidance.clinician_reasons)
            if clinician and guidance is not None
            else ()
        ),
        rest_detail="Nothing starts and nothing is recorded. Rest is not a missed session.",
        easier_detail=f"“{routine_title}” made one step easier, for today only.",
        start_detail=(
            "The routine as planned. Stop if the pain gets worse as you go."
            if high
            else "The routine as planned. Stop if the pain goes above 5/10."
        ),
    )
