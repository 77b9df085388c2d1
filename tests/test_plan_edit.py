"""Next year's plan drafted in the tool, targets set, a plan adopted; growth scenarios; the day a
figure was reported; a folder of the previous version read unchanged."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from laichau_targets.cli import EXIT_ERROR

from .conftest import REPO, Targets, snapshot

TODAY = {"LAICHAU_TARGETS_TODAY": "2026-12-07"}
GRDP_2021_2025 = ("7.42", "7.42", "-2.77", "9.0", "7.52")


@pytest.fixture
def office(targets: Targets, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder made by init in December 2026, with the GRDP growth of 2021-2025 recorded."""
    folder = tmp_path / "office"
    assert targets("init", str(folder)).exit_code == 0
    monkeypatch.setenv("LAICHAU_TARGETS_DATA", str(folder))
    monkeypatch.setenv("LAICHAU_TARGETS_TODAY", "2026-12-07")
    for year, value in enumerate(GRDP_2021_2025, 2021):
        assert targets("record", "GRDP", value, "--period", str(year), "--official").exit_code == 0
    return folder


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def test_plan_new_drafts_next_years_plan_with_the_pace_as_proposal(targets, office: Path) -> None:
    entry_before = (office / "targets.toml").read_text(encoding="utf-8")
    result = targets("plan", "new", "2027")
    assert result.exit_code == 0, result.stderr
    path = office / "plans" / "2027.toml"
    assert result.stdout == (
        f"Drafted plan 2027 (dự kiến) in {path}: 3 indicators of the 2026 plan, no targets yet.\n"
        "Proposed, at the pace the term plan still needs: GRDP 12.48%.\n"
        "Set its targets with: targets target set CODE VALUE --plan 2027\n"
    )
    assert result.stderr == ""
    drafted = tomllib.loads(path.read_text(encoding="utf-8"))
    assert drafted["plan"]["status"] == "draft" and drafted["plan"]["year"] == 2027
    assert [(t["code"], t.get("target"), t.get("proposal")) for t in drafted["indicator"]] == [
        ("GRDP", None, 12.48),
        ("BUDGET", None, None),
        ("POOR", None, None),
    ]
    entry_after = (office / "targets.toml").read_text(encoding="utf-8")
    assert comments(entry_after) == comments(entry_before)  # every comment of the entry point kept
    assert tomllib.loads(entry_after)["folder"]["plan_files"][-1] == "plans/2027.toml"
    changed = [
        (a, b) for a, b in zip(entry_before.splitlines(), entry_after.splitlines(), strict=True) if a != b
    ]
    assert [a.split("=")[0] for a, _ in changed] == ["plan_files "]  # only that line changed


def test_a_draft_is_shown_as_such_in_plans_show_and_the_reports(targets, office: Path) -> None:
    assert targets("plan", "new", "2027").exit_code == 0
    listed = targets("plans").stdout.splitlines()
    row = next(line for line in listed if line.startswith("2027"))
    assert row.split()[:5] == ["2027", "annual", "draft", "0", "of"]
    assert "2027 (draft) proposes, with no target yet: GRDP 12.48%" in listed
    shown = targets("--plan", "2027", "show").stdout
    assert "proposed 12.48%" in shown.splitlines()[1] and shown.splitlines()[1].endswith("No target yet")
    assert "A draft (dự kiến): its targets are proposed, not adopted." in " ".join(shown.split())
    report = json.loads(targets("--plan", "2027", "report", "--format", "json").stdout)
    assert (report["plan"]["status"], report["plan"]["adopted_by"]) == ("draft", None)
    grdp = report["indicators"][0]
    assert (grdp["target"], grdp["proposal"], grdp["status"]) == (None, 12.48, "no_target")
    assert report["summary"]["no_target"] == 3
    review = targets("--lang", "vi", "--plan", "2027", "report", "--format", "md").stdout
    assert "chưa có chỉ tiêu (đề xuất: 12,48%)" in review
    assert "Kế hoạch dự kiến: các chỉ tiêu là đề xuất, chưa được thông qua." in review


def test_target_set_and_plan_adopt_round_trip_keeping_every_comment(targets, office: Path) -> None:
    assert targets("plan", "new", "2027").exit_code == 0
    path = office / "plans" / "2027.toml"
    before = path.read_text(encoding="utf-8")
    done = targets("target", "set", "GRDP", "10,5", "--plan", "2027", "--lang", "vi")
    assert (done.exit_code, done.stdout) == (0, "GRDP trong kế hoạch 2027: tối thiểu 10,5%.\n")
    assert targets("target", "set", "BUDGET", "3000", "--plan", "2027").stdout == (
        "BUDGET in plan 2027: at least 3,000 billion VND.\n"
    )
    ranged = targets("target", "set", "POOR", "3-4", "--plan", "2027")
    assert ranged.stdout == "POOR in plan 2027: 3–4%.\n"
    adopted = targets("plan", "adopt", "2027", "--adopted-by", "Nghị quyết số 12/NQ-HĐND ngày 10/12/2026")
    assert adopted.stdout == f"Plan 2027 adopted by Nghị quyết số 12/NQ-HĐND ngày 10/12/2026 ({path}).\n"
    after = path.read_text(encoding="utf-8")
    assert comments(after) == comments(before)
    plan = tomllib.loads(after)
    assert (plan["plan"]["status"], plan["plan"]["adopted_by"]) == (
        "adopted",
        "Nghị quyết số 12/NQ-HĐND ngày 10/12/2026",
    )
    assert [(t["code"], t.get("target"), t["comparison"]) for t in plan["indicator"]] == [
        ("GRDP", 10.5, "at_least"),
        ("BUDGET", 3000, "at_least"),
        ("POOR", [3, 4], "range"),
    ]
    report = json.loads(targets("--plan", "2027", "report", "--format", "json").stdout)
    assert report["plan"]["adopted_by"] == "Nghị quyết số 12/NQ-HĐND ngày 10/12/2026"
    assert [row["status"] for row in report["indicators"]] == ["no_data"] * 3
    again = targets("plan", "adopt", "2027", "--adopted-by", "x")
    assert (again.exit_code, again.stderr) == (
        EXIT_ERROR,
        "Error: plan 2027 is adopted already (by Nghị quyết số 12/NQ-HĐND ngày 10/12/2026)\n",
    )


def test_target_set_keeps_the_comments_of_a_bundled_plan(targets, office: Path) -> None:
    path = office / "plans" / "2026.toml"
    before = path.read_text(encoding="utf-8")
    amendment = "Nghị quyết số 05/NQ-HĐND ngày 20/02/2026"
    assert targets("target", "set", "GRDP", "10.5", "--plan", "2026", "--source", amendment).exit_code == 0
    after = path.read_text(encoding="utf-8")
    assert comments(after) == comments(before) and len(comments(before)) >= 5
    changed = [a for a in before.splitlines() if a not in after.splitlines()]
    assert "target = 10" in changed and "target = 10.5" in after.splitlines()
    assert f'source = "{amendment}"' in after.splitlines()  # the old target's sentence replaced


def test_an_adopted_plans_target_changes_only_with_the_amendment_named(targets, office: Path) -> None:
    """A tryout changed the 2026 target to 9 and left the source saying 10 %."""
    path = office / "plans" / "2026.toml"
    before = path.read_bytes()
    refused = targets("target", "set", "GRDP", "9", "--plan", "2026")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "Error: plan 2026 is adopted: changing a target amends it; name the amending resolution with "
        '--source, e.g. --source "Nghị quyết số 05/NQ-HĐND ngày 20/02/2025"\n',
    )
    assert path.read_bytes() == before
    # A checkpoint's growth scenario is no amendment of the plan: it needs no --source.
    assert targets("target", "set", "GRDP", "6.5", "--plan", "2026", "--period", "2026-Q1").exit_code == 0


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("target", "set", "NOPE", "5", "--plan", "2026"), "Error: unknown indicator 'NOPE'"),
        (("target", "set", "GRDP", "ten", "--plan", "2026"), "Error: 'ten' is not a number"),
        (
            ("target", "set", "GRDP", "9-11", "--plan", "2026", "--comparison", "at_least"),
            "Error: 9-11: a range target is written 9-11 and goes with --comparison range",
        ),
        (("target", "set", "GRDP", "11-9", "--plan", "2026"), "Error: 11-9: the range's low end comes first"),
        (
            ("target", "set", "GRDP", "8", "--plan", "2026", "--period", "2027-H1"),
            "Error: --period 2027-H1 is not within plan 2026",
        ),
        (
            ("target", "set", "GRDP", "8", "--plan", "2026", "--rule", "level_by_end"),
            "Error: plan 2026 is a year's plan: --rule is for a term plan's target",
        ),
        (
            ("target", "set", "JOBS", "9000", "--plan", "2021-2030"),
            "Error: JOBS in a term plan needs a rule: --rule, one of",
        ),
        # An adopted plan that names no resolution needs each target's source: the reader refuses.
        (("target", "set", "JOBS", "9000", "--plan", "2026"), "Error: "),
        (("plan", "new", "2026"), "Error: the folder has a plan 2026 already"),
        (("plan", "new", "2026-2030"), "Error: '2026-2030': a term's years go with --term"),
        (("plan", "new", "27"), "Error: '27' is not a plan's name"),
        (("plan", "adopt", "2026", "--adopted-by", "NQ"), "Error: plan 2026 is adopted already"),
    ],
)
def test_a_refused_edit_leaves_every_file_byte_for_byte(
    targets, office: Path, args: tuple[str, ...], error: str
) -> None:
    before = snapshot(office)
    result = targets(*args)
    assert result.exit_code == EXIT_ERROR
    assert result.stdout == ""
    assert result.stderr.startswith(error), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(office) == before


def test_a_term_plan_is_drafted_from_the_term_before(targets, office: Path) -> None:
    result = targets("plan", "new", "2026-2030", "--term")
    assert result.exit_code == 0, result.stderr
    drafted = tomllib.loads((office / "plans" / "2026-2030.toml").read_text(encoding="utf-8"))
    assert drafted["plan"]["term"] == [2026, 2030]
    assert len(drafted["indicator"]) == 22 and all("term_rule" in t for t in drafted["indicator"])
    assert not any("target" in t for t in drafted["indicator"])  # none published: none invented
    set_ = targets("target", "set", "GRDP", "9-11", "--plan", "2026-2030")
    assert set_.stdout == "GRDP in plan 2026-2030: 9–11% a year on average.\n"


# ------------------------------------------------------------------ growth scenarios


def test_a_checkpoint_is_judged_against_its_scenario_in_both_languages(targets, office: Path) -> None:
    assert targets("target", "set", "GRDP", "8.0", "--plan", "2026", "--period", "2026-H1").exit_code == 0
    assert targets(
        "target", "set", "GRDP", "6,5", "--plan", "2026", "--period", "Quý I/2026", "--lang", "vi"
    ).stdout == ("GRDP trong kế hoạch 2026: kịch bản quý I/2026, 6,5%.\n")
    above = targets("--lang", "vi", "record", "GRDP", "6,9", "--period", "2026-Q1")
    assert above.stdout.splitlines()[1] == (
        "GRDP: hiện vượt so với kịch bản (cao hơn mục tiêu 0,4 điểm %; mục tiêu là 6,5% theo kịch bản "
        "tăng trưởng)"
    )
    below = targets("record", "GRDP", "7.6", "--period", "2026-H1")
    assert below.stdout.splitlines()[1] == (
        "GRDP: now at risk vs scenario (0.4 points below target; the target is the growth scenario's 8%)"
    )
    report = json.loads(targets("--plan", "2026", "report", "--format", "json").stdout)
    grdp = report["indicators"][0]
    assert (grdp["period"], grdp["scenario_target"], grdp["status"], grdp["gap"]) == (
        "2026-H1",
        8,
        "at_risk",
        0.4,
    )
    assert grdp["scenario"] == {"2026-Q1": 6.5, "2026-H1": 8}
    review = targets("--lang", "vi", "--plan", "2026", "report", "--format", "md").stdout
    header = next(line for line in review.splitlines() if line.startswith("| Mã"))
    assert "| Kịch bản |" in header
    row = next(line for line in review.splitlines() if line.startswith("| GRDP"))
    assert "| tối thiểu 10% | 8% | 7,6% (6 tháng/2026, ước) |" in row and row.endswith("so với kịch bản |")


def test_a_checkpoint_without_a_scenario_is_judged_by_the_pace_rules(targets, office: Path) -> None:
    assert targets("target", "set", "GRDP", "8.0", "--plan", "2026", "--period", "2026-H1").exit_code == 0
    result = targets("record", "GRDP", "9.9", "--period", "2026-09")
    assert result.stdout.splitlines()[1] == "GRDP: now at risk (0.1 points below target)"
    grdp = json.loads(targets("--plan", "2026", "report", "--format", "json").stdout)["indicators"][0]
    assert grdp["scenario_target"] is None


# ------------------------------------------------------------------ the day a figure was reported


def test_the_day_a_figure_was_reported_is_kept_apart_from_when_it_was_typed(targets, office: Path) -> None:
    assert (
        targets("record", "BUDGET", "2500", "--period", "2026-11", "--reported-on", "20/11/2026").exit_code
        == 0
    )
    history = targets("history", "BUDGET").stdout
    assert "reported 2026-11-20" in history
    rows = json.loads(targets("history", "BUDGET", "--format", "json").stdout)
    assert rows[-1]["reported_on"] == "2026-11-20"
    budget = json.loads(targets("--plan", "2026", "report", "--format", "json").stdout)["indicators"][1]
    assert budget["reported_on"] == "2026-11-20"
    review = targets("--plan", "2026", "report", "--format", "md").stdout
    assert "(reported 2026-11-20)" in review


@pytest.mark.parametrize(
    ("day", "error"),
    [
        ("2027-01-01", "Error: '2027-01-01' is after today (2026-12-07)"),
        ("31/02/2026", "Error: '31/02/2026' is not a day"),
        ("yesterday", "Error: 'yesterday' is not a day"),
    ],
)
def test_a_reported_day_that_is_no_day_or_to_come_is_refused(
    targets, office: Path, day: str, error: str
) -> None:
    before = snapshot(office)
    result = targets("record", "BUDGET", "2500", "--period", "2026-11", "--reported-on", day)
    assert (result.exit_code, result.stdout) == (EXIT_ERROR, "")
    assert result.stderr.startswith(error)
    assert snapshot(office) == before


# ------------------------------------------------------------------ the previous version's folder


def test_a_folder_of_the_previous_version_loads_unchanged(targets, tmp_path: Path) -> None:
    old = REPO / "tests" / "fixtures" / "v0.2"
    folder = tmp_path / "old"
    shutil.copytree(old / "folder", folder)
    shutil.copy(old / "records.jsonl", folder / "records.jsonl")
    before = snapshot(folder)
    env = {"LAICHAU_TARGETS_DATA": str(folder), **TODAY}
    assert targets("validate", str(folder / "targets.toml")).exit_code == 0
    report = json.loads(targets("report", "--format", "json", env=env).stdout)
    assert (report["plan"]["name"], report["plan"]["status"]) == ("2024", "adopted")
    by_code = {row["code"]: row for row in report["indicators"]}
    assert (by_code["GRDP"]["actual"], by_code["JOBS"]["actual"]) == (9.0, 9210)
    old_history = json.loads((old / "history.json").read_text(encoding="utf-8"))
    now = json.loads(targets("history", "--format", "json", env=env).stdout)
    assert [(r["id"], r["code"], r.get("value")) for r in now] == [
        (r["id"], r["code"], r.get("value")) for r in old_history
    ]
    assert snapshot(folder) == before  # read, never rewritten


def test_a_draft_with_no_target_is_not_adopted(targets, office: Path) -> None:
    """A tryout adopted a draft of three indicators with no target: `show` then listed three "No target yet"."""
    assert targets("plan", "new", "2027").exit_code == 0
    draft = office / "plans" / "2027.toml"
    before = draft.read_bytes()
    refused = targets("plan", "adopt", "2027", "--adopted-by", "Nghị quyết số 45/NQ-HĐND")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "Error: plan 2027 has no target yet: set them first (targets target set CODE VALUE --plan 2027)\n",
    )
    assert draft.read_bytes() == before


@pytest.mark.parametrize("source", ["", "  "])
def test_an_empty_source_is_refused_as_an_option_not_as_a_broken_file(
    targets, office: Path, source: str
) -> None:
    before = (office / "plans" / "2026.toml").read_bytes()
    refused = targets("target", "set", "GRDP", "11", "--plan", "2026", "--source", source)
    assert (refused.exit_code, refused.stderr) == (
        2,
        "Error: --source names where the target comes from (the resolution and its sentence); it cannot be empty\n",
    )
    assert (office / "plans" / "2026.toml").read_bytes() == before
