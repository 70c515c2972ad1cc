"""Before a session: whether to offer rest or an easier day, and the words that say why.

A pain of 6 or more before starting, or red pain guidance, means the routine as planned is likely
more than the hip can take today. The player then offers a choice (rest today, the easier
version, or start anyway) instead of starting at once; when the guidance also asks for a
clinician, the same screen shows the warning signs and that advice first. (Advice to see a
clinician on its own is shown on the start screen, not as a question before every session.) This
module decides when to ask and what to say; the dialog in `hiprehab.ui.player.before_session` only
shows it. Plain Python, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hiprehab.history.guidance import RED_FROM, PainGuidance, evaluate
from hiprehab.history.guidance_words import CLINICIAN_TEXT
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.i18n import N_, _

PAIN_TOO_HIGH = RED_FROM  # a pain before of this or more (6, a red score) asks first


class GuidanceFacts(Protocol):
    """The part of `core.guidance.PainGuidance` this module reads."""

    @property
    def colour(self) -> str: ...

    @property
    def see_clinician(self) -> bool: ...

    @property
    def clinician_reasons(self) -> tuple[str, ...]: ...


UNKNOWN_REASON = N_("Your recent pain scores show a pattern a clinician should look at.")


def needs_choice(pain_before: int | None, guidance: GuidanceFacts | None) -> bool:
    """True when the runner should choose before starting: a pain before of 6 or more, or a red
    guidance colour (exactly the rule of issue 11). A skipped score (None) and no history (None)
    ask nothing on their own."""
    if pain_before is not None and pain_before >= PAIN_TOO_HIGH:
        return True
    return guidance is not None and guidance.colour == "red"


def clinician_reason_texts(codes: tuple[str, ...]) -> tuple[str, ...]:
    """One sentence per reason code (the guidance's own words), in the guidance's order; an
    unknown code still says something (once), so no reason is ever dropped silently."""
    texts: list[str] = []
    for code in codes:
        text = _(CLINICIAN_TEXT.get(code, UNKNOWN_REASON))
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
    """The words for the before-session choice, in the language in use; call only when
    `needs_choice` is True."""
    high = pain_before is not None and pain_before >= PAIN_TOO_HIGH
    red = guidance is not None and guidance.colour == "red"
    clinician = guidance is not None and guidance.see_clinician
    reasons: list[str] = []
    if high:
        reasons.append(
            _(
                "Your pain is {score}/10 before starting. Exercising into pain this high tends "
                "to flare it up, and a flare can take days to settle."
            ).format(score=pain_before)
        )
    if red:
        reasons.append(
            _(
                "Your pain guidance is red: after a recent session your hip hurt more than it "
                "should, or it had not settled by the next morning. That load was more than "
                "your hip could take."
            )
        )
    if clinician:
        heading = _("Please see a clinician before you carry on")
        advice = _(
            "Resting today is a good choice while you arrange to see a doctor or "
            "physiotherapist. It does not count as a missed session."
        )
    else:
        heading = _("Rest or go easier today?")
        advice = _(
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
        rest_detail=_("Nothing starts and nothing is recorded. Rest is not a missed session."),
        easier_detail=_("“{title}” made one step easier, for today only.").format(
            title=routine_title
        ),
        start_detail=(
            _("The routine as planned. Stop if the pain gets worse as you go.")
            if high
            else _("The routine as planned. Stop if the pain goes above 5/10.")
        ),
    )


def current_guidance(store: HistoryStore | None) -> PainGuidance | None:
    """The pain guidance of `store`'s sessions as of the store's now; None without a store,
    without any session, or when the history cannot be read (its own error is shown where the
    history is; then only the pain before can ask)."""
    if store is None:
        return None
    try:
        sessions = store.sessions()
    except StoreError:
        return None
    if not sessions:
        return None
    return evaluate(sessions, as_of=store.now())
