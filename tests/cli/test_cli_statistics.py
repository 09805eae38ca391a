"""`vinr-admin statistik` and `sammanstall` as real subprocesses on a copy of the demo register:
the enhetschef writes the year's indicator file (valid, counts only, audited); others are
refused; three municipalities' files merge into a county table and PDF; a file of another
schema version is refused in Swedish."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf

from tests.cli.test_cli import vinr_admin
from tests.stores import Template
from vinr_desktop.domain.json_schema import validate
from vinr_desktop.resources import indicator_schema
from vinr_desktop.services.demo.register import DEMO_PASSWORD


def _statistik(folder: Path, user: str, *extra: object) -> object:
    return vinr_admin(
        "statistik", "--year", "2026", "--format", "json", "--data-dir", folder,
        "--username", user, "--password-stdin", *extra, stdin=DEMO_PASSWORD + "\n",
    )  # fmt: skip


def test_the_manager_writes_the_file_and_the_county_merges_three(
    demo_template: Template, tmp_path: Path
) -> None:
    folder = demo_template.copy_to(tmp_path / "register")
    target = tmp_path / "ange.json"
    run = _statistik(folder, "chef", "--kommunkod", "2260", "--out", target)
    assert run.code == 0, run.err  # type: ignore[attr-defined]
    data = json.loads(target.read_text(encoding="utf-8"))
    assert validate(data, indicator_schema()) == []
    assert data["municipality_code"] == "2260" and data["year"] == 2026
    text = target.read_text(encoding="utf-8")
    for surname in ("-Fiktiv", "Testsson", "Demosson"):  # the demo's people: none is here
        assert surname not in text
    for username in ("handlaggare", "admin"):
        refused = _statistik(folder, username, "--kommunkod", "2260", "--out", tmp_path / "x")
        assert refused.code == 1 and "behörighet" in refused.err  # type: ignore[attr-defined]
    files = [target]
    for code in ("2262", "2280"):
        other = tmp_path / f"{code}.json"
        other.write_text(json.dumps(dict(data, municipality_code=code)), encoding="utf-8")
        files.append(other)
    pdf = tmp_path / "lan.pdf"
    merged = vinr_admin("sammanstall", *files, "--out", pdf)
    assert merged.code == 0, merged.err
    assert "Länssammanställning 2026: Sammanställning av 3 kommuner" in merged.out
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    assert "Länssammanställning" in reader.pages[0].extract_text()
    newer = tmp_path / "ny.json"
    newer.write_text(json.dumps(dict(data, schema_version=2)), encoding="utf-8")
    refused = vinr_admin("sammanstall", target, newer)
    assert refused.code == 1
    assert "ny.json har schemaversion 2, men det här programmet läser version 1" in refused.err
