"""A store written at an older schema revision is upgraded at unlock, users and chain intact."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from tests.store import make_fixture
from tests.store.conftest import FULL_NAME, PASSWORD, USERNAME, add_events, create, raw, sha256
from vinr_desktop.store import migrations, vault
from vinr_desktop.store.paths import StorePaths
from vinr_desktop.store.schema import SettingRow, UserRow


def _schema(paths: StorePaths, data_key: bytes) -> tuple[str, set[str], set[str]]:
    """(revision, tables, columns of users) read straight from the file."""
    conn = raw(paths, data_key)
    try:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        columns = {r[1] for r in conn.execute("PRAGMA table_info(users)")}
    finally:
        conn.close()
    return revision, tables, columns


def test_head_is_a_later_revision_than_0001() -> None:
    assert migrations.head_revision() not in ("", "0001")


def test_store_at_0001_is_upgraded_to_head_at_unlock(tmp_path: Path) -> None:
    made = create(tmp_path / "register", schema_target="0001")
    add_events(made.store, 2)
    data_key = made.store.data_key
    made.store.close()
    revision, tables, columns = _schema(made.paths, data_key)
    assert revision == "0001"
    assert "settings" not in tables and "last_login_utc" not in columns

    store = vault.unlock(made.paths, USERNAME, PASSWORD, device=None).store
    try:
        revision, tables, columns = _schema(made.paths, store.data_key)
        assert revision == migrations.head_revision()
        assert "settings" in tables and "last_login_utc" in columns
        with store.session() as session:
            users = session.execute(select(UserRow)).scalars().all()
            assert [(u.id, u.username, u.full_name) for u in users] == [
                (made.user_id, USERNAME, FULL_NAME)
            ]
            assert users[0].last_login_utc is None
            session.add(SettingRow(key="idle_lock_minutes", value="7"))  # the new table works
            store.record(session, user_id=made.user_id, action="after_upgrade")
        report = store.verify_audit()
        assert report.ok, report.problems
        assert report.count == 5
        assert store.integrity_check() == []
    finally:
        store.close()


def test_committed_v0001_fixture_opens_and_is_upgraded(tmp_path: Path) -> None:
    paths = StorePaths(tmp_path / "register")
    paths.folder.mkdir()
    for name in ("vinr.db", "vinr.keys"):
        shutil.copyfile(make_fixture.FIXTURE_DIR / name, paths.folder / name)

    as_committed = sha256(paths.db)
    opened = vault.unlock(paths, make_fixture.USERNAME, make_fixture.PASSWORD, device=None)
    store = opened.store
    try:
        revision, _tables, columns = _schema(paths, store.data_key)
        assert revision == migrations.head_revision()
        assert "last_login_utc" in columns
        with store.session() as session:
            users = session.execute(select(UserRow.username, UserRow.full_name)).all()
        assert [tuple(u) for u in users] == [(make_fixture.USERNAME, make_fixture.FULL_NAME)]
        report = store.verify_audit()
        assert report.ok, report.problems
        assert report.count == 2 + make_fixture.EVENTS
        assert store.integrity_check() == []
    finally:
        store.close()
    assert sha256(paths.db) != as_committed  # the upgrade was written to the file
    # The second unlock finds nothing left to migrate and leaves the file as it was.
    upgraded = sha256(paths.db)
    store = vault.unlock(paths, make_fixture.USERNAME, make_fixture.PASSWORD, device=None).store
    try:
        assert store.verify_audit().ok
    finally:
        store.close()
    assert sha256(paths.db) == upgraded


def test_the_migrations_make_exactly_the_mapped_schema(tmp_path: Path) -> None:
    """Tables, columns and indexes the code maps are the ones the migrations create: a column
    added to one and not the other fails here, not in a user's store."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from vinr_desktop.store.engine import make_engine
    from vinr_desktop.store.tables import METADATA

    made = create(tmp_path / "register")
    engine = make_engine(made.paths.db, made.store.data_key)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            differences = compare_metadata(context, METADATA)
    finally:
        engine.dispose()
        made.store.close()
    # Virtual tables (full-text index, its word list) are made by SQL that SQLAlchemy does not map.
    ignored = ("journal_fts", "alembic_version")
    real = [
        d for d in differences if not (d[0] == "remove_table" and d[1].name.startswith(ignored))
    ]
    assert real == []


def test_0008_writes_stored_postal_codes_as_nnn_nn_and_adds_the_review_date(
    tmp_path: Path,
) -> None:
    """Rows saved by 0007 with postal codes as typed read "841 31" after the upgrade."""
    made = create(tmp_path / "register", schema_target="0007")
    data_key = made.store.data_key
    made.store.close()
    conn = raw(made.paths, data_key)
    try:
        for n, code in enumerate(("84131", "841 31", " 84 1 31", "", "8413", "ABCDE")):
            conn.execute(
                "INSERT INTO persons (id, identity_kind, postal_code, interpreter_needed, "
                "protection_level, created_utc, updated_utc) VALUES (?, 'none', ?, 0, 'none', "
                "'2026-03-02T09:00:00+00:00', '2026-03-02T09:00:00+00:00')",
                (f"p{n}", code),
            )
        conn.execute(
            "INSERT INTO providers (id, name, kind, postal_code, takes_children, active, "
            "created_utc, updated_utc) VALUES ('v', 'Jouren (fiktiv)', 'kvinnojour', '90326', 0, "
            "1, '2026-03-02T09:00:00+00:00', '2026-03-02T09:00:00+00:00')"
        )
        conn.commit()
    finally:
        conn.close()
    store = vault.unlock(made.paths, USERNAME, PASSWORD, device=None).store
    try:
        conn = raw(made.paths, store.data_key)
        try:
            persons = dict(conn.execute("SELECT id, postal_code FROM persons").fetchall())
            provider = conn.execute("SELECT postal_code FROM providers").fetchone()[0]
            columns = {r[1] for r in conn.execute("PRAGMA table_info(decisions)")}
        finally:
            conn.close()
        assert persons == {
            "p0": "841 31",
            "p1": "841 31",
            "p2": "841 31",
            "p3": "",
            "p4": "8413",  # not a postal code: left as it was, for a person to correct
            "p5": "ABCDE",
        }
        assert provider == "903 26"
        assert "review_on" in columns
    finally:
        store.close()


def test_0010_gives_each_reported_case_its_first_report_from_the_case_fields(
    tmp_path: Path,
) -> None:
    """A case saved by 0009 that began with a report keeps its two child steps, now on its
    first report row; a case that began with an application gets none."""
    made = create(tmp_path / "register", schema_target="0009")
    data_key = made.store.data_key
    made.store.close()
    conn = raw(made.paths, data_key)
    try:
        for n, (kind, assessed) in enumerate((("report", "2026-02-20"), ("application", None))):
            conn.execute(
                "INSERT INTO cases (id, number, year, running, status, intake_kind, intake_date, "
                "reporter_kind, reporter_text, responsible_user_id, is_child_case, protected, "
                "protection_assessed_on, protection_needed, protection_note, preliminary_note, "
                "closing_detail, closing_text, created_utc, updated_utc) VALUES (?, ?, 2026, ?, "
                "'intake', ?, '2026-02-20', 'police', '', ?, 1, 0, ?, 0, 'Fiktiv.', '', '', '', "
                "'2026-02-20T09:00:00+00:00', '2026-02-20T09:00:00+00:00')",
                (f"c{n}", f"VINR-2026-000{n}", n, kind, made.user_id, assessed),
            )
        conn.commit()
    finally:
        conn.close()
    store = vault.unlock(made.paths, USERNAME, PASSWORD, device=None).store
    try:
        conn = raw(made.paths, store.data_key)
        try:
            reports = conn.execute(
                "SELECT case_id, received_on, reporter_kind, protection_assessed_on, "
                "protection_note FROM child_reports"
            ).fetchall()
            columns = {r[1] for r in conn.execute("PRAGMA table_info(decisions)")}
        finally:
            conn.close()
        assert reports == [("c0", "2026-02-20", "police", "2026-02-20", "Fiktiv.")]
        assert {"child_needs", "guardian_consent"} <= columns
    finally:
        store.close()
