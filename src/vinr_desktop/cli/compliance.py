"""`vinr-admin egenkontroll`: the auditors' ten questions over a stickprov of cases, printed as
`ärende;fråga;svar;detalj` rows for a spreadsheet or a script.

Logs in as the named user (her password asked, or one line from standard in) and asks through
the program's own service, so access is the program's: a handläggare gets the cases she may
open, the enhetschef the unit, the administrator nothing. A protected case the user may not
open is printed as "Skyddat ärende (ref. …)" with its answers and no detail. Both the table
and its output are audited. Exit codes as in cli/common.py.
"""

from __future__ import annotations

import argparse
import sys

from vinr_desktop.access.policy import Action, can
from vinr_desktop.cli.common import EXIT_OK, context, read_password
from vinr_desktop.domain.compliance_sample import Group, SampleMode, Selection
from vinr_desktop.domain.errors import AccessDenied, NoStore
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.compliance.service import ComplianceService, csv_text

NOT_FOR_ADMIN = (
    "Egenkontrollen görs av en handläggare eller enhetschefen. Administratören har inte "
    "behörighet till ärendenas innehåll."
)


def cmd_egenkontroll(args: argparse.Namespace) -> int:
    """Print the table of the sample as CSV rows on standard out."""
    ctx = context(args.data_dir)
    if not ctx.store_exists():
        raise NoStore()
    auth = AuthService(ctx)
    auth.login(args.username, read_password(args))
    try:
        if not can(ctx.require_user(), Action.VIEW_COMPLIANCE):
            raise AccessDenied(NOT_FOR_ADMIN)
        group = Group.ADULTS if args.adults else Group.CHILDREN if args.children else Group.BOTH
        review_on = args.review_date or ctx.now().astimezone().date()
        selection = Selection(
            period_from=args.from_date,
            period_to=args.to_date,
            review_on=review_on,
            group=group,
            mode=SampleMode.FIRST if args.first is not None else SampleMode.ALL,
            count=args.first if args.first is not None else 0,
        )
        service = ComplianceService(ctx)
        table = service.table(selection)
        service.record_export(table, "cli")
        sys.stdout.write(csv_text(table))
        sys.stdout.flush()
        return EXIT_OK
    finally:
        auth.logout()
        ctx.release()
