"""`vinr-admin statistik` and `vinr-admin sammanstall`: the year's indicator file for the county,
and any number of such files merged into the county's table and PDF.

`statistik` logs in as the named user (her password asked, or one line from standard in): the
file is the enhetschef's, audited, with published numbers only (small counts hidden). The file
holds counts, the municipality code and the definitions used — never a person or a case.
`sammanstall` reads files only; it needs no register and no login.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from vinr_desktop.cli.common import EXIT_OK, context, err, out, read_password
from vinr_desktop.domain.errors import InvalidInput, NoStore
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.documents.pipeline import county_document
from vinr_desktop.services.statistics.county import file_bytes, merge, read_file
from vinr_desktop.services.statistics.service import StatisticsService
from vinr_desktop.store.header import atomic_write
from vinr_desktop.views.statistics import table_rows


def cmd_statistik(args: argparse.Namespace) -> int:
    """Write the year's indicator file (JSON) for the county."""
    ctx = context(args.data_dir)
    if not ctx.store_exists():
        raise NoStore()
    auth = AuthService(ctx)
    auth.login(args.username, read_password(args))
    try:
        data = StatisticsService(ctx).county_file(args.year, args.kommunkod or "")
        target = args.out or Path(f"statistik-{data['municipality_code']}-{args.year}.json")
        try:
            atomic_write(target, file_bytes(data))
        except OSError as exc:
            raise InvalidInput(f"Filen {target.name} kan inte skrivas.") from exc
        out(f"Indikatorfilen är skriven: {target}")
        out("  Bara antal; antal från 1 till 4 och celler som skulle avslöja dem är dolda.")
        return EXIT_OK
    finally:
        auth.logout()
        ctx.release()


def cmd_sammanstall(args: argparse.Namespace) -> int:
    """Merge indicator files into the county's table (printed) and, with --out, a PDF."""
    files = []
    for path in args.files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"Filen {path.name} kan inte läsas.") from exc
        files.append((path.name, read_file(path.name, data)))
    report = merge(files, datetime.now(UTC).isoformat(timespec="seconds"))
    out(f"Länssammanställning {report.year}: {report.region}")
    for code, name, adults, made in report.municipalities:
        out(f"  {code} {name} (vuxna invånare: {adults}, filen skapad {made})")
    for figure in report.key_figures:
        out(f"  {figure.title}: {figure.count_text()} ({figure.rate_text()} per 10 000)")
    for table in report.tables:
        out()
        for row in table_rows(table):
            out(";".join(row))
    if args.out is not None:
        document = county_document(report)
        try:
            atomic_write(args.out, document.pdf)
        except OSError as exc:
            raise InvalidInput(f"Filen {args.out.name} kan inte skrivas.") from exc
        err(f"PDF skriven: {args.out}")
    return EXIT_OK
