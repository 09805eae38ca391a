"""`vinr-admin init` under IT's policy.json: IT's names are used, a different name is refused,
and a bad policy file is named on standard error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import PASSWORD, vinr_admin
from vinr_desktop.store.it_policy_file import POLICY_DIR_ENV


def _init(folder: Path, *extra: str) -> tuple[int, str, str]:
    run = vinr_admin(
        "init",
        "--data-dir",
        folder,
        "--username",
        "anna",
        "--full-name",
        "Anna Fiktiv-Testare",
        "--roles",
        "caseworker,admin",
        *extra,
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    return run.code, run.out, run.err


def test_init_takes_the_names_it_fixed_and_reports_a_bad_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = {"municipality": "Ånge kommun", "unit": "VINR-enheten", "pdf_export": "kanske"}
    (tmp_path / "policy.json").write_text(json.dumps(policy), encoding="utf-8")
    monkeypatch.setenv(POLICY_DIR_ENV, str(tmp_path))
    code, _out, err = _init(tmp_path / "other", "--municipality", "Annan kommun")
    assert code == 1
    assert "Kommunens namn är fastställt av IT: Ånge kommun." in err
    assert not (tmp_path / "other").exists() or not any((tmp_path / "other").iterdir())
    code, out, err = _init(tmp_path / "register")  # no names given: IT's are used
    assert code == 0, err
    assert "Registret är skapat" in out
    assert '"pdf_export" ska vara "ask" eller "forbidden" (står: "kanske")' in err
    status = vinr_admin("status", "--data-dir", tmp_path / "register")
    assert status.code == 0
