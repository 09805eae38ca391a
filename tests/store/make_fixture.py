"""Write the committed store fixture tests/fixtures/stores/v0001/ (schema revision 0001).

Run once from the repository root when a new old-format fixture is needed:

    .venv/bin/python -m tests.store.make_fixture

The store is fictional: a made-up unit, one user with the password below, a few audit events.
test_migrations.py copies it to a temporary folder and unlocks it (upgrading it to head).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from vinr_desktop.store import keys, vault
from vinr_desktop.store.paths import StorePaths

REVISION = "0001"
FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "stores" / f"v{REVISION}"
USERNAME = "gammal"
PASSWORD = "fixtur från version ett"
FULL_NAME = "Greta Gammal-Fiktiv"
EVENTS = 3  # after store_created and user_added


def make(target: Path = FIXTURE_DIR) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        paths = StorePaths(Path(scratch) / "register")
        store, _code = vault.create_store(
            paths,
            vault.StoreFacts("Fixturkommun (fiktiv)", "Fixturenheten (fiktiv)"),
            vault.NewUser(vault.new_id(), USERNAME, FULL_NAME, ("caseworker", "admin"), PASSWORD),
            kdf=keys.KdfParams.floor(),
            device=None,
            schema_target=REVISION,
        )
        try:
            for i in range(EVENTS):
                with store.session() as session:
                    store.record(session, user_id=None, action="fixture_event", object_id=str(i))
        finally:
            store.close()
        target.mkdir(parents=True, exist_ok=True)
        for path in (paths.db, paths.header):
            shutil.copyfile(path, target / path.name)


if __name__ == "__main__":
    make()
    print(f"wrote {FIXTURE_DIR}")
