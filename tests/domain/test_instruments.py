"""Instrument files: the shipped ones are valid; broken ones give every problem at once, each
named by its place in Swedish."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from vinr_desktop.domain.instruments import (
    NOT_ANSWERED,
    InstrumentInvalid,
    InstrumentKind,
    Mandatory,
    RiskLevel,
    Subject,
    SummaryKind,
)
from vinr_desktop.domain.risk_instrument_check import parse_instrument, parse_instrument_bytes
from vinr_desktop.resources import instrument_files

VALID: dict[str, Any] = {
    "format": 1,
    "id": "test-instrument",
    "name": "Testinstrument (fiktivt)",
    "version": 1,
    "publisher": "Testkommunen",
    "licence": "Fiktiv text för test.",
    "about": "victim",
    "kind": "checklist",
    "journal_text": "Testbedömning genomförd",
    "summary": "count",
    "scale": ["låg", "medel", "hög"],
    "mandatory": ["judgement", "motivation"],
    "reassessment_days": 30,
    "answer_options": [
        {"code": "ja", "label": "Ja", "risk": True},
        {"code": "nej", "label": "Nej"},
    ],
    "sections": [
        {"id": "a", "title": "Avsnitt A", "items": [{"id": "a1", "text": "Fråga A1?"}]},
        {
            "id": "b",
            "title": "Avsnitt B",
            "items": [
                {"id": "b1", "text": "Fråga B1?"},
                {"id": "b2", "text": "Fråga B2?", "guidance": "Stöd"},
                {"id": "b3", "text": "Fråga B3?", "options": [{"code": "x", "label": "X"}]},
            ],
        },
    ],
}


def _broken(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return data


def _problems(data: object) -> tuple[str, ...]:
    with pytest.raises(InstrumentInvalid) as failed:
        parse_instrument(data)
    return failed.value.problems


def test_the_shipped_instruments_are_valid_and_our_own() -> None:
    parsed = {
        i.instrument_id: i for i in (parse_instrument_bytes(d) for _n, d in instrument_files())
    }
    assert set(parsed) == {"vinr-riskfaktorer", "skyddsbedomning-barn", "externt-resultat"}
    checklist = parsed["vinr-riskfaktorer"]
    assert checklist.about is Subject.VICTIM and checklist.summary is SummaryKind.COUNT
    assert checklist.version == 3  # the newest shipped version wins the id
    assert len(checklist.items) == 24 and all(i.guidance for i in checklist.items)
    # One question, one thing: no item asks "… or …" about two risk factors.
    split = {"vapen", "vapen_tillgang", "hot_barn", "barn_som_hot", "kontaktforbud"}
    assert split | {"overenskommelse_brott", "suicid_hot", "forlust"} <= {
        i.item_id for i in checklist.items
    }
    assert "suicid_arbetslos" not in {i.item_id for i in checklist.items}
    themes = {"tidigare_vald", "attityder", "barn_ej_eget", "egen_suicid", "isolering", "heder"}
    assert themes <= {i.item_id for i in checklist.items}
    assert not any("Tror du att" in i.guidance for i in checklist.items)
    assert all(i.option(NOT_ANSWERED) is not None for i in checklist.items)
    assert "FREDA" in checklist.licence and "inte" in checklist.licence  # says it is not FREDA
    assert Mandatory.MOTIVATION in checklist.mandatory
    child = parsed["skyddsbedomning-barn"]
    assert child.about is Subject.CHILD and {"tecken", "skyddar", "atgard"} <= {
        i.item_id for i in child.items
    }
    # Version 2 judges on the case's scale: omedelbart skyddsbehov, nej or ja.
    assert child.version == 2 and child.judgement_label == "Omedelbart skyddsbehov"
    assert child.scale == (RiskLevel.LOW, RiskLevel.HIGH)
    assert [child.level_label(level) for level in child.scale] == ["nej", "ja"]
    external = parsed["externt-resultat"]
    assert external.kind is InstrumentKind.EXTERNAL and not external.items
    choice = external.field("instrument")
    assert choice is not None and {"SARA:SV", "SAM", "PATRIARK"} <= set(choice.choices)


def test_a_valid_file_gets_ej_besvarad_and_default_options() -> None:
    instrument = parse_instrument(VALID)
    assert instrument.scale == (RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH)
    a1 = instrument.item("a1")
    b3 = instrument.item("b3")
    assert a1 is not None and [o.code for o in a1.options] == ["ja", "nej", NOT_ANSWERED]
    assert b3 is not None and [o.code for o in b3.options] == ["x", NOT_ANSWERED]
    assert Mandatory.JUDGEMENT in instrument.mandatory


def test_several_problems_are_reported_at_once_with_their_place() -> None:
    data = _broken(version="två", about="granne", reassessment_days=None, name=None)
    data["answer_options"] = None
    data.pop("answer_options")
    data["sections"][1]["items"][2]["options"] = []
    data["sections"][1]["items"][1]["id"] = "a1"
    data["sections"][0]["items"][0]["text"] = ""
    problems = _problems(data)
    assert '"version" ska vara ett heltal från 1 och uppåt' in problems
    assert any(p.startswith('"about" ska vara ett av') for p in problems)
    assert any("reassessment_days" in p and "saknas" in p for p in problems)
    assert '"name" saknas' in problems
    assert "Avsnitt 2, fråga 3: svarsalternativ saknas" in problems
    assert "Avsnitt 2, fråga 1: svarsalternativ saknas" in problems  # no defaults any more
    assert 'Avsnitt 2, fråga 2: id "a1" används redan (avsnitt 1, fråga 1)' in problems
    assert 'Avsnitt 1, fråga 1: "text" är tom' in problems
    message = InstrumentInvalid(problems).message
    assert message.startswith("Instrumentfilen kan inte användas:")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{ inte json", "Filen är inte giltig JSON (rad 1, kolumn 3)."),
        (b"\xff\xfe\x00", "Filen är inte en textfil i UTF-8."),
        (b"[1, 2]", "Filen ska innehålla ett JSON-objekt ({ … })."),
    ],
)
def test_files_that_are_not_instruments(data: bytes, expected: str) -> None:
    with pytest.raises(InstrumentInvalid) as failed:
        parse_instrument_bytes(data)
    assert failed.value.problems == (expected,)


def test_answer_rules() -> None:
    data = _broken(
        answer_options=[
            {"code": "ja", "label": "Ja", "risk": True},
            {"code": "ja", "label": "Ja igen"},
            {"code": NOT_ANSWERED, "label": "Inte besvarad", "risk": True},
        ]
    )
    problems = _problems(data)
    assert 'Standardsvaren (answer_options), svarsalternativ 2: koden "ja" finns redan' in problems
    assert any("kan inte räknas som risk" in p for p in problems)
    only_unanswered = _broken(answer_options=[{"code": NOT_ANSWERED, "label": "Inte besvarad"}])
    assert any("minst ett svar utöver Inte besvarad" in p for p in _problems(only_unanswered))


def test_scale_summary_and_kind_rules() -> None:
    assert any("ordning" in p for p in _problems(_broken(scale=["hög", "låg"])))
    assert any('"kritisk" är inte en nivå' in p for p in _problems(_broken(scale=["kritisk"])))
    assert any("motivation" in p for p in _problems(_broken(mandatory=["judgement"])))
    assert any("okänd" in p for p in _problems(_broken(mandatory=["judgement", "motivation", "x"])))
    external = _broken(kind="external", summary="rating")
    assert any('"fields"' in p for p in _problems(external))
    fields = [{"id": "instrument", "label": "Instrument", "kind": "choice", "choices": []}]
    external = _broken(kind="external", summary="rating", sections=None, fields=fields)
    external.pop("answer_options")
    assert any('"choices"' in p for p in _problems(external))


def test_the_json_of_a_shipped_file_round_trips() -> None:
    name, data = instrument_files()[0]
    parsed = json.loads(data)
    assert parse_instrument(parsed).instrument_id == parsed["id"], name


def test_version_2_of_the_shipped_instruments_gives_a_high_risk_a_shorter_interval() -> None:
    """Version 1 keeps 90 days for every level (old assessments keep theirs); version 2 is the
    same file with an interval per judged level."""
    files = dict(instrument_files())
    for name in ("vinr-riskfaktorer", "externt-resultat"):
        old = parse_instrument_bytes(files[f"{name}.v1.json"])
        new = parse_instrument_bytes(files[f"{name}.v2.json"])
        assert [old.reassessment_days_for(level) for level in RiskLevel] == [90, 90, 90]
        assert new.reassessment_days_for(RiskLevel.HIGH) == 30
        assert new.reassessment_days_for(RiskLevel.MEDIUM) == 60
        assert new.reassessment_days_for(RiskLevel.LOW) == 90
        assert new.reassessment_days_for(None) == 90  # not judged yet: the general interval
        first, second = json.loads(files[f"{name}.v1.json"]), json.loads(files[f"{name}.v2.json"])
        second.pop("reassessment_days_by_level")
        assert {**second, "version": 1} == first  # nothing else changed


def test_an_interval_per_level_names_levels_of_the_scale_and_never_grows_with_the_risk() -> None:
    partial = parse_instrument(_broken(reassessment_days_by_level={"hög": 7}))
    assert partial.reassessment_days_for(RiskLevel.HIGH) == 7
    assert partial.reassessment_days_for(RiskLevel.LOW) == 30  # not named: the general interval
    place = "Intervall per nivå (reassessment_days_by_level): "
    assert _problems(_broken(reassessment_days_by_level=[30, 60])) == (
        place + 'ska vara ett objekt, till exempel {"hög": 30, "medel": 60, "låg": 90}',
    )
    assert _problems(_broken(reassessment_days_by_level={"akut": 3})) == (
        place + '"akut" är inte en nivå (låg, medel eller hög)',
    )
    assert _problems(_broken(scale=["låg", "hög"], reassessment_days_by_level={"medel": 30})) == (
        place + '"medel" finns inte i bedömningsskalan (scale)',
    )
    assert _problems(_broken(reassessment_days_by_level={"hög": 0, "låg": True})) == (
        place + '"hög" ska vara ett heltal 1–3650 (dagar)',
        place + '"låg" ska vara ett heltal 1–3650 (dagar)',
    )
    assert _problems(_broken(reassessment_days_by_level={"hög": 90, "medel": 60})) == (
        place + "vid hög risk kan det inte dröja längre till nästa bedömning än vid medel "
        "(90 mot 60 dagar)",
    )


def test_an_instrument_can_name_its_levels_in_its_own_words() -> None:
    yes_no = {"låg": "nej", "hög": "ja"}
    words = parse_instrument(_broken(scale=["låg", "hög"], scale_labels=yes_no))
    assert [words.level_label(level) for level in words.scale] == ["nej", "ja"]
    assert parse_instrument(VALID).level_label(RiskLevel.MEDIUM) == "medel"
    half = _problems(_broken(scale=["låg", "hög"], scale_labels={"låg": "nej"}))
    assert any("varje nivå i bedömningsskalan ska ha sitt ord" in p for p in half)
    stranger = _problems(_broken(scale=["låg", "hög"], scale_labels={"låg": "nej", "medel": "x"}))
    assert any('"medel" finns inte i bedömningsskalan' in p for p in stranger)
    same = _problems(_broken(scale=["låg", "hög"], scale_labels={"låg": "nej", "hög": "nja"}))
    assert any("olika bokstäver" in p for p in same)
