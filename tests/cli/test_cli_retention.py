"""`vinr-admin gallring` and `arkivexport` as real subprocesses on a copy of the demo register:
the enhetschef lists the proposal and writes the package; the handläggare and the
administrator are refused; names never appear in the output."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import vinr_admin
from tests.services.retention.sip_check import check_package
from tests.stores import Template
from vinr_desktop.services.demo.register import DEMO_PASSWORD


def _register(demo_template: Template, tmp_path: Path) -> Path:
    return demo_template.copy_to(tmp_path / "register")


def test_the_manager_lists_the_proposal_and_others_are_refused(
    demo_template: Template, tmp_path: Path
) -> None:
    folder = _register(demo_template, tmp_path)
    run = vinr_admin(
        "gallring",
        "--list",
        "--data-dir",
        folder,
        "--username",
        "chef",
        "--password-stdin",
        stdin=DEMO_PASSWORD + "\n",
    )
    assert run.code == 0, run.err
    assert "Regler i kraft sedan 2025-07-01: Socialtjänstlagen (2025:400)" in run.out
    assert "Bevaras (forskning)" in run.out  # the demo has persons born on the 5th, 15th, 25th
    assert "ska gallras;" in run.out
    for username in ("handlaggare", "admin"):
        refused = vinr_admin(
            "gallring",
            "--list",
            "--data-dir",
            folder,
            "--username",
            username,
            "--password-stdin",
            stdin=DEMO_PASSWORD + "\n",
        )
        assert refused.code == 1 and "behörighet" in refused.err


def test_the_administrator_loads_a_plan_and_a_bad_one_is_refused(
    demo_template: Template, tmp_path: Path
) -> None:
    folder = _register(demo_template, tmp_path)
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(
            {
                "name": "DHP IFO (fiktiv)",
                "decision": "SN § 12/2026",
                "in_force_from": "2026-01-01",
                "research_birth_days": [1],
            }
        ),
        encoding="utf-8",
    )
    run = vinr_admin(
        "gallring",
        "--plan",
        plan,
        "--data-dir",
        folder,
        "--username",
        "admin",
        "--password-stdin",
        stdin=DEMO_PASSWORD + "\n",
    )
    assert run.code == 0, run.err
    assert "Dokumenthanteringsplan: DHP IFO (fiktiv) (SN § 12/2026" in run.out
    plan.write_text('{"name": "X", "years_after_last_entry": 2}', encoding="utf-8")
    bad = vinr_admin(
        "gallring",
        "--plan",
        plan,
        "--data-dir",
        folder,
        "--username",
        "admin",
        "--password-stdin",
        stdin=DEMO_PASSWORD + "\n",
    )
    assert bad.code == 1 and "lagens tid" in bad.err


def test_arkivexport_writes_a_valid_package(demo_template: Template, tmp_path: Path) -> None:
    folder = _register(demo_template, tmp_path)
    target = tmp_path / "arkiv"
    target.mkdir()
    run = vinr_admin(
        "arkivexport",
        "--to",
        target,
        "--data-dir",
        folder,
        "--username",
        "chef",
        "--password-stdin",
        stdin=DEMO_PASSWORD + "\n",
    )
    assert run.code == 0, run.err
    (package,) = target.iterdir()
    assert str(package) in run.out
    assert check_package(package) == []
    refused = vinr_admin(
        "arkivexport",
        "--to",
        target,
        "--data-dir",
        folder,
        "--username",
        "handlaggare",
        "--password-stdin",
        stdin=DEMO_PASSWORD + "\n",
    )
    assert refused.code == 1
