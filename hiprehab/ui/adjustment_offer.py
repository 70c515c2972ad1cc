"""The offer of one step: "Ready to progress" or "Time to ease off", with Apply and Not now.

Shown on the summary after a session and in the history pane. The box only shows a `StepOffer`
the core made and reports the user's answer; storing it is the `AdjustmentCenter`'s job. For an
imported history (a physio viewing a patient's export) the pane lists that person's own
adjustments instead, undone ones included, so the whole story is visible.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hiprehab.history.adjustment_steps import StepOffer
from hiprehab.history.adjustments import Adjustment, describe
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.i18n import N_, _
from hiprehab.i18n.formats import format_skeleton
from hiprehab.routine.library import default_library
from hiprehab.ui.adjustment_center import AdjustmentCenter
from hiprehab.ui.theme import GUIDANCE_COLOURS

HEADINGS = {"progress": N_("Ready to progress"), "regress": N_("Time to ease off")}
BORDER = {"progress": GUIDANCE_COLOURS["green"], "regress": GUIDANCE_COLOURS["amber"]}


def offer_heading(offer: StepOffer) -> str:
    return f"{_(HEADINGS[offer.direction])}: {offer.routine_title}"


def offer_text(offer: StepOffer) -> str:
    """Why the step is offered and what it is, in plain words."""
    if offer.direction == "progress":
        return _(
            "Your last two sessions were done in full and your hip settled by the next morning. "
            "If the exercises felt easy and your form stayed good, you could take one small step "
            "up:"
        )
    return _(
        "Your last session hurt more than it should. Easing off a little for the next "
        "sessions gives your hip time to settle. One small step down:"
    )


def offer_change(offer: StepOffer) -> str:
    change = offer.change
    if offer.text:
        change += f" ({offer.text.rstrip('.')})"
    return change


AFTER_APPLY = N_(
    "Saved as your own adjustment; your physio's routine file is unchanged. You will see it "
    "in the player, and you can undo it on the routine's page in the library."
)
AFTER_FAILURE = N_("This step could not be saved. Your routine stays as it was.")


def day_text(moment: datetime, tz: tzinfo | None = None) -> str:
    """The day in the local zone, as the language writes a short date: `Dec 2`, `2. Dez.`."""
    return format_skeleton(moment.astimezone(tz).date(), "MMMd")


def story_line(adjustment: Adjustment, titles: dict[str, str], tz: tzinfo | None = None) -> str:
    """E.g. "Hip stability: Clamshell, 3 sets instead of 2 (Dec 2, undone Dec 5)"."""
    library = default_library()
    found = library.get(adjustment.library_id)
    exercise = found.name if found is not None else adjustment.library_id
    when = day_text(adjustment.created_at, tz)
    if adjustment.undone_at is not None:
        when = _("{day}, undone {undone_day}").format(
            day=when, undone_day=day_text(adjustment.undone_at, tz)
        )
    title = titles.get(adjustment.routine_hash, _("A routine"))
    return f"{title}: {exercise}, {describe(adjustment)} ({when})"


def _font(widget: QWidget, pixels: int, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    widget.setFont(font)


class OfferBox(QFrame):
    """One offered step with Apply and Not now; hidden when there is no offer."""

    apply_requested = Signal(object)  # StepOffer
    dismissed = Signal(object)  # StepOffer

    def __init__(self, parent: QWidget | None = None, *, large: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("stepOffer")
        self.offer: StepOffer | None = None
        size = 18 if large else 15
        box = QVBoxLayout(self)
        box.setContentsMargins(20, 14, 20, 14)
        box.setSpacing(6)
        self.heading = QLabel()
        self.heading.setAccessibleName(_("Step offered"))
        self.heading.setWordWrap(True)
        _font(self.heading, size + 4, bold=True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        _font(self.text, size)
        self.change = QLabel()
        self.change.setAccessibleName(_("The step"))
        self.change.setWordWrap(True)
        _font(self.change, size, bold=True)
        self.result = QLabel()
        self.result.setWordWrap(True)
        _font(self.result, size - 1)
        for w in (self.heading, self.text, self.change, self.result):
            w.setTextFormat(Qt.TextFormat.PlainText)
            box.addWidget(w)
        row = QHBoxLayout()
        self.apply_button = QPushButton(_("&Apply this step"))
        self.apply_button.setAccessibleName(_("Apply this step"))
        self.apply_button.setToolTip(
            _("Keep this step as your own adjustment to the routine (you can undo it later)")
        )
        self.later_button = QPushButton(_("&Not now"))
        self.later_button.setAccessibleName(_("Not now"))
        self.later_button.setToolTip(_("Keep the routine as it is"))
        for b in (self.apply_button, self.later_button):
            b.setMinimumHeight(40)
            _font(b, size - 2)
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        self.apply_button.clicked.connect(self._apply)
        self.later_button.clicked.connect(self._later)
        self.show_offer(None)

    def show_offer(self, offer: StepOffer | None) -> None:
        self.offer = offer
        self.setVisible(offer is not None)
        self.result.hide()
        if offer is None:
            return
        self.heading.setText(offer_heading(offer))
        self.text.setText(offer_text(offer))
        self.change.setText(offer_change(offer))
        for b in (self.apply_button, self.later_button):
            b.show()
            b.setEnabled(True)
        self.setStyleSheet(
            f"QFrame#stepOffer {{ border: 3px solid {BORDER[offer.direction]};"  # i18n: ignore
            " border-radius: 12px; }"
        )

    def show_result(self, saved: bool) -> None:
        """After Apply: say what happened and take the buttons away."""
        self.result.setText(_(AFTER_APPLY if saved else AFTER_FAILURE))
        self.result.show()
        self.apply_button.hide()
        self.later_button.hide()

    def _apply(self) -> None:
        if self.offer is not None:
            self.apply_button.setEnabled(False)
            self.apply_requested.emit(self.offer)

    def _later(self) -> None:
        offer = self.offer
        self.show_offer(None)
        if offer is not None:
            self.dismissed.emit(offer)


class OfferList(QWidget):
    """The history pane's offers: one box per routine with a step due."""

    apply_requested = Signal(object)  # StepOffer
    dismissed = Signal(object)  # StepOffer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepOffers")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[OfferBox] = []
        self.center: AdjustmentCenter | None = None
        self.story = QLabel()  # an imported history's own adjustments
        self.story.setObjectName("adjustmentStory")
        # Translators: an imported history's (someone else's) own adjustments
        self.story.setAccessibleName(_("Their own adjustments"))
        self.story.setWordWrap(True)
        self.story.setTextFormat(Qt.TextFormat.PlainText)
        self.story.hide()
        self._layout.addWidget(self.story)
        self.setVisible(False)

    def attach(self, center: AdjustmentCenter) -> None:
        """Take offers from `center` and store the steps applied through it."""
        self.center = center
        self.apply_requested.connect(self._apply)
        self.dismissed.connect(center.dismiss)

    def refresh(self, store: HistoryStore, *, own_history: bool) -> None:
        """The steps due now; for someone else's imported history, their adjustments instead."""
        center = self.center
        self.show_offers(center.offers() if center is not None and own_history else [])
        lines: list[str] = []
        if not own_history:
            try:
                titles = {r.content_hash: r.title for r in store.routines()}
                lines = [story_line(a, titles) for a in store.adjustments()]
            except StoreError:
                lines = []
        self.story.setText(_("Their own adjustments to the plan:") + "\n" + "\n".join(lines))
        self.story.setVisible(bool(lines))
        self.setVisible(bool(self.boxes) or bool(lines))

    def _apply(self, offer: StepOffer) -> None:
        box = self.box_for(offer)
        saved = self.center is not None and self.center.apply(offer) is not None
        if box is not None:
            box.show_result(saved)

    def show_offers(self, offers: list[StepOffer]) -> None:
        for box in self.boxes:
            box.hide()
            box.deleteLater()
        self.boxes = []
        for offer in offers:
            box = OfferBox(self, large=False)
            box.show_offer(offer)
            box.apply_requested.connect(self.apply_requested)
            box.dismissed.connect(self.dismissed)
            self._layout.addWidget(box)
            self.boxes.append(box)
        self.setVisible(bool(offers))

    def box_for(self, offer: StepOffer) -> OfferBox | None:
        return next((b for b in self.boxes if b.offer == offer), None)
