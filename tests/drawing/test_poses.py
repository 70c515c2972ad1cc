"""Pose data, the movement between key poses, and the generated illustration files (no Qt)."""

from __future__ import annotations

import math
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiprehab.drawing import figure, poses
from hiprehab.drawing.body import ADULT, Pose, pose_body
from hiprehab.drawing.motion import blend, check_keys
from hiprehab.drawing.propdraw import prop_points
from hiprehab.drawing.scene import Band, Box
from hiprehab.drawing.svgdoc import element, num
from hiprehab.drawing.vec import angle_between, sub

LIBRARY_IDS = (
    "lateral-band-walk", "monster-walk", "clamshell", "bridge", "hamstring-stretch",
    "butterfly-stretch", "plank", "side-plank", "leg-swing", "hip-flexor-stretch",
    "piriformis-stretch", "single-leg-squat", "dead-bug", "bird-dog", "calf-raise", "step-up",
    "lateral-lunge", "foam-roll",
)
SAMPLES = [i / 8 for i in range(9)]
ALL_IDS = pytest.mark.parametrize("exercise_id", poses.EXERCISE_IDS)


def _points(pose: Pose) -> dict[str, tuple[float, float, float]]:
    return dict(pose_body(pose).points)


# ---------------------------------------------------------------- the catalogue


def test_every_library_exercise_has_poses() -> None:
    assert sorted(poses.EXERCISE_IDS) == sorted(LIBRARY_IDS)
    assert len(set(poses.EXERCISE_IDS)) == 18


def test_library_files_name_known_illustrations(repo_root: Path) -> None:
    """Each exercise file in routines/library refers to an illustration that exists here."""
    folder = repo_root / "routines" / "library"
    files = sorted(folder.glob("*.toml"))
    if not files:
        pytest.skip("the exercise library is not in this checkout")
    for path in files:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError:
            continue  # the library's own tests report broken files
        name = data.get("illustration", data.get("id", path.stem))
        assert name in poses.EXERCISE_IDS, f"{path.name}: no poses for illustration {name!r}"


@ALL_IDS
def test_key_pose_names(exercise_id: str) -> None:
    names = poses.key_pose_names(exercise_id)
    assert names in (("start", "end"), ("start", "mid", "end"))
    ill = poses.illustration(exercise_id)
    assert set(ill.descriptions) == set(names)
    assert all(len(ill.descriptions[n]) > 20 for n in names)


def test_unknown_exercise_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no illustration for exercise 'cartwheel'"):
        poses.pose_at("cartwheel", 0.5)
    with pytest.raises(ValueError, match="has no key pose 'middle'"):
        poses.key_pose("bridge", "middle")


# ---------------------------------------------------------------- movement


@ALL_IDS
def test_pose_at_the_ends_is_the_key_pose(exercise_id: str) -> None:
    assert poses.pose_at(exercise_id, 0.0) == poses.key_pose(exercise_id, "start")
    assert poses.pose_at(exercise_id, 1.0) == poses.key_pose(exercise_id, "end")
    if "mid" in poses.key_pose_names(exercise_id):
        at = poses.key_position(exercise_id, "mid")
        assert poses.pose_at(exercise_id, at) == poses.key_pose(exercise_id, "mid")


def test_positions_outside_the_movement_are_clamped() -> None:
    assert poses.pose_at("bridge", -0.5) == poses.key_pose("bridge", "start")
    assert poses.pose_at("bridge", 7.0) == poses.key_pose("bridge", "end")
    assert figure.render_svg("bridge", 7.0) == figure.render_svg("bridge", 1.0)
    with pytest.raises(ValueError, match="finite"):
        figure.render_svg("bridge", float("nan"))


@ALL_IDS
def test_in_between_differs_from_both_ends(exercise_id: str) -> None:
    start = _points(poses.pose_at(exercise_id, 0.0))
    half = _points(poses.pose_at(exercise_id, 0.5))
    end = _points(poses.pose_at(exercise_id, 1.0))

    def moved(a: dict[str, tuple[float, float, float]], b: dict[str, tuple[float, float, float]]
              ) -> float:
        return max(math.dist(a[k], b[k]) for k in a)

    assert moved(start, end) > 0.05, "start and end poses are (almost) the same"
    assert moved(start, half) > 0.01
    assert moved(half, end) > 0.01


@settings(max_examples=40)
@given(
    exercise_id=st.sampled_from(poses.EXERCISE_IDS),
    position=st.floats(min_value=0.0, max_value=0.99),
)
def test_movement_is_smooth(exercise_id: str, position: float) -> None:
    """A 1% step along the movement never makes any body point jump."""
    a = _points(poses.pose_at(exercise_id, position))
    b = _points(poses.pose_at(exercise_id, position + 0.01))
    assert max(math.dist(a[k], b[k]) for k in a) < 0.05


@ALL_IDS
def test_blended_angles_never_overshoot_the_key_poses(exercise_id: str) -> None:
    keys = [poses.key_pose(exercise_id, n) for n in poses.key_pose_names(exercise_id)]
    names = {n for k in keys for n in k.angles}
    for t in SAMPLES:
        pose = poses.pose_at(exercise_id, t)
        for name in names:
            values = [k.angle(name) for k in keys]
            assert min(values) - 1e-9 <= pose.angle(name) <= max(values) + 1e-9, name


def test_blend_rejects_keys_that_cannot_be_blended() -> None:
    a = Pose(anchor="pelvis")
    b = Pose(anchor="neck")
    with pytest.raises(ValueError, match="placed the same way"):
        check_keys([(0.0, a), (1.0, b)])
    with pytest.raises(ValueError, match="rise from 0 to 1"):
        check_keys([(0.0, a), (0.0, a)])
    with pytest.raises(ValueError, match="unknown joint angle"):
        Pose(angles={"elbow_middle": 3.0})
    mid = blend([(0.0, Pose(angles={"knee_r": 0.0})), (1.0, Pose(angles={"knee_r": 90.0}))], 0.5)
    assert mid.angle("knee_r") == pytest.approx(45.0)


# ---------------------------------------------------------------- believable bodies


@ALL_IDS
def test_bodies_rest_on_the_floor_and_reach_their_targets(exercise_id: str) -> None:
    """Nothing sinks into the floor, nothing floats, and planted hands and feet stay planted."""
    ill = poses.illustration(exercise_id)
    box_top = max((p.height for p in ill.props if isinstance(p, Box)), default=None)
    for t in SAMPLES:
        body = pose_body(poses.pose_at(exercise_id, t))
        assert body.reach_error < 0.01, f"t={t}: a hand or foot misses its target"
        bottoms = body.bottoms()
        lowest = min(bottoms.values())
        assert lowest > -0.012, f"t={t}: {lowest:.3f} m below the floor"
        supports = [0.0] if box_top is None else [0.0, box_top]
        touching = [n for n, b in bottoms.items() if any(abs(b - s) < 0.012 for s in supports)]
        assert touching, f"t={t}: the body floats, its lowest point {lowest:.3f} m up"


@ALL_IDS
def test_limbs_keep_their_length(exercise_id: str) -> None:
    for t in (0.0, 0.37, 1.0):
        p = pose_body(poses.pose_at(exercise_id, t)).points
        for s in ("l", "r"):
            assert math.dist(p[f"hip_{s}"], p[f"knee_{s}"]) == pytest.approx(ADULT.thigh)
            assert math.dist(p[f"knee_{s}"], p[f"ankle_{s}"]) == pytest.approx(ADULT.shin)
            assert math.dist(p[f"shoulder_{s}"], p[f"elbow_{s}"]) == pytest.approx(ADULT.upper_arm)
            assert math.dist(p[f"elbow_{s}"], p[f"wrist_{s}"]) == pytest.approx(ADULT.forearm)


def test_standing_body_is_an_adult_height() -> None:
    body = pose_body(Pose())
    top = max(seg.b[1] + max(seg.rb) for seg in body.segments if seg.name == "head")
    assert 1.7 < top - body.lowest() < 1.85


# ---------------------------------------------------------------- what the instructions ask for


def _bend(p: dict[str, tuple[float, float, float]], a: str, b: str, c: str) -> float:
    """How far the line a-b-c bends at b, in degrees (0 = straight on)."""
    return angle_between(sub(p[b], p[a]), sub(p[c], p[b]))


def _middle(a: tuple[float, float, float], b: tuple[float, float, float]
            ) -> tuple[float, float, float]:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)


def test_side_plank_props_on_a_flat_forearm_under_the_shoulder() -> None:
    """Elbow under the shoulder and the forearm flat on the floor all through the movement,
    shown at most of its length (pointing at the viewer it read as a straight arm); the hips
    rest on the floor at the start and the body is one straight line at the end."""
    camera = figure.camera_for("side-plank")
    for t in SAMPLES:
        body = pose_body(poses.pose_at("side-plank", t))
        p = body.points
        shoulder, elbow, wrist = p["shoulder_r"], p["elbow_r"], p["wrist_r"]
        assert math.hypot(shoulder[0] - elbow[0], shoulder[2] - elbow[2]) < 0.02, t
        assert body.bottoms()["forearm_r"] < 0.01 and abs(wrist[1] - elbow[1]) < 0.01, t
        seen = math.dist(camera.screen(elbow), camera.screen(wrist))
        assert seen > 0.7 * ADULT.forearm * 100, f"t={t}: the forearm is foreshortened"
    start = pose_body(poses.pose_at("side-plank", 0.0))
    assert start.bottoms()["pelvis"] < 0.005
    end = pose_body(poses.pose_at("side-plank", 1.0))
    p = dict(end.points)
    p["feet"] = _middle(p["ankle_l"], p["ankle_r"])
    assert _bend(p, "neck", "pelvis", "feet") < 5
    assert end.bottoms()["pelvis"] > 0.12


def test_clamshell_opens_the_top_knee_with_the_heels_together() -> None:
    """Hips bent about 45 degrees and knees about 90; the heels stay together while the top
    knee lifts well clear of the lower one and stretches the band, and on the picture the top
    knee rises while the lower one stays put."""
    ill = poses.illustration("clamshell")
    band = next(prop for prop in ill.props if isinstance(prop, Band))
    camera = figure.camera_for("clamshell")
    start, end = (pose_body(poses.pose_at("clamshell", t)) for t in (0.0, 1.0))
    for body in (start, end):
        p = dict(body.points)
        for s in ("l", "r"):
            assert 40 < angle_between(sub(p["pelvis"], p["neck"]),
                                      sub(p[f"knee_{s}"], p[f"hip_{s}"])) < 50, s
            assert 80 < _bend(p, f"hip_{s}", f"knee_{s}", f"ankle_{s}") < 100, s
        assert math.dist(p["heel_l"], p["heel_r"]) < 0.13
    knees = [math.dist(b.points["knee_l"], b.points["knee_r"]) for b in (start, end)]
    assert knees[1] > 2.5 * knees[0]
    stretch = [math.dist(*prop_points(band, b)) for b in (start, end)]
    assert stretch[1] > 2 * stretch[0]
    rise = camera.screen(start.points["knee_r"])[1] - camera.screen(end.points["knee_r"])[1]
    assert rise > 15  # centimetres up the picture
    assert math.dist(camera.screen(start.points["knee_l"]),
                     camera.screen(end.points["knee_l"])) < 1


def test_band_walks_are_seen_from_the_front() -> None:
    """The lateral band walk is a true front view. The monster walk is a level front
    three-quarter view, turned 25-35 degrees so that the forward and the outward part of the
    right foot's diagonal step both carry it the same way across the picture: the stance
    widens on the picture while the knees stay bent in a slight squat."""
    front = -90.0  # the view yaw that looks a figure facing +x in the face
    lateral = poses.illustration("lateral-band-walk").view
    assert (lateral.yaw, lateral.elevation) == (front, 0.0)
    view = poses.illustration("monster-walk").view
    assert 25 <= abs(view.yaw - front) <= 35 and view.elevation == 0
    camera = figure.camera_for("monster-walk")
    origin = camera.screen((0.0, 0.0, 0.0))[0]
    forward = camera.screen((1.0, 0.0, 0.0))[0] - origin
    outward = camera.screen((0.0, 0.0, 1.0))[0] - origin  # the figure's right
    assert forward * outward > 0 and abs(forward) > 0.4 * abs(outward)
    start, end = (pose_body(poses.pose_at("monster-walk", t)).points for t in (0.0, 1.0))
    step = sub(end["ball_r"], start["ball_r"])
    assert step[0] > 0.3 and step[2] > 0.15  # forward and out on a diagonal
    assert end["ball_l"] == pytest.approx(start["ball_l"])

    def stance(p: dict[str, tuple[float, float, float]]) -> float:
        return abs(camera.screen(p["ankle_l"])[0] - camera.screen(p["ankle_r"])[0])

    assert stance(dict(end)) > 2.5 * stance(dict(start))
    for p in (dict(start), dict(end)):
        for s in ("l", "r"):
            assert 30 < _bend(p, f"hip_{s}", f"knee_{s}", f"ankle_{s}") < 65, s


# ---------------------------------------------------------------- SVG output


def test_numbers_are_written_the_same_way_every_time() -> None:
    assert [num(v) for v in (12.5, 3.0, -0.0, -0.004, 2.345, 1e-9)] == [
        "12.5", "3", "0", "0", "2.35", "0"
    ]
    assert element("g", {"b": "2", "a": 1.5}) == '<g a="1.5" b="2"/>'


@ALL_IDS
def test_render_svg_is_deterministic_and_well_formed(exercise_id: str) -> None:
    svg = figure.render_svg(exercise_id, 0.3)
    assert svg == figure.render_svg(exercise_id, 0.3)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.get("viewBox")
    assert "moving" in (root.findtext(f"{ns}title") or "")
    assert "moving from the start position" in (root.findtext(f"{ns}desc") or "")


def test_render_options() -> None:
    plain = figure.render_svg("clamshell", 1.0, highlight=False)
    assert "url(#glow)" in figure.render_svg("clamshell", 1.0)
    assert "url(#glow)" not in plain
    named = figure.render_svg("clamshell", 1.0, title="Clams with a band")
    assert "<title>Clams with a band</title>" in named
    mirrored = figure.render_svg("clamshell", 1.0, mirrored=True)
    width = figure.frame_for("clamshell").width
    assert f"matrix(-1 0 0 1 {num(width)} 0)" in mirrored  # flipped about the frame's centre
    assert "lying on the right side" in mirrored  # the words follow the picture
    assert "lying on the left side" in figure.render_svg("clamshell", 1.0)


# ---------------------------------------------------------------- each exercise's frame


@ALL_IDS
def test_frame_holds_the_whole_movement_and_little_else(exercise_id: str) -> None:
    """Everything drawn, at any point of the movement, lies inside the exercise's frame; the
    frame is no bigger than the drawing over the movement plus its margin. A mirrored picture
    flips about the frame's centre line, so it fits as well."""
    ill = poses.illustration(exercise_id)
    frame = figure.frame_for(exercise_id)
    assert figure.frame_for(exercise_id) is frame  # computed once per exercise
    boxes = [
        figure.drawn_bounds(ill, pose_body(poses.pose_at(exercise_id, i / 40)), frame.camera)
        for i in range(41)  # much finer than the positions the frame was fitted to
    ]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    inside = figure.FRAME_MARGIN - 1
    assert x0 >= inside and y0 >= inside, (x0, y0)
    assert x1 <= frame.width - inside and y1 <= frame.height - inside, (x1, y1, frame)
    loose = figure.FRAME_MARGIN + 1  # the margin, rounded out to whole centimetres
    assert x0 <= loose and y0 <= loose, (x0, y0)
    assert x1 >= frame.width - loose and y1 >= frame.height - loose, (x1, y1, frame)


@ALL_IDS
def test_svg_uses_the_frame_and_keeps_the_floor_line(exercise_id: str) -> None:
    frame = figure.frame_for(exercise_id)
    for mirrored in (False, True):
        root = ET.fromstring(figure.render_svg(exercise_id, 0.5, mirrored=mirrored))
        assert root.get("viewBox") == f"0 0 {num(frame.width)} {num(frame.height)}"
        width, height = float(root.get("width", "0")), float(root.get("height", "0"))
        assert width / height == pytest.approx(frame.width / frame.height, rel=0.02)
        floors = [e for e in root.iter() if e.get("id") == "floor"]
        if poses.illustration(exercise_id).view.elevation != 0:
            assert not floors  # seen from above, the mat shows the floor
            continue
        assert len(floors) == 1
        start, across = floors[0].get("d", "").split("H")
        floor_y = float(start.split()[1])
        assert start.startswith("M0 ") and float(across) == frame.width  # across the frame
        assert floor_y == pytest.approx(frame.camera.floor_y, abs=0.01)
        assert 0 < floor_y < frame.height - 0.6, "the floor line must stay in the picture"


def test_lying_exercises_get_a_wide_frame_and_standing_ones_a_tall_one() -> None:
    for lying in ("clamshell", "bridge", "plank", "dead-bug", "bird-dog", "side-plank"):
        frame = figure.frame_for(lying)
        assert frame.width > 2 * frame.height, lying
        assert frame.height < 100, lying  # no empty room above a figure lying down
    for standing in ("lateral-band-walk", "monster-walk", "calf-raise", "step-up"):
        frame = figure.frame_for(standing)
        assert frame.height > frame.width, standing
        assert frame.height < 215, standing  # a 1.77 m adult (on a step) and a margin


# ---------------------------------------------------------------- the committed files


def test_regenerating_gives_the_committed_files(repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "illustrations"
    result = subprocess.run(
        [sys.executable, str(repo_root / "scripts" / "make_illustrations.py"), "--out", str(out),
         "--no-sheet"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    committed = repo_root / "assets" / "illustrations"
    made = sorted(p.name for p in out.glob("*.svg"))
    assert made == sorted(p.name for p in committed.glob("*.svg"))
    for name in made:
        assert (out / name).read_bytes() == (committed / name).read_bytes(), name
    expected = {f"{i}-{n}.svg" for i in poses.EXERCISE_IDS for n in poses.key_pose_names(i)}
    assert set(made) == expected


def test_generator_leaves_unchanged_files_alone_and_removes_stale_ones(tmp_path: Path,
                                                                      repo_root: Path) -> None:
    sys.path.insert(0, str(repo_root / "scripts"))
    try:
        import make_illustrations
    finally:
        sys.path.remove(str(repo_root / "scripts"))
    stale = tmp_path / "cartwheel-start.svg"
    stale.write_text("<svg/>")
    keep = tmp_path / "notes.svg"
    keep.write_text("<svg/>")
    first = make_illustrations.write_svgs(tmp_path)
    assert len(first) == len(make_illustrations.svg_files())
    assert not stale.exists() and keep.exists()
    assert make_illustrations.write_svgs(tmp_path) == []


def test_generator_names_an_unwritable_folder(tmp_path: Path, repo_root: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = subprocess.run(
        [sys.executable, str(repo_root / "scripts" / "make_illustrations.py"),
         "--out", str(blocker / "illustrations"), "--no-sheet"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0
    assert str(blocker / "illustrations") in result.stderr
