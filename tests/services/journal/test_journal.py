"""The journal through the real services: drafts, signing, the read-only rule, corrections,
the timeline's order and filters, and search."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from tests.casework import entry, protected_adult, register
from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.journal import EntryDraft, EntryKind, SourceKind
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.views.cases import HIGHLIGHT_END, HIGHLIGHT_START, TimelineFilter


@pytest.fixture
def services(env: Env) -> CaseWorkServices:
    env.auth.login("ada", ADMIN_PASSWORD)
    return CaseWorkServices.for_context(env.ctx)


def test_a_draft_is_saved_as_typed_then_signed(services: CaseWorkServices) -> None:
    ref = register(services)
    draft = EntryDraft(None, EntryKind.HOME_VISIT, None, "", "Hembesök, påbörjad")
    entry_id = services.journal.save_draft(ref.case_id, None, draft)
    [saved] = services.journal.my_drafts(ref.case_id)
    assert (saved.entry_id, saved.text, saved.is_draft) == (entry_id, "Hembesök, påbörjad", True)
    with pytest.raises(InvalidInput, match="datum"):
        services.journal.sign(ref.case_id, entry_id, draft)
    final = EntryDraft(date(2026, 2, 27), EntryKind.HOME_VISIT, SourceKind.CLIENT, "", "Klar.")
    assert services.journal.sign(ref.case_id, entry_id, final) == entry_id
    signed = services.journal.entry(ref.case_id, entry_id)
    assert signed.signed_utc is not None and signed.author == "Ada Administratör-Fiktiv"
    assert services.journal.my_drafts(ref.case_id) == []


def test_a_signed_entry_cannot_be_changed_by_any_service_call(
    env: Env, services: CaseWorkServices
) -> None:
    ref = register(services)
    entry_id = services.journal.sign(ref.case_id, None, entry("Originaltext"))
    calls = (
        lambda: services.journal.save_draft(ref.case_id, entry_id, entry("Ändrad")),
        lambda: services.journal.sign(ref.case_id, entry_id, entry("Ändrad")),
        lambda: services.journal.discard_draft(ref.case_id, entry_id),
    )
    for call in calls:
        with pytest.raises(InvalidInput):
            call()
    # And below the services: the store itself refuses.
    store = env.ctx.require_store()
    for statement in (
        f"UPDATE journal_entries SET text = 'Ändrad' WHERE id = {entry_id}",
        f"DELETE FROM journal_entries WHERE id = {entry_id}",
    ):
        with pytest.raises(sa_exc.DatabaseError, match="read-only"), store.session() as session:
            session.execute(text(statement))
    assert services.journal.entry(ref.case_id, entry_id).text == "Originaltext"


def test_a_correction_is_linked_and_the_original_stays_readable(
    services: CaseWorkServices,
) -> None:
    ref = register(services)
    original = services.journal.sign(
        ref.case_id, None, entry("Fel datum angivet", date(2026, 2, 21))
    )
    with pytest.raises(InvalidInput, match="Skälet"):
        services.journal.correct(ref.case_id, original, "", entry("Rätt"))
    fixed = services.journal.correct(
        ref.case_id, original, "Fel händelsedatum", entry("Rätt datum", date(2026, 2, 22))
    )
    with pytest.raises(InvalidInput, match="redan rättad"):
        services.journal.correct(ref.case_id, original, "Igen", entry("Igen"))
    old = services.journal.entry(ref.case_id, original)
    new = services.journal.entry(ref.case_id, fixed)
    assert (old.text, old.corrected_by_id) == ("Fel datum angivet", fixed)
    assert (new.corrects_id, new.correction_reason, new.is_draft) == (
        original,
        "Fel händelsedatum",
        False,
    )
    draft = services.journal.save_draft(ref.case_id, None, entry("utkast"))
    with pytest.raises(InvalidInput, match="Bara signerade"):
        services.journal.correct(ref.case_id, draft, "skäl", entry("x"))


def test_timeline_is_by_event_date_and_filters(services: CaseWorkServices) -> None:
    ref = register(services, markers=())
    services.journal.sign(ref.case_id, None, entry("Mitten", date(2026, 2, 22)))
    services.journal.sign(ref.case_id, None, entry("Tidigast", date(2026, 2, 21)))
    services.journal.sign(
        ref.case_id,
        None,
        EntryDraft(date(2026, 2, 24), EntryKind.MEETING, SourceKind.AUTHORITY, "Skolan", "Senast"),
    )
    texts = [e.text for e in services.journal.timeline(ref.case_id).entries]
    assert texts[1:] == ["Senast", "Mitten", "Tidigast"]  # the intake event is dated today
    meetings = services.journal.timeline(
        ref.case_id, TimelineFilter(kinds=frozenset({EntryKind.MEETING}))
    )
    assert [(e.text, e.source_text) for e in meetings.entries] == [("Senast", "Myndighet: Skolan")]
    period = services.journal.timeline(
        ref.case_id, TimelineFilter(date_from=date(2026, 2, 22), date_to=date(2026, 2, 23))
    )
    assert [e.text for e in period.entries] == ["Mitten"]
    page = services.journal.timeline(ref.case_id, offset=1, limit=2)
    assert (page.total, [e.text for e in page.entries]) == (4, ["Senast", "Mitten"])


def test_search_finds_number_name_and_text_with_highlight(services: CaseWorkServices) -> None:
    ref = register(services)
    services.journal.sign(ref.case_id, None, entry("Samtal om kontaktförbud och skyddat boende"))
    assert [c.number for c in services.search.search(ref.number).cases] == [ref.number]
    assert [c.case_id for c in services.search.search("testsson").cases] == [ref.case_id]
    by_number = services.search.search("850412-1234")  # not the generated number
    assert by_number.cases == ()
    [hit] = services.search.search("kontaktför").hits
    assert f"{HIGHLIGHT_START}kontaktförbud{HIGHLIGHT_END}" in hit.snippet
    assert hit.case_id == ref.case_id
    # FTS5 syntax typed by a user is just text.
    assert services.search.search('"kontakt* OR NEAR(').hits == ()


def test_search_finds_the_identity_number_in_both_forms(services: CaseWorkServices) -> None:
    from tests.casework import adult, personnummer

    ref = register(services, adult(birth=date(1985, 4, 12), serial=123))
    full = personnummer(date(1985, 4, 12), 123)
    for typed in (full, full[2:], full.replace("-", "")):
        assert [c.case_id for c in services.search.search(typed).cases] == [ref.case_id]


def test_drafts_are_private_and_search_respects_access(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    one_time = env.admin.add_user("bo", "Bo Kollegasson-Fiktiv", {"caseworker"})
    services = CaseWorkServices.for_context(env.ctx)
    ref = register(services, protected_adult())
    services.journal.sign(ref.case_id, None, entry("Planerar flytt till skyddat boende"))
    services.journal.save_draft(ref.case_id, None, entry("Utkast om skyddat boende"))
    assert len(services.search.search("skyddat boende").hits) == 2
    env.auth.logout()
    env.auth.login("bo", one_time)
    env.auth.change_own_password(one_time, "blå cykel i regnet 5", "blå cykel i regnet 5")
    found = services.search.search("skyddat boende")
    assert (found.cases, found.hits) == ((), ())
    assert services.search.search("Hemligsson").cases == ()


def test_name_search_folds_swedish_letters(services: CaseWorkServices) -> None:
    from tests.casework import adult

    ref = register(services, adult("Åsa", "Öberg-Fiktiv"))
    for typed in ("åsa öberg", "ÅSA", "öberg-fiktiv"):
        assert [c.case_id for c in services.search.search(typed).cases] == [ref.case_id]
    assert [m.name for m in services.persons.find("ÖBERG")] == ["Åsa Öberg-Fiktiv"]


def test_search_query_expands_long_words_and_keeps_syntax_out() -> None:
    from vinr_desktop.services.cases.search import MAX_EXPANSION, fts_query

    words = {"kontakt": ["kontakt", "kontakten", "kontaktförbud"], "ho": ["never asked"]}
    assert fts_query("Kontakt ho", lambda w: words.get(w.lower())) == (
        '("kontakt" OR "kontakten" OR "kontaktförbud") AND "ho"*'
    )
    assert fts_query("hembesök", lambda _w: None) == '"hembesök"*'  # too many: a prefix
    assert fts_query('"; DROP', lambda _w: ['x"y']) == '("x""y")'  # quotes stay text
    assert fts_query("?!", None) is None
    assert MAX_EXPANSION >= 16


def test_search_finds_every_word_a_long_prefix_begins(services: CaseWorkServices) -> None:
    ref = register(services)
    for text_ in ("Kontakt med skolan", "Kontakten bröts", "Kontaktförbud beviljat", "Kontor"):
        services.journal.sign(ref.case_id, None, entry(text_))
    found = {
        h.snippet.split(HIGHLIGHT_END)[0].split(HIGHLIGHT_START)[1]
        for h in services.search.search("kontakt").hits
    }
    assert found == {"Kontakt", "Kontakten", "Kontaktförbud"}
    assert services.search.search("kontaktx").hits == ()


def test_the_clients_objection_is_a_signed_entry_shown_with_the_entry(
    services: CaseWorkServices,
) -> None:
    ref = register(services)
    original = services.journal.sign(
        ref.case_id, None, entry("Klienten sade att hon inte var rädd.", date(2026, 2, 21))
    )
    with pytest.raises(InvalidInput, match="Klientens invändning"):
        services.journal.record_objection(ref.case_id, original, date(2026, 3, 1), " ")
    objection = services.journal.record_objection(
        ref.case_id, original, date(2026, 3, 1), "Jag sade att jag var rädd hela tiden."
    )
    old = services.journal.entry(ref.case_id, original)
    new = services.journal.entry(ref.case_id, objection)
    assert old.text == "Klienten sade att hon inte var rädd." and old.objected_by_ids == (
        objection,
    )
    assert old.corrected_by_id is None  # an objection is not a correction: the entry stands
    assert (new.objects_to_id, new.is_draft, new.source_text) == (original, False, "Klienten")
    draft = services.journal.save_draft(ref.case_id, None, entry("utkast"))
    with pytest.raises(InvalidInput, match="signerad anteckning"):
        services.journal.record_objection(ref.case_id, draft, date(2026, 3, 1), "Fel.")
