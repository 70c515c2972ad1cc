"""Safety texts and the pain-monitoring model, kept in one place.

The UI shows these words and the statistics classify pain scores with the same zones, so the
advice a user reads and the guidance the app computes can never disagree. Plain data only.

The words are marked for translation (`N_`) and kept in English here; whoever shows one
translates it there, `_(safety.DISCLAIMER)`, so that a change of language takes effect at once.
Their German must say exactly what the English says: a runner in pain acts on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hiprehab.i18n import N_

DISCLAIMER = N_(
    "hiprehab is an exercise companion, not medical advice. It does not diagnose or treat any "
    "condition, and it cannot tell whether an exercise is right for you. If you are unsure, or "
    "your pain worries you, see a doctor or physiotherapist before you carry on."
)

SEE_CLINICIAN = N_(
    "Stop exercising and see a doctor or physiotherapist if you notice any of these warning signs."
)

RED_FLAGS: tuple[str, ...] = (
    N_(
        "Pain in the groin or hip when you put weight on the leg that gets worse the more you do, "
        "especially with a limp or one spot that is sore to press: in runners this can be a "
        "stress fracture."
    ),
    N_("Pain at night or while resting that does not ease when you change position."),
    N_("A fever, or a hip joint that is hot, red or swollen."),
    N_("Losing weight without trying."),
    N_("Sudden severe pain, or pain that started with a fall or other injury."),
    N_("Numbness, tingling or weakness in the leg."),
    N_("The hip locking or catching when you move it."),
    N_("Pain that is not getting better after two to six weeks of exercise."),
)

PainZoneKey = Literal["safe", "acceptable", "too_much"]

PAIN_SCALE_MIN = 0
PAIN_SCALE_MAX = 10
PAIN_SCALE_WORDS: dict[int, str] = {0: N_("No pain"), 10: N_("Worst pain imaginable")}

NEXT_MORNING_RULE = N_(
    "Pain from a session should settle by the next morning. If it has, keep the same load or "
    "add a little; if it has not, make the next session easier."
)


@dataclass(frozen=True)
class PainZone:
    """A band of the 0-10 pain scale and what it means for exercising (pain-monitoring model)."""

    key: PainZoneKey
    label: str  # marked with N_: translated where shown, as is `explanation`
    low: int  # inclusive
    high: int  # inclusive
    explanation: str

    def contains(self, score: int) -> bool:
        return self.low <= score <= self.high


PAIN_ZONES: tuple[PainZone, ...] = (
    PainZone(
        key="safe",
        # Translators: a band of the 0-10 pain scale (0-3). Never "safe" ("sicher").
        label=N_("Low"),
        low=0,
        high=3,
        explanation=N_("Little or no pain. Carry on as planned."),
    ),
    PainZone(
        key="acceptable",
        # Translators: a band of the 0-10 pain scale (4-5).
        label=N_("Acceptable"),
        low=4,
        high=5,
        explanation=N_(
            "Some pain is fine while you exercise, as long as it settles by the next morning."
        ),
    ),
    PainZone(
        key="too_much",
        # Translators: a band of the 0-10 pain scale (6-10).
        label=N_("Too much"),
        low=6,
        high=10,
        explanation=N_(
            "This is more than your hip can take right now. Stop, and make the next session easier."
        ),
    ),
)


def pain_zone(score: int) -> PainZone:
    """The zone a 0-10 pain score falls in; other values are a programming error."""
    if isinstance(score, bool) or not isinstance(score, int):
        raise TypeError(f"pain score must be an int, not {type(score).__name__}")
    for zone in PAIN_ZONES:
        if zone.contains(score):
            return zone
    raise ValueError(f"pain score {score} is outside {PAIN_SCALE_MIN}-{PAIN_SCALE_MAX}")
