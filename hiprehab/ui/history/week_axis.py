"""The date axis under both history plots: ticks on Mondays, as many as fit, labelled as dates;
and the words for the ranges of it the page offers.

pyqtgraph's own axis would put ticks at round numbers of days since 1970; a runner thinks in
weeks, so the ticks fall on Mondays and thin out by whole weeks as the range grows.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from hiprehab.history.pane_data import x_date
from hiprehab.i18n import pgettext
from hiprehab.i18n.formats import format_skeleton


def range_label(name: str) -> str:
    """The words on a range's button (`name`: a key of pane_data.RANGES): '3 months', '3 Monate'."""
    words = {
        "4 weeks": pgettext("time range", "4 weeks"),
        "3 months": pgettext("time range", "3 months"),
        "1 year": pgettext("time range", "1 year"),
        "All": pgettext("time range", "All"),  # i18n: ignore (the key)
    }
    return words.get(name, name)


class WeekAxis(pg.AxisItem):
    """A date axis with ticks on Mondays, labelled as the language writes a short date ('Jan 5',
    '5. Jan.'), with the year where it changes, or month and year for long ranges."""

    STEPS_WEEKS = (1, 2, 4, 8, 13, 26, 52, 104, 208)
    LABEL_PX = 72.0  # room for a label with its year ("22. Dez. 2025")

    def tickValues(  # noqa: N802 (pyqtgraph's name)
        self,
        minVal: float,  # noqa: N803
        maxVal: float,  # noqa: N803
        size: float,
    ) -> list[tuple[float, list[float]]]:
        span_weeks = max((maxVal - minVal) / 7.0, 1e-9)
        fits = max(size / self.LABEL_PX, 1.0)
        step = next((s for s in self.STEPS_WEEKS if span_weeks / s <= fits), self.STEPS_WEEKS[-1])
        # x = 4 is Monday 1970-01-05; labelled Mondays are whole multiples of the step from it
        weeks = range(int(np.ceil((minVal - 4) / 7.0)), int(np.floor((maxVal - 4) / 7.0)) + 1)
        major = [4.0 + 7.0 * w for w in weeks if w % step == 0]
        minor = [4.0 + 7.0 * w for w in weeks if w % step] if span_weeks <= 60 else []
        return [(7.0 * step, major), (7.0, minor)]

    def tickStrings(  # noqa: N802 (pyqtgraph's name)
        self, values: list[float], scale: float, spacing: float
    ) -> list[str]:
        if spacing < 7.0 * 1.5 and len(values) > 30:
            return [""] * len(values)  # the weekly minor ticks of a long range: no labels
        labels = []
        previous_year: int | None = None
        for v in values:
            day = x_date(v + 1e-6)
            if spacing >= 7 * 26:
                labels.append(format_skeleton(day, "yMMM"))
            elif day.year != previous_year:
                labels.append(format_skeleton(day, "yMMMd"))
            else:
                labels.append(format_skeleton(day, "MMMd"))
            previous_year = day.year
        return labels
