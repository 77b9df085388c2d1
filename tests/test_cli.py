"""The commands as a user runs them: exact output and exit status, each in its own data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from laichau_targets import __version__
from laichau_targets.cli import EXIT_CHECK_FAILED, EXIT_ERROR, app

from .conftest import ALL_CODES, REPO, log_ids, markdown_rows, snapshot


def test_version(targets) -> None:
    result = targets("--version")
    assert (result.exit_code, result.stdout) == (0, f"targets {__version__}\n")


def test_show_lists_all_17_indicators_with_the_articles_numbers(targets, data_dir: Path) -> None:
    result = targets("show")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "Code",
        "Indicator",
        "Target",
        "Latest",
        "Period",
        "Progress",
        "Gap",
        "Status",
    ]
    rows = [line for line in lines[1:-3] if line[:1].strip()]
    assert [row.split()[0] for row in rows] == ALL_CODES
    words = [row.split() for row in rows]
    targets_shown = [ws[ws.index(next(w for w in ws if w in "≈≥")) + 1] for ws in words]
    assert targets_shown == [
        "9%",
        "51.5",
        "4.1%",
        "225.5",
        "5.1%",
        "46.8%",
        "5",
        "52.9%",
        "2,236",
        "68.4%",
        "60%",
        "13.1",
        "3.8%",
        "5.4%",
        "8,920",
        "8,000",
        "60.6%",
    ]
    assert lines[-3:] == [
        "0/17 indicators met or exceeded; 17 no data",
        "Plan 2024 (annual). Incomplete: 17 of the plan's targets are in this file.",
        "Names are shortened to fit the width; `targets list` gives them whole.",
    ]
    assert all(len(line) <= 100 for line in lines)


def test_record_prints_the_new_standing(targets, data_dir: Path) -> None:
    result = targets("record", "GRDP", "8.7", "--period", "2024")
    assert result.exit_code == 0
    (only,) = log_ids(data_dir)  # a lone record is shown by the shortest form, 6 characters
    assert result.stdout == (
        f"Recorded #{only[:6]}: GRDP = 8.7% for 2024 (estimate).\nGRDP: now not met (0.3 points below target)\n"
    )
    assert result.stderr == ""


def test_record_then_json_report(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    result = targets("report", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    grdp = next(i for i in data["indicators"] if i["code"] == "GRDP")
    assert (grdp["actual"], grdp["gap"], grdp["status"], grdp["period"]) == (8.7, 0.3, "not_met", "2024")
    assert '"gap": 0.3,' in result.stdout  # a JSON number without float noise
    assert data["summary"]["total"] == 17
    assert data["summary"]["not_met"] == 1 and data["summary"]["no_data"] == 16
    assert [i["code"] for i in data["indicators"]] == ALL_CODES


def test_markdown_report_is_a_github_table_with_one_row_per_indicator(targets, data_dir: Path) -> None:
    targets("record", "BUDGET", "1.850,5", "--period", "2024-09")
    result = targets("report", "--format", "md")
    assert result.exit_code == 0
    rows = markdown_rows(result.stdout)
    header, body = rows[0], rows[1:]
    assert header == [
        "Code",
        "Indicator",
        "Unit",
        "Target",
        "Latest",
        "Progress",
        "Gap",
        "Year on year",
        "Status",
    ]
    assert [r[0].replace("\\_", "_") for r in body] == ALL_CODES
    budget = body[ALL_CODES.index("BUDGET")]
    # the unit stands once, in its column; the gap is figure − target, as review tables sign it
    assert budget[2:] == [
        "billion VND",
        "at least 2,236",
        "1,850.5 (Jan–Sep 2024, estimate)",
        "82.8%",
        "-385.5",
        "–",
        "On track",
    ]


def test_negative_figures_are_values_not_options(targets, data_dir: Path) -> None:
    result = targets("record", "GRDP", "-0,5", "--period", "2024")
    assert result.exit_code == 0
    assert (
        result.stdout
        == f"Recorded #{log_ids(data_dir)[0][:6]}: GRDP = -0.5% for 2024 (estimate).\nGRDP: now not met (9.5 points below target)\n"
    )


def test_list(targets, data_dir: Path) -> None:
    result = targets("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 18
    assert lines[-1] == "Plan 2024 (annual). Incomplete: 17 of the plan's targets are in this file."
    assert lines[0] == "GRDP       growth rate   about 9%                                 GRDP growth"
    assert (
        lines[8]
        == "BUDGET     accumulating  at least 2,236 billion VND               Budget revenue in the province"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["record", "GRPD", "8.7"], "Error: unknown indicator 'GRPD'; did you mean 'GRDP'?"),
        (["record", "GRDP", "abc"], "Error: 'abc' is not a number; write it like 8.7, 8,7, 2236 or 2.236,5"),
        (
            ["record", "GRDP", "8.7", "--period", "2024-13"],
            "Error: period '2024-13' does not parse; use 2024, 2024-Q1, 2024-H1, a month like 2024-09,"
            " or 'Quý I/2024', '6 tháng/2024', '9T/2024', 'Năm 2024'",
        ),
        (["record", "GRDP"], "Error: Missing argument 'VALUE'. (see 'targets record --help')"),
        (
            ["record", "GRDP", "8.7", "--bogus"],
            "Error: Got unexpected extra argument(s) (--bogus) (see 'targets record --help')",
        ),
        (["show", "--bogus"], "Error: No such option: --bogus (see 'targets show --help')"),
        (["--bogus", "show"], "Error: No such option: --bogus (see 'targets --help')"),
        (
            ["--lang", "fr", "show"],
            "Error: Invalid value for '--lang': 'fr' is not one of 'en', 'vi'. (see 'targets --help')",
        ),
        (["bogus"], "Error: No such command 'bogus'. (see 'targets --help')"),
        (
            ["report", "--format", "pdf"],
            "Error: Invalid value for '--format' / '-f': 'pdf' is not one of 'md', 'json', 'csv', 'html', 'text', 'xlsx'. (see 'targets report --help')",
        ),
    ],
)
@pytest.mark.reliability("bad values")
def test_bad_input_is_one_error_line_exit_2_and_writes_nothing(
    targets, data_dir: Path, args, message
) -> None:
    targets("record", "FOREST", "51", "--period", "2024")
    before = snapshot(data_dir)
    result = targets(*args)
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == message + "\n"
    assert result.stdout == ""
    assert snapshot(data_dir) == before


@pytest.mark.reliability("malformed plans")
def test_missing_plan(targets, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = targets("--data", str(empty), "show")
    assert result.exit_code == EXIT_ERROR
    assert (
        result.stderr == f"Error: {empty / 'targets.toml'}: no plan file here; `targets init DIR` makes one\n"
    )
    assert list(empty.iterdir()) == []


@pytest.mark.reliability("malformed plans")
def test_malformed_plan_names_file_and_line(targets, data_dir: Path) -> None:
    plan = data_dir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 2236", "target = 2.236.0"), encoding="utf-8"
    )
    before = snapshot(data_dir)
    result = targets("record", "GRDP", "8.7")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.startswith(f"Error: {plan}: not valid TOML: ")
    line = plan.read_text(encoding="utf-8").splitlines().index("target = 2.236.0") + 1
    assert f"(at line {line}, column 15)" in result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(data_dir) == before


@pytest.mark.reliability("malformed plans")
def test_validate_lists_every_problem(targets, data_dir: Path) -> None:
    plan = data_dir / "targets.toml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace('kind = "level"', 'kind = "stock"', 1).replace('code = "JOBS"', 'code = "GRDP"')
    plan.write_text(text, encoding="utf-8")
    result = targets("validate")
    assert result.exit_code == EXIT_ERROR
    term = data_dir / "plans" / "2021-2025.toml"  # its JOBS target has lost the indicator it names
    lines = text.splitlines()
    stock = lines.index('kind = "stock"') + 1
    second = [n for n, line in enumerate(lines, 1) if line == 'code = "GRDP"'][1]
    jobs = term.read_text(encoding="utf-8").splitlines().index('code = "JOBS"') + 1
    assert result.stderr == (
        f"{plan}: line {stock}: indicator GRDP_PC has kind 'stock'; use one of level, growth_rate, accumulating\n"
        f"{plan}: line {second}: duplicate code 'GRDP' (first used by indicator 1)\n"
        f"{term}: line {jobs}: indicator JOBS is described in no plan file; give it name_vi, name_en, unit and kind\n"
        f"Error: {plan}: 3 problem(s)\n"
    )


def test_validate_the_bundled_plan(targets) -> None:
    result = targets("validate", str(REPO / "data" / "targets.toml"))
    assert result.exit_code == 0
    plans = REPO / "data" / "plans"
    assert result.stdout == (
        f"{REPO / 'data' / 'targets.toml'}: valid plan for Lai Châu 2024, 17 indicators\n"
        f"{plans / '2021-2025.toml'}: valid plan for Lai Châu 2021-2025, 22 indicators\n"
        f"{plans / '2025.toml'}: valid plan for Lai Châu 2025, 2 indicators\n"
        f"{plans / '2026.toml'}: valid plan for Lai Châu 2026, 3 indicators\n"
        f"{plans / '2021-2030.toml'}: valid plan for Lai Châu 2021-2030, 10 indicators\n"
    )


def test_validate_a_plan_file_with_the_folder_that_names_it(
    targets, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2025.toml gives targets for indicators 2021-2025.toml describes: alone, it would not read."""
    monkeypatch.chdir(data_dir / "plans")
    result = targets("validate", "2025.toml")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "2025.toml: valid plan for Lai Châu 2025, 2 indicators (checked with ../targets.toml, which names it)\n"
    )
    vi = targets("--lang", "vi", "validate", str(data_dir / "plans" / "2026.toml"))
    assert vi.stdout == (
        f"{data_dir / 'plans' / '2026.toml'}: kế hoạch hợp lệ của Lai Châu năm 2026, 3 chỉ tiêu "
        f"(kiểm tra cùng {data_dir / 'targets.toml'}, tệp nêu nó)\n"
    )


def test_validate_a_plan_file_through_a_symlink_or_under_a_broken_entry_point(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(data_dir / "plans" / "2025.toml")
    result = targets("validate", str(link))
    assert (result.exit_code, result.stdout) == (
        0,
        f"{link}: valid plan for Lai Châu 2025, 2 indicators (checked with {data_dir / 'targets.toml'}, which names it)\n",
    )
    entry = data_dir / "targets.toml"
    entry.write_text(entry.read_text(encoding="utf-8") + "oops = [\n", encoding="utf-8")
    broken = targets("validate", str(data_dir / "plans" / "2025.toml"))  # its problems first, not false ones
    assert (broken.exit_code, broken.stdout) == (2, "")
    assert broken.stderr == f"Error: {entry}: not valid TOML: Invalid value (at end of document)\n"


def test_validate_a_plan_file_no_entry_point_names_checks_it_alone(targets, data_dir: Path) -> None:
    loose = data_dir / "loose.toml"
    loose.write_bytes((data_dir / "plans" / "2025.toml").read_bytes())
    result = targets("validate", str(loose))
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {loose}: 8 problem(s)\n")
    assert "needs name_vi as non-empty text" in result.stderr


def test_init_refuses_to_overwrite(targets, tmp_path: Path) -> None:
    folder = tmp_path / "new"
    first = targets("init", str(folder))
    assert first.exit_code == 0
    bundled = (REPO / "data" / "targets.toml").read_text(encoding="utf-8")
    made = (folder / "targets.toml").read_text(encoding="utf-8")
    assert (
        made.replace("# current_plan =", "current_plan =").replace(
            "  # pins a plan; without it, commands use this year's plan", ""
        )
        == bundled
    )
    before = snapshot(folder)
    again = targets("init", str(folder))
    assert again.exit_code == EXIT_ERROR
    assert again.stderr == f"Error: {folder / 'targets.toml'} already exists; not overwriting it\n"
    assert snapshot(folder) == before


def test_paths_say_which_files_and_why(targets, data_dir: Path, tmp_path: Path) -> None:
    result = targets("paths")
    assert result.stdout == (
        f"Data folder: {data_dir} (chosen by LAICHAU_TARGETS_DATA)\n"
        f"Plan:        {data_dir / 'targets.toml'}\n"
        f"Plan files:  {data_dir / 'plans' / '2021-2025.toml'}\n"
        f"             {data_dir / 'plans' / '2025.toml'}\n"
        f"             {data_dir / 'plans' / '2026.toml'}\n"
        f"             {data_dir / 'plans' / '2021-2030.toml'}\n"
        f"Record log:  {data_dir / 'records.jsonl'}\n"
        f"Caches:      {tmp_path / 'home' / '.cache' / 'laichau-targets'}\n"
    )  # the user's own cache folder ($XDG_CACHE_HOME), never the data folder


def test_data_option_wins_over_the_environment(targets, data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    targets("init", str(other))
    result = targets("--data", str(other), "paths")
    assert result.stdout.splitlines()[0] == f"Data folder: {other} (chosen by --data)"


def test_local_data_folder_then_the_users_own(targets, tmp_path: Path) -> None:
    result = targets("paths")
    user_folder = tmp_path / "home" / ".local" / "share" / "laichau-targets"
    assert result.stdout.splitlines()[0] == (
        f"Data folder: {user_folder} (your own data folder: no --data, no LAICHAU_TARGETS_DATA, no plan in ./data)"
    )
    assert (user_folder / "targets.toml").is_file()
    targets("init", str(tmp_path / "data"))
    result = targets("paths")
    assert (
        result.stdout.splitlines()[0]
        == f"Data folder: {tmp_path / 'data'} (chosen because ./data holds a plan)"
    )


def _commands() -> list[str]:
    """The app's commands, as its group lists them: a new command is tested without editing a list."""
    import typer.main

    return sorted(typer.main.get_command(app).list_commands(None))  # type: ignore[arg-type]


def test_the_command_list_is_the_apps() -> None:
    assert {"show", "record", "report", "list", "validate"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example(targets, command: str) -> None:
    result = targets(command, "--help")
    assert result.exit_code == 0
    assert "Example: targets" in result.stdout


def test_check_exit_statuses(targets, data_dir: Path) -> None:
    assert targets("check").exit_code == 0
    assert targets("check", "--strict").exit_code == EXIT_CHECK_FAILED
    targets("record", "FOREST", "53", "--period", "2024")
    assert targets("check").exit_code == 0
    targets("record", "GRDP", "8.7", "--period", "2024")
    result = targets("check")
    assert result.exit_code == EXIT_CHECK_FAILED
    assert result.stdout == (
        "1/17 indicators met or exceeded; 1 not met; 15 no data\n"
        "Plan 2024 (annual). Incomplete: 17 of the plan's targets are in this file.\n"
        "GRDP: Not met\n"
    )
    assert targets("--data", str(data_dir / "missing"), "check").exit_code == EXIT_ERROR


def test_the_app_object_is_the_console_script() -> None:
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"targets": "laichau_targets.entry:main"}  # which sets up Ctrl-C, then runs cli.main
    entry = (REPO / "src" / "laichau_targets" / "entry.py").read_text(encoding="utf-8")
    assert "from .cli import main as run" in entry and entry.rstrip().endswith("run()")


def test_an_override_shows_as_set_by_hand_in_every_output(targets, data_dir: Path) -> None:
    plan = data_dir / "targets.toml"
    text = plan.read_text(encoding="utf-8").replace(
        'code = "EHR"\n', 'code = "EHR"\noverride = { status = "met", reason = "Sở Y tế xác nhận đạt" }\n'
    )
    plan.write_text(text, encoding="utf-8")
    targets("record", "EHR", "58", "--period", "2024")
    data = json.loads(targets("report", "--format", "json").stdout)
    ehr = next(i for i in data["indicators"] if i["code"] == "EHR")
    assert (ehr["status"], ehr["computed_status"], ehr["override_reason"]) == (
        "met",
        "not_met",
        "Sở Y tế xác nhận đạt",
    )
    md = targets("report", "--format", "md").stdout
    assert (
        "| EHR | Population with an electronic health record | % | at least 60% | 58% (2024, estimate) | 96.7% | -2 pt | – | Met \\* |"
        in md
    )
    assert "- EHR \\*: set by hand: Sở Y tế xác nhận đạt" in md
    show = targets("show").stdout
    assert show.splitlines()[-2:] == [
        "EHR *: set by hand: Sở Y tế xác nhận đạt",
        "Names are shortened to fit the width; `targets list` gives them whole.",
    ]


def test_no_command_shows_the_help(targets) -> None:
    result = targets()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: targets [OPTIONS] COMMAND [ARGS]...")
    assert "  check     A gate for scripts: exit 1 when an indicator is failing.\n" in result.stdout


@pytest.mark.reliability("terminal payloads")
def test_an_error_about_hostile_text_cannot_steer_the_terminal(targets, data_dir: Path) -> None:
    plan = data_dir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('code = "GRDP"\n', 'code = "GRDP"\n"\\u001b[2J" = 1\n'),
        encoding="utf-8",
    )
    result = targets("show")
    assert result.exit_code == EXIT_ERROR
    assert "\x1b" not in result.stderr and "has an unknown key '\\x1b[2J'" in result.stderr
    assert result.stderr.count("\n") == 1
