"""`vinr-admin egenkontroll` as a real subprocess on a copy of the demo register: the enhetschef
and the handläggare get `ärende;fråga;svar;detalj` rows; the administrator is refused in
Swedish; no name ever appears."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tests.cli.test_cli import vinr_admin
from tests.stores import Template
from vinr_desktop.services.demo.register import DEMO_PASSWORD


def _egenkontroll(folder: Path, username: str, *extra: str) -> tuple[int, str, str]:
    run = vinr_admin(
        "egenkontroll",
        "--data-dir",
        folder,
        "--username",
        username,
        "--password-stdin",
        "--from",
        "2000-01-01",
        "--to",
        "2099-12-31",
        *extra,
        "--format",
        "csv",
        stdin=DEMO_PASSWORD + "\n",
    )
    return run.code, run.out, run.err


def test_the_manager_and_the_caseworker_get_rows_the_administrator_is_refused(
    demo_template: Template, tmp_path: Path
) -> None:
    folder = demo_template.copy_to(tmp_path / "register")
    code, out, err = _egenkontroll(folder, "chef", "--first", "5", "--review-date", "2026-03-02")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out), delimiter=";"))
    assert rows[0] == ["ärende", "fråga", "svar", "detalj"]
    assert len(rows) == 1 + 5 * 10
    assert [r[1] for r in rows[1:11]] == [f"K{i}" for i in range(1, 11)]
    assert {r[2] for r in rows[1:]} <= {"JA", "NEJ", "DELVIS", "PÅGÅENDE", "ET"}
    # A case number, or a protected case's code with no detail: never a name.
    for label, _question, _answer, detail in rows[1:]:
        assert re.fullmatch(r"VINR-\d{4}-\d{4}|Skyddat ärende \(ref\. [0-9A-F]{6}\)", label)
        assert detail == "" or not label.startswith("Skyddat")
    code, children, err = _egenkontroll(folder, "handlaggare", "--children")
    assert code == 0, err
    assert children.startswith("ärende;fråga;svar;detalj\n")
    code, out, err = _egenkontroll(folder, "admin")
    assert code == 1 and out == ""
    assert "Administratören har inte behörighet" in err
    code, out, err = _egenkontroll(folder, "chef", "--first", "0")
    assert code == 1 and "Antalet ärenden" in err
