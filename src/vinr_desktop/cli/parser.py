"""The argument parser of `vinr-admin`: Swedish help texts, headings and error messages."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from vinr_desktop import __version__
from vinr_desktop.cli.common import EXIT_USAGE

Command = Callable[[argparse.Namespace], int]

# argparse's own messages, put into Swedish (Python's argparse ships no Swedish catalogue).
_ARGPARSE_SWEDISH = (
    ("the following arguments are required:", "följande argument krävs:"),
    ("unrecognized arguments:", "okända argument:"),
    ("expected one argument", "ett värde saknas"),
    ("invalid choice:", "ogiltigt val:"),
    ("choose from", "välj bland"),
    ("ambiguous option:", "tvetydig flagga:"),
    ("could match", "kan betyda"),
    ("not allowed with argument", "går inte att kombinera med"),
    ("ignored explicit argument", "värdet används inte:"),
)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Användning: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """ArgumentParser with Swedish headings, help flag and error messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help="visa hjälpen och avsluta",
        )

    def error(self, message: str) -> NoReturn:
        for english, swedish in _ARGPARSE_SWEDISH:
            message = message.replace(english, swedish)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fel: {message}\n")


# -- the parser ------------------------------------------------------------------------------

_DESCRIPTION = """\
Administrera ett VINR Desktop-register från terminalen: skapa ett nytt register eller ett
demoregister, kontrollera att ett register är helt, visa dess status utan lösenord, och ta,
kontrollera och återställ krypterade säkerhetskopior. Inget ärendeinnehåll visas någonsin."""

_EPILOG = """\
exempel:
  vinr-admin init --data-dir /srv/vinr --username testa --full-name "Testa Testsson (fiktiv)" \\
      --roles caseworker,admin --municipality "Ånge kommun" --unit "VINR-enheten"
  vinr-admin demo --data-dir /tmp/vinr-demo --cases 200
  vinr-admin status --data-dir /srv/vinr
  vinr-admin verify --data-dir /srv/vinr --username testa
  vinr-admin backup --data-dir /srv/vinr --username testa --to /media/usb
  vinr-admin verify-backup /media/usb/vinr-kopia-2026-03-02-153012Z-3f2a9c1b --username testa
  vinr-admin restore /media/usb/vinr-kopia-2026-03-02-153012Z-3f2a9c1b --data-dir /srv/ny \\
      --recovery-code-stdin
  vinr-admin gallring --list --data-dir /srv/vinr --username chef
  vinr-admin arkivexport --to /media/arkiv --data-dir /srv/vinr --username chef

slutkoder: 0 klart, 1 fel som användaren kan åtgärda, skadad databas eller skadad
säkerhetskopia, 2 fel i kommandot, 3 oväntat fel (programfel), 4 loggen går inte att
verifiera (i registret eller i säkerhetskopian).

För tester och automatisering: VINR_KDF_FLOOR=1 gör att nya nyckelplatser får lägsta tillåtna
Argon2id-nivå (64 MiB, 3 varv) i stället för att mätas fram för datorn."""


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=88)


MAX_DEMO_CASES = 5000


def _case_count(text: str) -> int:
    """`--cases`: a whole number from 0 to MAX_DEMO_CASES (argparse reports the message)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"antalet ärenden ska vara ett heltal: {text}") from None
    if not 0 <= value <= MAX_DEMO_CASES:
        raise argparse.ArgumentTypeError(
            f"antalet ärenden ska vara mellan 0 och {MAX_DEMO_CASES}: {text}"
        )
    return value


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="MAPP",
        help="registrets mapp (standard: mappen register, eller demoregister för demo, i "
        "programmets datamapp för den inloggade användaren)",
    )


def _add_password_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="läs lösenordet från en rad på standard in i stället för att fråga",
    )


def _add_backup_secret(parser: argparse.ArgumentParser, *, backup_password: bool) -> None:
    """Who opens: an administrator (--username, password asked or --password-stdin) or the
    recovery code on standard in (or, for reading a backup, the backup password)."""
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--username", metavar="NAMN", help="administratören som gör det")
    who.add_argument(
        "--recovery-code-stdin",
        action="store_true",
        help="läs återställningskoden från en rad på standard in i stället för en användare",
    )
    if backup_password:
        who.add_argument(
            "--backup-password-stdin",
            action="store_true",
            help="läs säkerhetskopieringslösenordet från en rad på standard in",
        )
    _add_password_stdin(parser)


def _add_backup_commands(commands: Any, handlers: Mapping[str, Command]) -> None:
    backup = commands.add_parser(
        "backup",
        help="ta en krypterad säkerhetskopia av registret",
        description=_wrap(
            "Tar en säkerhetskopia av registret (medan det används går bra) till en ny mapp i "
            "MAPP, krypterad med en egen nyckel som bara administratörerna och "
            "återställningskoden kan öppna. Kopian kontrolleras innan den får sitt slutliga "
            "namn; en kopia som inte klarar kontrollen tas bort. Bara en administratör (eller "
            "återställningskoden) kan ta en kopia. Slutkod 0 om kopian är skriven och "
            "kontrollerad, 1 vid fel (fel lösenord, full disk, ingen behörighet), 4 om "
            "registrets logg inte går att verifiera."
        ),
    )
    _add_data_dir(backup)
    backup.add_argument(
        "--to", required=True, type=Path, metavar="MAPP", help="var kopian ska läggas"
    )
    _add_backup_secret(backup, backup_password=False)
    backup.set_defaults(func=handlers["backup"])

    verify = commands.add_parser(
        "verify-backup",
        help="kontrollera en säkerhetskopia och visa dess innehållsförteckning",
        description=_wrap(
            "Öppnar säkerhetskopian (med en administratörs lösenord från när kopian togs, "
            "återställningskoden eller säkerhetskopieringslösenordet), kontrollerar den helt "
            "utan att ändra något och visar innehållsförteckningen: när den togs, "
            "databasschema, loggens sista post och antal rader per tabell – aldrig "
            "ärendeinnehåll. Slutkod 0 om kopian är hel, 1 om den är skadad eller lösenordet "
            "är fel, 4 om loggen i kopian inte går att verifiera."
        ),
    )
    verify.add_argument(
        "backup", type=Path, metavar="KOPIA", help="kopians mapp (eller en fil i den)"
    )
    _add_backup_secret(verify, backup_password=True)
    verify.set_defaults(func=handlers["verify-backup"])

    restore = commands.add_parser(
        "restore",
        help="återställ ett register från en säkerhetskopia till en ny mapp",
        description=_wrap(
            "Kontrollerar säkerhetskopian och återställer den som ett nytt register i en ny, "
            "tom mapp (--data-dir), med en ny databasnyckel. Användarna loggar in med de "
            "lösenord de hade när kopian togs, och återställningskoden från då fungerar. Ett "
            "äldre databasschema uppgraderas. Ett befintligt register skrivs aldrig över. "
            "Slutkod 0 om registret är återställt och kontrollerat, 1 vid fel (skadad kopia, "
            "fel lösenord, mappen finns redan), 4 om loggen i kopian inte går att verifiera."
        ),
    )
    restore.add_argument(
        "backup", type=Path, metavar="KOPIA", help="kopians mapp (eller en fil i den)"
    )
    _add_data_dir(restore)
    _add_backup_secret(restore, backup_password=True)
    restore.set_defaults(func=handlers["restore"])

    rebuild = commands.add_parser(
        "rebuild-keys",
        help="bygg upp en förlorad eller skadad nyckelfil från en säkerhetskopia",
        description=_wrap(
            "När nyckelfilen vinr.keys saknas eller är skadad men databasen vinr.db är hel: "
            "bygger en ny nyckelfil av kopian av den som finns i säkerhetskopian. Går bara om "
            "registret inte har fått en ny nyckel efter kopian (ingen användare borttagen). "
            "Användarna loggar in med lösenorden från när kopian togs. En skadad nyckelfil "
            "flyttas åt sidan, aldrig bort. Slutkod 0 om nyckelfilen är uppbyggd, 1 vid fel, "
            "4 om registrets logg inte hänger ihop med kopian."
        ),
    )
    _add_data_dir(rebuild)
    rebuild.add_argument(
        "--from-backup", required=True, type=Path, metavar="KOPIA", help="säkerhetskopian"
    )
    _add_backup_secret(rebuild, backup_password=False)
    rebuild.set_defaults(func=handlers["rebuild-keys"])


def _add_retention_commands(commands: Any, handlers: Mapping[str, Command]) -> None:
    gallring = commands.add_parser(
        "gallring",
        help="visa gallringsförslaget (enhetschef) eller läs in en dokumenthanteringsplan",
        description=_wrap(
            "--list visar vilka regler som gäller och sedan när, och gallringsförslaget: varje "
            "ärende som ska gallras med sista dag, och varje ärende som bevaras eller väntar, "
            "med skälet. Bara enhetschefen; ärendenummer och datum, aldrig namn (ett skyddat "
            "ärende som du inte har behörighet till visas med sin kod). Gallringen godkänns i "
            "programmet. --plan FIL läser in kommunens dokumenthanteringsplan (administratör). "
            "Slutkod 0 klart, 1 vid fel (fel lösenord, ingen behörighet, felaktig fil)."
        ),
    )
    _add_data_dir(gallring)
    what = gallring.add_mutually_exclusive_group(required=True)
    what.add_argument("--list", action="store_true", help="visa gallringsförslaget")
    what.add_argument(
        "--plan", type=Path, metavar="FIL", help="läs in en dokumenthanteringsplan (JSON)"
    )
    gallring.add_argument("--username", required=True, metavar="NAMN", help="vem som frågar")
    _add_password_stdin(gallring)
    gallring.set_defaults(func=handlers["gallring"])

    export = commands.add_parser(
        "arkivexport",
        help="skriv ett e-arkivpaket med de ärenden som bevaras (eller hela registret)",
        description=_wrap(
            "Skriver ett e-arkivpaket (E-ARK SIP enligt FGS Paketstruktur: METS.xml med "
            "kontrollsummor, ärendemetadata i XML och varje ärendes sammanställning som PDF/A) "
            "i en ny mapp i MAPP. Utan --hela-registret: de avslutade ärenden som bevaras. "
            "Med: hela registret, för byte av system. Bara enhetschefen, och bara ärenden som "
            "enhetschefen har behörighet till; varje dokument loggas. Slutkod 0 klart, 1 vid "
            "fel."
        ),
    )
    _add_data_dir(export)
    export.add_argument(
        "--to", required=True, type=Path, metavar="MAPP", help="var paketet ska läggas"
    )
    export.add_argument(
        "--hela-registret", action="store_true", help="alla ärenden, inte bara de som bevaras"
    )
    export.add_argument("--username", required=True, metavar="NAMN", help="enhetschefen")
    _add_password_stdin(export)
    export.set_defaults(func=handlers["arkivexport"])


def _add_statistics_commands(commands: Any, handlers: Mapping[str, Command]) -> None:
    statistik = commands.add_parser(
        "statistik",
        help="skriv årets indikatorfil för länets kartläggning (enhetschef)",
        description=_wrap(
            "Skriver årets statistik som en indikatorfil (JSON, schemat i resources/statistics/"
            "indikatorfil.schema.json): bara antal, antal från 1 till 4 och celler som skulle "
            "avslöja dem dolda, kommunkoden och definitionerna som använts. Aldrig en person "
            "eller ett ärende. Bara enhetschefen; loggas. Slutkod 0 klart, 1 vid fel."
        ),
    )
    _add_data_dir(statistik)
    statistik.add_argument("--year", required=True, type=int, metavar="ÅR", help="kalenderår")
    statistik.add_argument("--format", choices=("json",), default="json", help="filformat (json)")
    statistik.add_argument(
        "--kommunkod", metavar="KOD", help="SCB:s kommunkod (annars den som angetts i programmet)"
    )
    statistik.add_argument("--out", type=Path, metavar="FIL", help="var filen ska skrivas")
    statistik.add_argument("--username", required=True, metavar="NAMN", help="enhetschefen")
    _add_password_stdin(statistik)
    statistik.set_defaults(func=handlers["statistik"])
    merge = commands.add_parser(
        "sammanstall",
        help="slå ihop kommunernas indikatorfiler till en länstabell och PDF",
        description=_wrap(
            "Läser indikatorfiler från valfritt antal kommuner (samma år och schemaversion), "
            "skriver länstabellen och, med --out, en PDF. Sammanslagna celler röjandeskyddas "
            "på nytt. Kräver inget register. Slutkod 0 klart, 1 vid fel (t.ex. en fil av en "
            "annan version)."
        ),
    )
    merge.add_argument("files", nargs="+", type=Path, metavar="FIL", help="indikatorfiler")
    merge.add_argument("--out", type=Path, metavar="PDF", help="var PDF:en ska skrivas")
    merge.set_defaults(func=handlers["sammanstall"])


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"datum skrivs ÅÅÅÅ-MM-DD: {text}") from None


def _add_compliance_command(commands: Any, handlers: Mapping[str, Command]) -> None:
    check = commands.add_parser(
        "egenkontroll",
        help="egenkontrollens tio frågor för ett stickprov av ärenden, som CSV",
        description=_wrap(
            "Skriver raderna ärende;fråga;svar;detalj (frågorna K1-K10, svaren JA, NEJ, DELVIS, "
            "PÅGÅENDE, ET) för ärendena som aktualiserades under perioden, per granskningsdag. "
            "Handläggare och enhetschef, aldrig administratören. Ett skyddat ärende som du inte "
            "har behörighet till skrivs med sin kod. Loggas. Slutkod 0 klart, 1 vid fel."
        ),
    )
    _add_data_dir(check)
    check.add_argument("--username", required=True, metavar="NAMN", help="vem som frågar")
    _add_password_stdin(check)
    check.add_argument("--from", dest="from_date", required=True, type=_day, metavar="DATUM")
    check.add_argument("--to", dest="to_date", required=True, type=_day, metavar="DATUM")
    group = check.add_mutually_exclusive_group()
    group.add_argument("--adults", action="store_true", help="bara vuxna")
    group.add_argument("--children", action="store_true", help="bara barn")
    check.add_argument("--first", type=int, metavar="N", help="de N första efter aktualisering")
    check.add_argument("--review-date", type=_day, metavar="DATUM", help="standard: i dag")
    check.add_argument("--format", choices=("csv",), default="csv", help="utdata (csv)")
    check.set_defaults(func=handlers["egenkontroll"])


def build_parser(handlers: Mapping[str, Command]) -> argparse.ArgumentParser:
    parser = _Parser(prog="vinr-admin", description=_DESCRIPTION, epilog=_EPILOG)
    parser.add_argument(
        "--version",
        action="version",
        version=f"vinr-admin {__version__}",
        help="visa programversionen och avsluta",
    )
    commands = parser.add_subparsers(title="kommandon", dest="command", metavar="KOMMANDO")
    commands.required = True

    init = commands.add_parser(
        "init",
        help="skapa ett nytt register med den första användaren",
        description=_wrap(
            "Skapar ett nytt, tomt register med den första användaren (som måste vara "
            "administratör) och visar återställningskoden en enda gång. Samma regler som "
            "guiden i programmet. Lösenordet frågas två gånger, eller läses från standard in "
            "med --password-stdin. Kommun och enhet frågas om de inte anges."
        ),
    )
    _add_data_dir(init)
    init.add_argument("--username", required=True, metavar="NAMN", help="användarnamn")
    init.add_argument("--full-name", required=True, metavar="NAMN", help="för- och efternamn")
    init.add_argument(
        "--roles",
        required=True,
        metavar="ROLLER",
        help="kommaseparerade roller: caseworker (handläggare), manager (enhetschef), "
        "admin (administratör); admin måste finnas med",
    )
    init.add_argument("--municipality", metavar="KOMMUN", help="kommunens namn")
    init.add_argument("--unit", metavar="ENHET", help="enhetens namn")
    init.add_argument(
        "--bind-device",
        action="store_true",
        help="bind registret till den här datorns nyckelring (om en godkänd finns)",
    )
    _add_password_stdin(init)
    init.set_defaults(func=handlers["init"])

    demo = commands.add_parser(
        "demo",
        help="skapa ett demoregister med påhittat innehåll",
        description=_wrap(
            "Skapar ett demoregister med påhittade användare och ett känt lösenord, för "
            "utbildning och provkörning, fyllt med påhittade ärenden: personer, markeringar "
            "och ungefär ett års journalanteckningar. Aldrig för riktiga ärenden."
        ),
    )
    _add_data_dir(demo)
    demo.add_argument(
        "--cases",
        type=_case_count,
        default=None,
        metavar="ANTAL",
        help="hur många påhittade ärenden registret fylls med (standard: 40; högst 5000)",
    )
    demo.set_defaults(func=handlers["demo"])

    verify = commands.add_parser(
        "verify",
        help="kontrollera att registret är helt och att loggen inte har ändrats",
        description=_wrap(
            "Låser upp registret (full nyckelhärledning), kör integrity_check och "
            "cipher_integrity_check och verifierar granskningsloggen. Om allt är rätt loggas "
            "kontrollen som en vanlig in- och utloggning; om något är fel ändras ingenting "
            "och varje fel skrivs ut. Slutkod 0 om allt är rätt, 1 för en skadad databas "
            "eller fel lösenord, 4 om loggen inte går att verifiera."
        ),
    )
    _add_data_dir(verify)
    verify.add_argument("--username", required=True, metavar="NAMN", help="vem som kontrollerar")
    _add_password_stdin(verify)
    verify.set_defaults(func=handlers["verify"])

    status = commands.add_parser(
        "status",
        help="visa registrets status utan lösenord",
        description=_wrap(
            "Visar filformat, användarnamn, datorbindning, återställningskod, nyckelepok, om "
            "nyckelfil och databas hör ihop, och databasens storlek. Kräver inget lösenord och "
            "visar inget innehåll. Slutkod 1 om nyckelfilen saknas eller är skadad, eller om "
            "den inte hör till databasfilen."
        ),
    )
    _add_data_dir(status)
    status.set_defaults(func=handlers["status"])
    _add_backup_commands(commands, handlers)
    _add_retention_commands(commands, handlers)
    _add_statistics_commands(commands, handlers)
    _add_compliance_command(commands, handlers)
    return parser
