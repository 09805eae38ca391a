"""Reading policy.json from the machine-wide folder: missing, good, broken, or pointed
elsewhere for tests — never the real /etc in a test."""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs
import pytest

from vinr_desktop.store import it_policy_file
from vinr_desktop.store.it_policy_file import load_policy, policy_folder


def test_the_suite_never_reads_the_machines_own_policy() -> None:
    assert "no-policy" in str(policy_folder())
    assert not policy_folder().exists()


def test_the_folder_is_platformdirs_machine_wide_config_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(it_policy_file.POLICY_DIR_ENV)
    expected = Path(platformdirs.site_config_dir("VINR Desktop", appauthor=False))
    assert policy_folder() == expected
    assert it_policy_file.policy_path() == expected / "policy.json"


def test_no_file_fixes_nothing(tmp_path: Path) -> None:
    policy = load_policy(tmp_path)
    assert policy.fixed == {} and policy.problems == ()
    assert policy.source == str(tmp_path / "policy.json")


def test_a_good_file_written_by_a_windows_editor_is_read(tmp_path: Path) -> None:
    text = json.dumps(
        {"municipality": "Ånge kommun", "pdf_export": "forbidden"}, ensure_ascii=False
    )
    (tmp_path / "policy.json").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # with BOM
    policy = load_policy(tmp_path)
    assert policy.problems == ()
    assert policy.municipality == "Ånge kommun" and policy.pdf_export == "forbidden"


def test_the_environment_variable_points_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "policy.json").write_text('{"idle_lock_minutes": 2}', encoding="utf-8")
    monkeypatch.setenv(it_policy_file.POLICY_DIR_ENV, str(tmp_path))
    assert load_policy().idle_lock_minutes == 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            '{"municipality": "Ånge kommun",\n "unit": }'.encode(),
            "inte giltig JSON (rad 2, tecken 10)",
        ),
        ('{"municipality": "Ånge"}'.encode("latin-1"), "inte sparad som UTF-8"),
        (b" " * (65 * 1024) + b"{}", "större än 64 kB"),
    ],
)
def test_a_broken_file_is_reported_and_fixes_nothing(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    (tmp_path / "policy.json").write_bytes(content)
    policy = load_policy(tmp_path)
    assert policy.fixed == {}
    (problem,) = policy.problems
    assert problem.startswith(str(tmp_path / "policy.json"))
    assert reason in problem and problem.endswith("Inga värden från IT används.")


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "policy.json").mkdir()  # a folder where the file should be: cannot be read
    (problem,) = load_policy(tmp_path).problems
    assert "filen kan inte läsas" in problem


def test_the_environment_cannot_step_around_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """VINR_POLICY_DIR is read only where IT has placed no policy.json of its own."""
    machine, mine = tmp_path / "etc", tmp_path / "mine"
    machine.mkdir()
    mine.mkdir()
    (mine / "policy.json").write_text('{"pdf_export": "ask"}', encoding="utf-8")
    monkeypatch.setattr(it_policy_file, "machine_folder", lambda: machine)
    monkeypatch.setenv(it_policy_file.POLICY_DIR_ENV, str(mine))
    assert it_policy_file.policy_folder() == mine  # no file of IT's: the test folder
    (machine / "policy.json").write_text('{"pdf_export": "forbidden"}', encoding="utf-8")
    assert it_policy_file.policy_folder() == machine
    assert it_policy_file.load_policy().pdf_export == "forbidden"
