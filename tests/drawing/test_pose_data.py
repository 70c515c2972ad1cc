"""The pose files (assets/poses/*.toml): strict checking, the solvers they name, lazy loading, and
the few numbers in them that were worked out once rather than named as a solver."""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from hiprehab import resources
from hiprehab.drawing import pose_data, poses
from hiprehab.drawing.body import ADULT, Pose, foot_offset, pose_body
from hiprehab.drawing.pose_data import PoseDataError, exercise_ids, load_illustration
from hiprehab.drawing.scene import Band, BandEnd, Mat, View
from hiprehab.drawing.vec import angle_between, sub

MINIMAL = """\
name = "Test lift"
view = { name = "side" }
props = [
    { kind = "mat", x0 = -1.0, x1 = 1.0 },
    { kind = "band", a = { joint = "knee_l" }, b = { joint = "knee_r", toward = "hip_r", \
along = 0.1 } },
]
highlights = [{ segment = "thigh_r", at = 0.4 }]

[common]
angles = { knee = 10, hip_flex_r = 5 }
targets = { ball_l = { floor = [0.1, -0.1] } }

[keys.start]
description = "standing"

[keys.end]
description = "the right knee lifted"
angles = { knee_r = 40, hip_flex_r = 50 }
"""


def _write(folder: Path, text: str, name: str = "test-lift") -> Path:
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _fault(tmp_path: Path, old: str, new: str) -> str:
    """The message of loading MINIMAL with `old` replaced by `new`; it names the file."""
    assert old in MINIMAL
    path = _write(tmp_path, MINIMAL.replace(old, new, 1))
    with pytest.raises(PoseDataError) as caught:
        load_illustration(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message
    return message


def test_a_minimal_file_loads(tmp_path: Path) -> None:
    ill = load_illustration(_write(tmp_path, MINIMAL))
    assert ill.id == "test-lift" and ill.name == "Test lift"
    assert ill.view == View(0.0, 0.0, "side")
    assert ill.props == (Mat(-1.0, 1.0), Band(BandEnd("knee_l"), BandEnd("knee_r", "hip_r", 0.1)))
    assert [name for name, _ in ill.keys] == ["start", "end"]
    start, end = (pose for _, pose in ill.keys)
    assert dict(start.angles) == {"knee_l": 10.0, "knee_r": 10.0, "hip_flex_r": 5.0}
    assert dict(end.angles) == {"knee_l": 10.0, "knee_r": 40.0, "hip_flex_r": 50.0}
    assert start.targets == {"ball_l": (0.1, 0.0, -0.1)}  # a ball on the floor is at height 0
    assert start.at == (0.0, 0.94, 0.0) and start.anchor == "pelvis" and not start.ground
    assert ill.descriptions["end"] == "the right knee lifted"


def test_a_one_sided_angle_wins_over_both_sides_whatever_the_order(tmp_path: Path) -> None:
    text = MINIMAL.replace("knee = 10, hip_flex_r = 5", "knee_l = 3, knee = 10")
    start = load_illustration(_write(tmp_path, text)).keys[0][1]
    assert start.angle("knee_l") == 3.0 and start.angle("knee_r") == 10.0


def test_floor_targets_rest_each_point_at_its_own_height(tmp_path: Path) -> None:
    text = MINIMAL.replace("ball_l = { floor = [0.1, -0.1] }",
                           "heel_l = { floor = [0.1, -0.1] }, hand_r = { floor = [0, 0.3] }")
    start = load_illustration(_write(tmp_path, text)).keys[0][1]
    assert start.targets["heel_l"] == (0.1, ADULT.heel_r, -0.1)
    assert start.targets["hand_r"] == (0.0, ADULT.hand_r, 0.3)


def test_targets_on_and_below_body_points_follow_the_pose(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "ball_l = { floor = [0.1, -0.1] }",
        'wrist_l = { on = "hip_l", offset = [0.05, 0.1, -0.1] }, '
        'ball_r = { below = "knee_r", offset = [0.1, 0.0] }',
    )
    for _, pose in load_illustration(_write(tmp_path, text)).keys:
        free = Pose(angles=pose.angles)  # the same body without its targets
        points = pose_body(free).points
        hip, knee = points["hip_l"], points["knee_r"]
        assert pose.targets["wrist_l"] == pytest.approx((hip[0] + 0.05, hip[1] + 0.1, hip[2] - 0.1))
        assert pose.targets["ball_r"] == pytest.approx((knee[0] + 0.1, 0.0, knee[2]))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a missing key
        ('name = "Test lift"\n', "", "name: missing"),
        ('description = "standing"', "", "keys.start.description: missing"),
        ("[keys.end]", "[keys.finish]", "keys.finish: unknown key pose; known: start, mid, end"),
        # a wrong type
        ("x0 = -1.0", 'x0 = "left"', "props[0].x0: must be a number, got a string"),
        ("knee = 10", "knee = true", "common.angles.knee: must be a number, got true/false"),
        ('description = "standing"', 'description = "standing"\nat = [0, 1]',
         "keys.start.at: must be a list of 3 numbers"),
        ('description = "standing"', 'description = "standing"\nground = "yes"',
         "keys.start.ground: must be true or false, got a string"),
        ("view = { name", "view = 3 # { name", "view: must be a table, got a number"),
        # an unknown joint, body point, limb or segment
        ("knee_r = 40", "kneee_r = 40",
         "keys.end.angles.kneee_r: unknown joint angle; known: yaw, pitch,"),
        ("ball_l = {", "nose_l = {",
         "common.targets.nose_l: unknown reach target; known: ankle_l,"),
        ('joint = "knee_l"', 'joint = "kneecap"', "props[1].a.joint: unknown body point 'kneecap'"),
        ('segment = "thigh_r"', 'segment = "thigh"', "highlights[0].segment: unknown segment"),
        ("[common]", "[common]\npoles = { leg = [1, 0, 0] }",
         "common.poles.leg: unknown limb; known: leg_l, leg_r, arm_l, arm_r"),
        ("floor = [0.1, -0.1]", 'on = "elbow", offset = [0, 0, 0]',
         "common.targets.ball_l.on: unknown body point 'elbow'"),
        # an unknown prop, or a prop field that does not exist
        ('kind = "mat"', 'kind = "trampoline"',
         "props[0].kind: unknown prop kind 'trampoline'; known: band, box, chair, mat,"),
        ("x1 = 1.0 }", "x1 = 1.0, colour = 1 }", "props[0].colour: unknown key"),
        (", x1 = 1.0 }", " }", "props[0].x1: missing"),
        # places that cannot be
        ("ball_l = { floor", "ankle_l = { floor", "ankle_l cannot rest on the floor"),
        ("floor = [0.1, -0.1]", "floor = [0.1, -0.1], on = \"hip_l\"", "give exactly one of"),
        ('description = "the right knee lifted"',
         'description = "the right knee lifted"\nanchor = "head"',
         "keys: all key poses of a movement must be placed the same way"),
        ("targets = { ball_l", "targets = { ankle_l = [0, 0, 0], ball_l",
         "keys.start: two reach targets on one limb"),
        ('description = "standing"', 'description = "standing"\nstacked_feet = 0.0\n'
         "targets = { ankle_r = [1, 0, 0] }", "stacked feet place the ankles"),
        ("[common]", "mid_at = 0.4\n[common]", "mid_at: there is no mid key pose"),
        ("[common]", 'mid_at = 1.5\n[keys.mid]\ndescription = "half way"\n[common]',
         "keys: key positions must rise from 0 to 1"),
        ('name = "Test lift"', 'name = "Test lift"\nname = "twice"', "is not valid TOML"),
    ],
)
def test_faults_name_the_file_and_the_key(tmp_path: Path, old: str, new: str,
                                          expected: str) -> None:
    assert expected in _fault(tmp_path, old, new)


def test_an_unreadable_or_broken_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PoseDataError, match=r"nowhere\.toml: cannot be read"):
        load_illustration(tmp_path / "nowhere.toml")
    path = tmp_path / "latin.toml"
    path.write_bytes(b'name = "caf\xe9"\n')
    with pytest.raises(PoseDataError, match=r"latin\.toml: is not UTF-8 text"):
        load_illustration(path)


def test_the_index_and_the_files_must_agree(tmp_path: Path) -> None:
    _write(tmp_path, MINIMAL)
    _write(tmp_path, 'exercises = ["test-lift"]\n', "index")
    assert exercise_ids(tmp_path) == ("test-lift",)
    for index, expected in [
        ('exercises = ["test-lift", "test-lift"]', "exercises: 'test-lift' is listed twice"),
        ('exercises = ["test-lift", "cartwheel"]', "'cartwheel' has no file cartwheel.toml"),
        ("exercises = []", "exercises: must be a non-empty list of strings"),
        ('order = ["test-lift"]', "order: unknown key"),
    ]:
        path = _write(tmp_path, index + "\n", "index")
        with pytest.raises(PoseDataError) as caught:
            exercise_ids(tmp_path)
        assert str(caught.value).startswith(f"{path}: ") and expected in str(caught.value)
    _write(tmp_path, 'exercises = ["test-lift"]\n', "index")
    _write(tmp_path, MINIMAL, "side-lift")
    with pytest.raises(PoseDataError, match="exercises: pose file.s. not listed: side-lift"):
        exercise_ids(tmp_path)


def test_the_shipped_files_are_found_through_resources() -> None:
    folder = resources.poses_dir()
    assert folder == resources.assets_dir() / "poses"
    assert exercise_ids(folder) == poses.EXERCISE_IDS
    assert {p.stem for p in folder.glob("*.toml")} == {*poses.EXERCISE_IDS, "index"}


def test_importing_poses_reads_no_exercise_file() -> None:
    code = (
        "from hiprehab.drawing import poses\n"
        "assert poses._load.cache_info().currsize == 0\n"
        "poses.pose_at('bridge', 0.5)\n"
        "assert poses._load.cache_info().currsize == 1\n"
        "poses.illustration('bridge')\n"
        "assert poses._load.cache_info().hits >= 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_module_sizes_stay_small() -> None:
    for module in (poses, pose_data):
        assert module.__file__ is not None
        assert len(Path(module.__file__).read_text(encoding="utf-8").splitlines()) < 400


# ------------------------------------------------ numbers worked out once, checked here


def _leg_bend(pose: Pose, side: str) -> float:
    pts = pose_body(pose).points
    hip, knee, ankle = pts[f"hip_{side}"], pts[f"knee_{side}"], pts[f"ankle_{side}"]
    return angle_between(sub(knee, hip), sub(ankle, knee))


def test_plank_toes_are_where_the_straight_legs_of_the_held_plank_end() -> None:
    """toe x in plank.toml: the right ankle 0.2 above the floor at the end of the straight leg
    (its full length less 1 mm) of the end pose, plus the foot's length to the toe."""
    end = poses.key_pose("plank", "end")
    hip = pose_body(end).points["hip_r"]
    reach = ADULT.thigh + ADULT.shin - 0.001
    ankle_x = hip[0] - math.sqrt(reach**2 - (hip[1] - 0.2) ** 2 - (hip[2] - 0.1) ** 2)
    toe = foot_offset(Pose(angles={"pitch": end.angle("pitch"), "ankle_r": end.angle("ankle_r")}),
                      "r", "toe")
    assert end.targets["toe_r"][0] == pytest.approx(ankle_x + toe[0], abs=1e-8)
    assert end.targets["toe_l"][0] == end.targets["toe_r"][0]
    assert _leg_bend(end, "r") < 10.0  # the knee solver lets the long leg give a little


def test_plank_start_tips_the_feet_just_enough_for_a_four_degree_bend() -> None:
    start = poses.key_pose("plank", "start")

    def bend(ankle: float) -> float:
        angles = {**start.angles, "ankle_l": ankle, "ankle_r": ankle}
        return abs(_leg_bend(Pose(**{**vars(start), "angles": angles}), "r") - 4.0)

    best = min(range(0, 80, 2), key=bend)
    assert start.angle("ankle_r") == start.angle("ankle_l") == best


@pytest.mark.parametrize(("key", "hip_flex_l"), [("start", 45.0), ("end", 100.0)])
def test_piriformis_ankle_rests_above_the_left_knee(key: str, hip_flex_l: float) -> None:
    """ankle_r in piriformis-stretch.toml: 0.09 above, 0.03 back and 0.02 out from the left knee
    of the lying body with that hip bent `hip_flex_l` and both knees 95 degrees."""
    pose = poses.key_pose("piriformis-stretch", key)
    angles = {n: pose.angle(n) for n in ("pitch", "neck_flex", "hip_rot_r", "hip_abd_r",
                                        "hip_flex_r")}
    bent = Pose(angles={**angles, "hip_flex_l": hip_flex_l, "knee_l": 95.0, "knee_r": 95.0},
                anchor="neck", at=(-0.5, 0.12, 0.0))
    knee = pose_body(bent).points["knee_l"]
    expected = (knee[0] - 0.03, knee[1] + 0.09, knee[2] + 0.02)
    assert pose.targets["ankle_r"] == pytest.approx(expected, abs=1e-7)


def _crossing(f: Callable[[float], float], lo: float, hi: float) -> float:
    """Where the rising `f` crosses zero, to a hundredth (how the side plank was worked out)."""
    assert f(lo) <= 0 <= f(hi)
    while hi - lo > 0.01:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) < 0 else (lo, mid)
    return round((lo + hi) / 2, 2)


def test_side_plank_tilt_and_bend_are_where_the_body_rests_on_the_floor() -> None:
    """side-plank.toml: at the end the pelvis is tilted (roll = -90 + tilt) until the feet of the
    straight legs rest on the floor with the forearm; at the start (tilt 10) the chest bends up at
    the waist until forearm and pelvis rest on the floor together. shoulder_abd_r keeps the upper
    arm upright: 90 - tilt - bend."""
    end, start = poses.key_pose("side-plank", "end"), poses.key_pose("side-plank", "start")

    def bent(pose: Pose, tilt: float, bend: float, feet: bool) -> Pose:
        angles = {**pose.angles, "roll": -90 + tilt, "waist_side": bend,
                  "shoulder_abd_r": 90 - tilt - bend}
        targets = {n: p for n, p in pose.targets.items() if feet or not n.startswith("ankle")}
        return Pose(**{**vars(pose), "angles": angles, "targets": targets})

    def lifted(tilt: float) -> float:
        bottoms = pose_body(bent(end, tilt, 0.0, feet=False)).bottoms()
        return bottoms["forearm_r"] - bottoms["foot_r"]

    def propped(bend: float) -> float:
        bottoms = pose_body(bent(start, 10.0, bend, feet=True)).bottoms()
        return min(bottoms["forearm_r"], bottoms["hand_r"]) - bottoms["pelvis"]

    tilt = _crossing(lifted, 5.0, 35.0)
    assert (end.angle("roll"), end.angle("shoulder_abd_r")) == (-90 + tilt, 90 - tilt)
    bend = _crossing(propped, 0.0, 70.0)
    assert start.angle("roll") == -80.0
    assert (start.angle("waist_side"), start.angle("shoulder_abd_r")) == (bend, 80.0 - bend)
