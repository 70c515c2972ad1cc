"""The history pane on a real store: bars, pain points, hover, ranges, selection, filters.

Every test fills a real `HistoryStore` in its own temporary folder through the store's API (the
way the player records sessions) and inspects the data the pyqtgraph items actually hold.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from hiprehab.history import stats
from hiprehab.history.demo import (
    DemoSession,
    bulk_fill,
    demo_routine,
    fill_store,
    generate_sessions,
)
from hiprehab.history.pane_data import MISSED_STUB, day_x, format_day, format_moment, moment_x
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.paths import AppPaths
from hiprehab.safety import SEE_CLINICIAN
from hiprehab.ui.history.view import EMPTY_TEXT, HistoryView
from hiprehab.ui.theme import ThemeManager

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)  # a Wednesday
THIS_MONDAY = date(2026, 11, 23)


def at(day: date, hour: int = 18) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture
def paths() -> AppPaths:
    paths = AppPaths.from_environment()  # the autouse fixture points it at a temporary folder
    paths.ensure()
    return paths


@pytest.fixture
def store(paths: AppPaths) -> HistoryStore:
    opened = HistoryStore.open(paths.history_db, now=lambda: NOW)
    yield opened
    opened.close()


def make_view(qtbot, store: HistoryStore, paths: AppPaths) -> HistoryView:
    view = HistoryView(store, paths, now=lambda: NOW, tz=UTC)
    qtbot.addWidget(view)
    view.resize(1100, 850)
    view.show()
    qtbot.waitExposed(view)
    return view


def generated(store: HistoryStore, weeks: int = 10, seed: int = 3) -> list[int]:
    """About three sessions a week for `weeks` weeks up to yesterday, pain easing off."""
    first = at(THIS_MONDAY - timedelta(weeks=weeks - 1), 0)
    rng = random.Random(seed)
    sessions = generate_sessions(rng, first_day=first, days=(NOW - first).days)
    return fill_store(store, demo_routine(), sessions)


def bar_data(view: HistoryView) -> tuple[np.ndarray, np.ndarray]:
    opts = view.plots.bars.opts
    return np.asarray(opts["x"], float), np.asarray(opts["height"], float)


def test_one_bar_per_iso_week_with_the_plan_ratio(qtbot, store, paths) -> None:
    routine = demo_routine(sessions_per_week=3)
    week1, week2, week3 = (THIS_MONDAY - timedelta(weeks=n) for n in (3, 2, 1))
    sessions = [DemoSession(at(week1 + timedelta(days=d)), pain_after=2) for d in (0, 2, 4)]
    sessions.append(DemoSession(at(week2 + timedelta(days=1)), pain_after=3))
    sessions += [DemoSession(at(week3 + timedelta(days=d))) for d in (0, 1, 3, 5)]
    sessions.append(DemoSession(at(THIS_MONDAY), status="stopped", done_fraction=0.5))
    fill_store(store, routine, sessions)
    view = make_view(qtbot, store, paths)

    xs, heights = bar_data(view)
    # four ISO weeks: 3/3, 1/3, 4/3 (a routine's extra sessions count up to its plan: 100 %)
    # and half a session this week
    assert list(xs) == [day_x(m) + 3.5 for m in (week1, week2, week3, THIS_MONDAY)]
    assert heights == pytest.approx([100, 100 / 3, 100, 100 / 6])
    brushes = [b.color().name() for b in view.plots.bars.opts["brushes"]]
    theme = view.plots._theme
    assert brushes[0] == theme.bar_full.name()
    assert brushes[1] == theme.bar_low.name()
    assert brushes[2] == theme.bar_full.name()
    # the share of planned sets: all done in full weeks, half this week
    _, share = view.plots.work_share.getData()
    assert list(share) == pytest.approx([100, 100, 100, 50])
    assert view.plots.target.value() == 100


def test_missed_weeks_show_a_stub_and_bars_are_labelled(qtbot, store, paths) -> None:
    routine = demo_routine(sessions_per_week=3)
    week1, week3 = THIS_MONDAY - timedelta(weeks=3), THIS_MONDAY - timedelta(weeks=1)
    sessions = [DemoSession(at(w + timedelta(days=d))) for w in (week1, week3) for d in (0, 2, 4)]
    fill_store(store, routine, sessions)
    view = make_view(qtbot, store, paths)
    _, heights = bar_data(view)
    # week 2 was missed: a stub; this week has nothing yet but is not over: no stub
    assert list(heights) == [100, MISSED_STUB, 100, 0]
    brushes = [b.color() for b in view.plots.bars.opts["brushes"]]
    assert brushes[1].name() == view.plots._theme.bar_none.name()
    assert brushes[3].alpha() < 255  # the week in progress is paler
    assert view.plots.bar_label_texts() == ["3/3", "0/3", "3/3", "0/3"]
    # a long range has too many weeks for labels
    generated(store, weeks=40)
    view.refresh()
    view.set_range("1 year")
    assert view.plots.bar_label_texts() == []


def test_short_histories_open_whole_long_ones_on_three_months(qtbot, store, paths) -> None:
    generated(store, weeks=8)
    view = make_view(qtbot, store, paths)
    assert view.current_range == "All"
    assert view.range_buttons["All"].isChecked()
    generated(store, weeks=30, seed=9)
    view.refresh()
    assert view.current_range == "3 months"
    # once the person picks a range, refreshes keep it
    qtbot.mouseClick(view.range_buttons["1 year"], Qt.MouseButton.LeftButton)
    view.refresh()
    assert view.current_range == "1 year"


def test_pain_points_match_the_store(qtbot, store, paths) -> None:
    ids = generated(store)
    view = make_view(qtbot, store, paths)
    records = {s.id: s for s in store.sessions()}
    assert len(records) == len(ids) > 20

    for item, field in (
        (view.plots.before, "pain_before"),
        (view.plots.after, "pain_after"),
        (view.plots.morning, "pain_next_morning"),
    ):
        xs, ys = item.getOriginalDataset()
        scored = sorted(
            (s for s in records.values() if getattr(s, field) is not None),
            key=lambda s: s.started_at,
        )
        assert len(xs) == len(ys) == len(scored)
        assert list(xs) == pytest.approx([moment_x(s.started_at, UTC) for s in scored])
        assert list(ys) == [getattr(s, field) for s in scored]

    # the moving average is the one the statistics compute (mean of the last 7 after-scores)
    series = stats.pain_series(records.values(), tz=UTC)
    _, avg = view.plots.average.getOriginalDataset()
    scored = [p for p in series if (p.before, p.after, p.next_morning) != (None, None, None)]
    want = [p.moving_average for p in scored if p.moving_average is not None]
    assert len(want) > 20
    assert list(avg) == pytest.approx(want)

    # bars: one per ISO week from the first session's week to this week
    first = min(s.started_at for s in records.values()).date()
    weeks = (THIS_MONDAY - (first - timedelta(days=first.weekday()))).days // 7 + 1
    assert len(bar_data(view)[0]) == weeks == 10


def test_hover_shows_the_session_under_the_mouse(qtbot, store, paths) -> None:
    generated(store)
    view = make_view(qtbot, store, paths)
    view.set_range("All")
    rows = view.snapshot.pain
    row = next(r for r in rows if r.after is not None and r.after != r.before)
    text = view.plots.handle_hover(view.plots.view_to_scene(row.x, row.after))
    record = store.session(row.session_id)
    assert text is not None
    local = record.started_at.astimezone(UTC)
    assert format_moment(local) in text  # "Sep 21, 2026, 7:20 PM"
    assert record.routine_title in text
    assert f"after {record.pain_after}" in text
    assert view.plots.hover_label.isVisible()
    assert view.plots.hover_label.toPlainText() == text

    # far from any point: nothing shown
    assert view.plots.handle_hover(view.plots.view_to_scene(row.x, 50)) is None
    assert not view.plots.hover_label.isVisible()


def test_hover_over_a_bar_explains_the_week(qtbot, store, paths) -> None:
    generated(store)
    view = make_view(qtbot, store, paths)
    week = view.snapshot.weeks[-2]
    text = view.plots.handle_hover(view.plots.view_to_scene(week.x, 5, plot="adherence"))
    assert text is not None
    assert f"of {week.planned} planned sessions" in text
    assert f"Week of {format_day(week.monday)} to " in text


def test_range_buttons_change_the_x_range(qtbot, store, paths) -> None:
    generated(store, weeks=30)
    view = make_view(qtbot, store, paths)
    end = day_x(THIS_MONDAY) + 7
    spans = {}
    for name in ("4 weeks", "1 year", "All", "3 months"):
        qtbot.mouseClick(view.range_buttons[name], Qt.MouseButton.LeftButton)
        assert view.current_range == name
        x0, x1 = view.plots.x_range()
        assert x1 == pytest.approx(end, abs=0.01)
        spans[name] = x1 - x0
    assert spans["4 weeks"] == pytest.approx(28, abs=0.01)
    assert spans["3 months"] == pytest.approx(91, abs=0.01)
    assert spans["1 year"] == pytest.approx(365, abs=0.01)
    first = min(s.started_at for s in store.sessions()).date()
    first_monday = day_x(first - timedelta(first.weekday()))
    assert spans["All"] == pytest.approx(end - first_monday + 2, abs=0.01)
    # the two plots share the axis
    assert view.plots.adherence.getViewBox().viewRange()[0] == pytest.approx(
        view.plots.pain.getViewBox().viewRange()[0]
    )


def test_table_selection_highlights_the_point(qtbot, store, paths) -> None:
    generated(store)
    # a pain-free session (0 is a score, not a missing one) as the newest: the table's first row
    pain_free = DemoSession(NOW - timedelta(hours=3), pain_before=0, pain_after=0)
    fill_store(store, demo_routine(), [pain_free])
    view = make_view(qtbot, store, paths)
    table = view.table
    assert table.model().rowCount() == len(store.sessions())
    assert store.session(table.table_model.session_id(0)).pain_after == 0
    for row in (0, 4):
        table.selectRow(row)
        session_id = table.table_model.session_id(row)
        record = store.session(session_id)
        assert view.plots.selected == session_id
        expect_rings(view, record)


def expect_rings(view: HistoryView, record) -> None:
    """The selected session's scores are ringed, zeros included, at its start time."""
    scores = [
        v
        for v in (record.pain_before, record.pain_after, record.pain_next_morning)
        if v is not None
    ]
    x = moment_x(record.started_at, UTC)
    rings = view.plots.ring_points()
    assert sorted(y for _, y in rings) == sorted(float(v) for v in scores)
    assert all(px == pytest.approx(x) for px, _ in rings)
    assert view.plots.cursor_bottom.value() == pytest.approx(x)


def test_clicking_a_point_selects_its_table_row(qtbot, store, paths) -> None:
    generated(store)
    view = make_view(qtbot, store, paths)
    view.set_range("All")
    row = view.snapshot.pain[-6]
    value = row.after if row.after is not None else row.before
    scene = view.plots.view_to_scene(row.x, value)
    pos = view.plots.mapFromScene(scene)
    with qtbot.waitSignal(view.plots.sessionClicked, timeout=1000) as clicked:
        qtbot.mouseClick(view.plots.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert clicked.args == [row.session_id]
    assert view.table.selected_session() == row.session_id
    assert view.plots.selected == row.session_id


def test_selecting_an_old_session_pans_the_plot_to_it(qtbot, store, paths) -> None:
    generated(store, weeks=20)
    view = make_view(qtbot, store, paths)
    view.set_range("4 weeks")
    oldest = view.table.model().rowCount() - 1
    view.table.selectRow(oldest)
    x = view.snapshot.session_x[view.table.table_model.session_id(oldest)]
    x0, x1 = view.plots.x_range()
    assert x0 <= x <= x1


def test_routine_filter_shows_one_routine(qtbot, store, paths) -> None:
    strength, stretch = demo_routine("Hip strength"), demo_routine("Evening stretch", 2)
    fill_store(store, strength, [DemoSession(at(THIS_MONDAY - timedelta(days=d))) for d in (9, 7)])
    fill_store(store, stretch, [DemoSession(at(THIS_MONDAY - timedelta(days=d))) for d in (8, 1)])
    view = make_view(qtbot, store, paths)
    assert [view.routine_filter.itemText(i) for i in range(3)] == [
        "All routines",
        "Hip strength",
        "Evening stretch",
    ]
    assert view.table.model().rowCount() == 4
    view.routine_filter.setCurrentIndex(2)
    assert view.table.model().rowCount() == 2
    titles = {view.table.model().index(r, 1).data() for r in range(2)}
    assert titles == {"Evening stretch"}
    # the plan follows the routine: two sessions a week for the stretch routine
    assert {w.planned for w in view.snapshot.weeks} == {2}


def test_guidance_panel_shows_colour_week_streak_and_red_flags(qtbot, store, paths) -> None:
    routine = demo_routine(sessions_per_week=2)
    sessions = [
        DemoSession(at(THIS_MONDAY - timedelta(weeks=2, days=-d)), pain_before=2, pain_after=2)
        for d in (0, 2)
    ]
    sessions += [
        DemoSession(at(THIS_MONDAY - timedelta(weeks=1, days=-d)), pain_before=2, pain_after=3)
        for d in (0, 2)
    ]
    sessions.append(DemoSession(at(THIS_MONDAY), pain_before=2, pain_after=1))
    fill_store(store, routine, sessions)
    view = make_view(qtbot, store, paths)
    panel = view.guidance
    assert panel.title.text() == "Your hip is coping well"
    assert "This week: 1 of 2 planned sessions (50%)" in panel.week.text()
    assert panel.streak.text() == "Streak: 2 weeks in a row on plan."
    assert not panel.red_flags.isVisible()

    # a score of 8 or more in the last week asks to see a clinician
    tuesday = THIS_MONDAY + timedelta(days=1)
    fill_store(store, routine, [DemoSession(at(tuesday, 8), pain_before=3, pain_after=8)])
    view.refresh()
    assert view.snapshot.guidance.clinician_reasons == ("severe-pain",)
    assert panel.red_flags.isVisible()
    assert SEE_CLINICIAN in panel.red_flags.text()
    assert panel.title.text() == view.snapshot.guidance.title


def test_refresh_after_a_session_adds_it_and_keeps_the_selection(qtbot, store, paths) -> None:
    ids = generated(store, weeks=4)
    view = make_view(qtbot, store, paths)
    view.select_session(ids[2])
    points = len(view.snapshot.pain)
    fill_store(store, demo_routine(), [DemoSession(NOW - timedelta(hours=1), pain_before=1)])
    view.refresh()
    assert len(view.snapshot.pain) == points + 1
    assert view.table.model().rowCount() == len(ids) + 1
    assert view.plots.selected == ids[2]
    assert view.table.selected_session() == ids[2]


def test_empty_history_shows_a_friendly_message(qtbot, store, paths) -> None:
    view = make_view(qtbot, store, paths)
    assert view.stack.currentWidget() is view.empty_label
    assert view.empty_label.isVisible()
    assert view.empty_label.text() == EMPTY_TEXT
    assert EMPTY_TEXT.startswith("No sessions yet: ")
    assert not view.export_button.isEnabled()
    assert not view.plots.isVisible()
    # the first session replaces the message with the plots
    fill_store(store, demo_routine(), [DemoSession(NOW - timedelta(hours=2), pain_after=2)])
    view.refresh()
    assert view.plots.isVisible()
    assert len(bar_data(view)[0]) == 1


def test_plots_follow_a_dark_palette(qtbot, store, paths) -> None:
    generated(store, weeks=2)
    view = make_view(qtbot, store, paths)
    light = view.plots.backgroundBrush().color()
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#16181a"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eceff1"))
    view.setPalette(palette)
    dark = view.plots.backgroundBrush().color()
    assert dark.name() == "#16181a" != light.name()
    assert view.plots.pain.getAxis("left").textPen().color().name() == "#eceff1"


def test_unknown_range_is_a_programming_error(qtbot, store, paths) -> None:
    view = make_view(qtbot, store, paths)
    with pytest.raises(ValueError, match="unknown range"):
        view.set_range("2 days")


def test_hover_maps_through_the_view_box(qtbot, store, paths) -> None:
    """A position a few pixels off a point still finds it; beyond the radius it does not."""
    generated(store)
    view = make_view(qtbot, store, paths)
    view.set_range("4 weeks")
    row = next(r for r in reversed(view.snapshot.pain) if r.before is not None)
    scene = view.plots.view_to_scene(row.x, row.before)
    near = view.plots.nearest_session(scene + QPointF(4, 3))
    assert near is not None and view.snapshot.pain[near].session_id == row.session_id
    assert view.plots.nearest_session(scene + QPointF(0, 400)) is None


def test_a_failing_store_is_reported_not_raised(qtbot, store, paths, monkeypatch) -> None:
    generated(store, weeks=3)
    view = make_view(qtbot, store, paths)
    rows = view.table.model().rowCount()

    def broken(**_: object) -> list[object]:
        raise StoreError(f"could not read the history in {paths.history_db}: disk I/O error")

    monkeypatch.setattr(store, "sessions", broken)
    view.refresh()
    assert view.notice.isVisible()
    assert str(paths.history_db) in view.notice.text()
    assert view.table.model().rowCount() == rows  # what was shown stays


def test_plots_follow_the_application_theme_switch(qtbot, store, paths) -> None:
    generated(store, weeks=2)
    app = QApplication.instance()
    manager = ThemeManager(app)
    try:
        manager.apply("light")
        view = make_view(qtbot, store, paths)
        light = view.plots.backgroundBrush().color().lightnessF()
        manager.apply("dark")
        qtbot.waitUntil(lambda: view.plots.backgroundBrush().color().lightnessF() < 0.5)
        assert light > 0.5
        assert view.plots._theme.dark
    finally:
        manager.apply("system")


def test_dense_ranges_drop_markers_but_keep_lines_and_hover(qtbot, store, paths) -> None:
    first = at(THIS_MONDAY - timedelta(days=320), 0)
    sessions = generate_sessions(
        random.Random(4), first_day=first, days=320, daily=True, skip_chance=0
    )
    bulk_fill(store, demo_routine(sessions_per_week=7), sessions)
    view = make_view(qtbot, store, paths)
    view.set_range("4 weeks")
    assert view.plots.markers_shown
    assert view.plots.after.opts["symbol"] == "t1"
    view.set_range("All")
    assert not view.plots.markers_shown
    assert view.plots.after.opts["symbol"] is None
    assert len(view.plots.after.getOriginalDataset()[0]) > 250  # the line still has every score
    row = view.snapshot.pain[100]
    y = next(v for v in (row.after, row.before, row.next_morning) if v is not None)
    text = view.plots.handle_hover(view.plots.view_to_scene(row.x, y))
    assert text is not None and format_moment(row.started_at) in text
    view.set_range("3 months")
    assert view.plots.markers_shown


def _luminance(image) -> float:
    """Mean relative luminance (WCAG) of an image's inside, its 3-pixel border left out."""
    total, count = 0.0, 0
    for x in range(3, image.width() - 3, 2):
        for y in range(3, image.height() - 3, 2):
            colour = image.pixelColor(x, y)
            channels = []
            for c in (colour.redF(), colour.greenF(), colour.blueF()):
                channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
            total += 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
            count += 1
    return total / count


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_chosen_range_stands_out_in_both_themes(qtbot, store, paths, theme) -> None:
    generated(store, weeks=30)
    manager = ThemeManager(QApplication.instance())
    try:
        manager.apply(theme)
        view = make_view(qtbot, store, paths)
        view.set_range("1 year")
        chosen = view.range_buttons["1 year"]
        others = [b for name, b in view.range_buttons.items() if name != "1 year"]
        assert chosen.isChecked() and not any(b.isChecked() for b in others)
        on = _luminance(chosen.grab().toImage())
        for button in others:
            off = _luminance(button.grab().toImage())
            contrast = (max(on, off) + 0.05) / (min(on, off) + 0.05)
            assert contrast >= 2.0, f"{theme}: chosen vs {button.text()!r}: {contrast:.2f}"
            assert button.height() == chosen.height()
    finally:
        manager.apply("system")


def test_range_buttons_follow_a_theme_switch(qtbot, store, paths) -> None:
    generated(store, weeks=3)
    manager = ThemeManager(QApplication.instance())
    try:
        manager.apply("light")
        view = make_view(qtbot, store, paths)
        chosen = view.range_buttons[view.current_range]
        light = _luminance(chosen.grab().toImage())
        manager.apply("dark")
        dark_accent = QApplication.instance().palette().color(QPalette.ColorRole.Highlight)
        qtbot.waitUntil(lambda: dark_accent.name() in chosen.styleSheet())
        other = next(b for b in view.range_buttons.values() if b is not chosen)
        on, off = _luminance(chosen.grab().toImage()), _luminance(other.grab().toImage())
        assert (on + 0.05) / (off + 0.05) >= 2.0 and on != light
    finally:
        manager.apply("system")
