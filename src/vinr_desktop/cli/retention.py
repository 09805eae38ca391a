"""`vinr-admin gallring` and `vinr-admin arkivexport`: the gallringsförslag listed for the
enhetschef, the administrator's dokumenthanteringsplan loaded, and the e-arkiv package written.

Each logs in as the named user (her password asked, or one line from standard in), so access is
the program's own: the proposal and the export are the enhetschef's, the plan the
administrator's. Output holds case numbers (a protected case the user may not open by its
keyed reference), dates and rules, never a name or any other content. Exit codes as in
cli/common.py: 0 done, 1 an error the user can act on (wrong password, no right, bad file).
"""

from __future__ import annotations

import argparse

from vinr_desktop.cli.common import EXIT_OK, context, err, out, read_password
from vinr_desktop.domain.errors import InvalidInput, NoStore
from vinr_desktop.domain.plurals import count_text
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.retention.archive import ArchiveService
from vinr_desktop.services.retention.service import RetentionService
from vinr_desktop.views.retention import RulesView


def _logged_in(args: argparse.Namespace) -> tuple[AppContext, AuthService]:
    ctx = context(args.data_dir)
    if not ctx.store_exists():
        raise NoStore()
    auth = AuthService(ctx)
    auth.login(args.username, read_password(args))
    return ctx, auth


def _rules(rules: RulesView) -> None:
    out(f"Regler i kraft sedan {rules.in_force_since}: {rules.name}")
    out(f"  Lagrum: {rules.reference}")
    days = ", ".join(str(d) for d in rules.research_birth_days)
    out(f"  Gallras {rules.years} år efter sista anteckningen; bevaras: födda den {days}")
    for kind in rules.kept_kinds:
        out(f"  Bevaras: {kind}")
    if rules.plan_name:
        out(
            f"  Dokumenthanteringsplan: {rules.plan_name} ({rules.plan_decision}, "
            f"gäller från {rules.plan_in_force_from})"
        )


def cmd_gallring(args: argparse.Namespace) -> int:
    """--list: the proposal (enhetschef); --plan FIL: load a dokumenthanteringsplan (admin)."""
    ctx, auth = _logged_in(args)
    try:
        retention = RetentionService(ctx)
        if args.plan is not None:
            try:
                data = args.plan.read_bytes()
            except OSError as exc:
                raise InvalidInput(f"Filen {args.plan.name} kan inte läsas.") from exc
            _rules(retention.load_plan(data))
            out("Dokumenthanteringsplanen är inläst.")
            return EXIT_OK
        proposal = retention.proposal()
        _rules(proposal.rules)
        out()
        out(f"{'Ärende':<26} {'Sista anteckning':<17} {'Gallras senast':<15} Bedömning")
        for row in proposal.rows:
            finish = row.finish_by if row.due else "–"
            out(f"{row.label:<26} {row.last_entry:<17} {finish:<15} {row.verdict_label}")
        due = sum(1 for row in proposal.rows if row.due)
        out()
        out(
            f"{count_text(due, 'ärende', 'ärenden')} ska gallras; "
            f"{len(proposal.rows) - due} bevaras eller väntar; "
            f"{proposal.not_yet} har inte nått fem år; {proposal.open_cases} öppna."
        )
        if due:
            err("Gallringen godkänns och genomförs i programmet (Gallring), med nämndens beslut.")
        return EXIT_OK
    finally:
        auth.logout()
        ctx.release()


def cmd_arkivexport(args: argparse.Namespace) -> int:
    """Write the e-arkiv package of the kept cases (or the whole register) into --to."""
    ctx, auth = _logged_in(args)
    try:
        err("Skriver e-arkivpaketet ...")
        result = ArchiveService(ctx).export(
            args.to.expanduser().absolute(), whole_register=args.hela_registret
        )
        out(f"E-arkivpaketet är skrivet: {result.folder}")
        out(
            f"  {count_text(result.cases, 'ärende', 'ärenden')}, "
            f"{count_text(result.documents, 'dokument', 'dokument')} (PDF/A)"
        )
        if result.not_included:
            out(
                f"  {count_text(result.not_included, 'skyddat ärende', 'skyddade ärenden')} "
                "som du inte har behörighet till är inte med."
            )
        return EXIT_OK
    finally:
        auth.logout()
        ctx.release()
