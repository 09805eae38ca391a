"""The demo's words, all fictional: names, surnames, the journal's phrases and everyday
details, closing texts and who reports (the generator draws from these)."""

from __future__ import annotations

from vinr_desktop.domain.journal import EntryKind

# -- vocabulary (all fictional) -----------------------------------------------------------

WOMEN = (
    "Anna", "Maria", "Sara", "Elin", "Lina", "Fatima", "Amira", "Karin", "Emma", "Jenny",
    "Sofia", "Hanna", "Leila", "Nour", "Ida", "Malin", "Petra", "Aisha", "Helena", "Tove",
)  # fmt: skip
MEN = (
    "Johan", "Erik", "Ali", "Mohammed", "Mikael", "Anders", "Peter", "Daniel", "Omar",
    "Stefan", "Niklas", "Jonas", "Tomas", "Ahmad", "Patrik", "Fredrik",
)  # fmt: skip
CHILDREN = (
    "Alva", "Elsa", "Noah", "Liam", "Ella", "Hugo", "Leo", "Maja", "Wilma", "Olle", "Saga",
    "Selma", "Adam", "Yusuf", "Vera", "Alice", "Nils", "Ebbe", "Lova", "Zara",
)  # fmt: skip
# The children's names a girl has in the demo (kön is recorded, never read off a name by the
# program: the demo only needs a plausible value for each fictional person).
GIRLS = frozenset(
    ("Alva", "Elsa", "Ella", "Maja", "Wilma", "Saga", "Selma", "Vera", "Alice", "Lova", "Zara")
)
SURNAMES = (
    "Testsson", "Demosson", "Fiktivsson", "Exempelsson", "Låtsasson", "Provström",
    "Övningsson", "Påhittsson", "Testdotter", "Demodotter", "Fiktivberg", "Exempellund",
    "Andersson-Fiktiv", "Nilsson-Fiktiv", "Ali-Testsson", "Hassan-Demosson",
)  # fmt: skip
LANGUAGES = ("arabiska", "somaliska", "tigrinja", "dari", "persiska", "thai", "polska")
CITY = "Demoby"
STREET = "Fiktiva vägen"

VIOLENCE_WEIGHTS = (
    ("violence_psychological", 70),
    ("violence_physical", 55),
    ("violence_economic", 20),
    ("violence_sexual", 15),
    ("violence_digital", 15),
    ("violence_latent", 10),
    ("violence_material", 10),
    ("violence_honour", 5),
    ("violence_neglect", 4),
    ("violence_forced_marriage", 2),
)
VULNERABILITY_WEIGHTS = (
    ("vuln_mental_health", 20),
    ("vuln_substance", 12),
    ("vuln_migrant", 12),
    ("vuln_disability", 8),
    ("vuln_young", 8),
    ("vuln_pregnancy", 5),
    ("vuln_elderly", 5),
    ("vuln_honour_context", 3),
    ("vuln_lgbtqi", 3),
)

SIGNED_KINDS = (
    (EntryKind.PHONE, 34),
    (EntryKind.NOTE, 18),
    (EntryKind.VISIT, 14),
    (EntryKind.LETTER, 12),
    (EntryKind.HOME_VISIT, 9),
    (EntryKind.MEETING, 9),
    (EntryKind.SIP_MEETING, 4),
)

OPENINGS: dict[EntryKind, tuple[str, ...]] = {
    EntryKind.PHONE: (
        "Telefonsamtal med {name}.",
        "{name} ringer och vill prata om veckan som varit.",
        "Ringer upp {name} som sökt handläggaren på förmiddagen.",
        "Telefonsamtal med {other} om {name}s situation.",
    ),
    EntryKind.HOME_VISIT: (
        "Hembesök hos {name} tillsammans med kollega.",
        "Oanmält hembesök hos {name}, ingen öppnar först.",
        "Hembesök enligt planering; {name} och barnen är hemma.",
    ),
    EntryKind.VISIT: (
        "{name} kommer på besök till socialkontoret.",
        "Besök av {name} på kontoret, samtalet tar en timme.",
        "{name} på besök tillsammans med {other}.",
    ),
    EntryKind.MEETING: (
        "Möte med {other} om {name}.",
        "Nätverksmöte med {name}, {other} och handläggaren.",
        "Uppföljningsmöte med {name} på kontoret.",
    ),
    EntryKind.SIP_MEETING: (
        "SIP-möte med {name}, {other} och regionens representant.",
        "Samordnad individuell plan: SIP-möte där {other} deltar.",
    ),
    EntryKind.LETTER: (
        "Brev skickat till {name} med kallelse till nästa möte.",
        "E-post från {other} angående {name}.",
        "Skickar begäran om uppgifter till {other}.",
    ),
    EntryKind.NOTE: (
        "Anteckning efter samråd i arbetsgruppen om {name}.",
        "Handläggaren noterar inför nästa kontakt med {name}.",
        "Sammanfattning av läget för {name}.",
    ),
}
OTHERS = (
    "kvinnojouren", "polisen", "skolkuratorn", "BUP", "vårdcentralen", "förskolan",
    "mödravården", "familjerätten", "ekonomiska handläggaren", "frivården", "tolken",
    "barnets mentor", "psykiatrin", "Kriminalvården", "Tjejjouren Demoby",
)  # fmt: skip
BODY = (
    "{name} berättar att situationen hemma har varit lugnare de senaste dagarna.",
    "{name} beskriver att hen blivit kontrollerad via telefonen och inte fått träffa vänner.",
    "Vi går igenom säkerhetsplanen och uppdaterar telefonnummer till kvinnojouren.",
    "{name} har gjort en polisanmälan och väntar på besked om kontaktförbud.",
    "Kontaktförbudet har beviljats enligt besked från polisen.",
    "Ansökan om ekonomiskt bistånd lämnas in för hyra och mat.",
    "Beslut om ekonomiskt bistånd för nästa månad fattas.",
    "Barnen har fått tid hos BUP för bedömning och samtal.",
    "Skolkuratorn oroar sig för att barnet är trött och frånvarande i skolan.",
    "Tolk på {language} bokas till nästa samtal.",
    "Samtalet genomförs med tolk på {language} via telefon.",
    "{name} bor kvar i skyddat boende och trivs med personalen.",
    "Plats i skyddat boende har ordnats genom kvinnojouren.",
    "Utflyttning från skyddat boende planeras till egen lägenhet.",
    "Vi pratar om vad barnen har bevittnat och vad de behöver.",
    "Risk för nytt våld bedöms som förhöjd; säkerhetsplanen ses över.",
    "{name} vill inte längre ha kontakt med den våldsutövande parten.",
    "Våldsutövaren har sökt upp {name} trots kontaktförbudet; polisen är underrättad.",
    "{name} behöver hjälp med kontakt med hyresvärden om nya lås.",
    "Samverkan med vårdcentralen om sömnproblem och oro.",
    "Barnsamtal genomförs enskilt med barnet i skolan.",
    "Handläggaren informerar om rätten till målsägandebiträde.",
    "Stödsamtal enligt planen; nästa tid bokas om två veckor.",
    "{name} har börjat i samtalsgrupp för våldsutsatta på Kvinnojouren Demoby.",
    "Umgänget med den andra föräldern sker i närvaro av kontaktperson.",
    "Familjerätten informeras om oro kring umgänget.",
    "{name} har fått skyddat telefonnummer och ny e-postadress.",
    "Uppföljning av insatsen visar att {name} känner sig tryggare.",
    "{name} uttrycker oro för ekonomin efter separationen.",
    "Vi går igenom vad en orosanmälan innebär och hur utredningen går till.",
    "Barnet har berättat för förskolan om bråk hemma.",
    "Handläggaren skickar begäran om yttrande till polisen.",
    "Journalkopior begärs från BUP med samtycke från vårdnadshavaren.",
    "{name} avböjer erbjudandet om stödsamtal just nu men vill bli kontaktad igen.",
    "Hyresskuld diskuteras; kontakt tas med budget- och skuldrådgivningen.",
    "Kontaktperson för barnen beviljas enligt beslut.",
    "Missbruk hos den andra parten påverkar barnens situation.",
    "Samtal om sömn, skola och fritid med barnen.",
    "Planering inför rättegången; stödperson från brottsofferjouren följer med.",
    "Handläggaren och {name} gör en ny riskbedömning tillsammans.",
)  # fmt: skip
# Everyday details, one now and then (DETAIL_SHARE of the written entries), the first far more
# often than the last (weights 1, 1/2, 1/3 …): a real journal's long tail of words that occur
# only a few times, which is what a search for a rare word meets.
DETAIL_SHARE = 0.01
DETAILS = (
    "diskmaskinen", "tvättstugan", "cykelhjälmen", "vinterjackan", "gymnastikpåsen",
    "fritidsgården", "simhallen", "biblioteket", "busskortet", "tandläkaren", "glasögonen",
    "körkortet", "passfotot", "mobilabonnemanget", "elräkningen", "bilbesiktningen",
    "flyttkartongerna", "soffan", "spisen", "kylskåpet", "dammsugaren", "symaskinen",
    "hundpassningen", "kattmaten", "akvariet", "balkongen", "cykelställningen",
    "parkeringsplatsen", "trapphuset", "hissen", "brevlådan", "portkoden", "ytterdörren",
    "brandvarnaren", "gardinerna", "sängkläderna", "madrassen", "barnvagnen", "bilbarnstolen",
    "nappflaskan", "blöjorna", "vällingen", "matlådorna", "lunchlådan", "frukostvanorna",
    "kvällsrutinerna", "läxhjälpen", "matteboken", "skolfotot", "friluftsdagen", "lägerskolan",
    "klassfesten", "födelsedagskalaset", "julklapparna", "påsklovet", "sportlovet", "sommarlovet",
    "midsommarfirandet", "fotbollsträningen", "innebandyn", "ridskolan", "dansuppvisningen",
    "pianolektionen", "gitarren", "scoutlägret", "konfirmationen", "körsången", "teaterkursen",
    "simskolan", "skridskorna", "pulkabacken", "snöskottningen", "gräsklipparen", "växthuset",
    "tomatplantorna", "kolonilotten", "bärplockningen", "svampturen", "fiskespöt", "tältet",
    "sovsäcken", "ryggsäcken", "resväskan", "tågbiljetten", "färjan", "flygresan",
    "semesterveckan", "sommarstugan", "husvagnen", "mopeden", "elsparkcykeln", "vinterdäcken",
    "snökedjorna", "bensinpengarna", "parkeringsboten", "hyresavin", "kontoutdraget",
    "pensionsbeskedet", "deklarationen", "skattejämkningen", "bostadsbidraget", "underhållsstödet",
    "barnbidraget", "studiebidraget", "bankdosan", "kortläsaren", "betalkortet", "sparkontot",
    "hemförsäkringen", "tandvårdskortet", "högkostnadsskyddet", "vaccinationen", "allergin",
    "astman", "glutenintoleransen", "hörapparaten", "rullatorn", "kryckorna", "gipset",
    "fysioterapin", "massagen", "yogapasset", "promenaderna", "löparskorna", "gymkortet",
    "kanoten", "flytvästen", "badplatsen", "lekparken", "gungan", "sandlådan", "rutschkanan",
    "studsmattan", "leksakslådan", "pusslet", "legobygget", "dockskåpet", "ritblocket", "kritorna",
    "vattenfärgerna", "pysselhörnan", "sagoboken", "godnattsagan", "nattlampan", "gosedjuret",
    "snuttefilten", "mössan", "vantarna", "regnstället", "gummistövlarna", "overallen",
    "sandalerna", "baddräkten", "solkrämen", "myggmedlet", "plåstren", "febertermometern",
    "hostmedicinen", "näsdropparna", "tandborsten", "tandkrämen", "schampot", "hårklippningen",
    "frisören", "nagellacket", "smyckeskrinet", "armbandsuret", "vigselringen", "fotoalbumet",
    "släktträffen", "kusinerna", "mormodern", "farfadern", "gudmodern", "grannbarnen",
    "hyresgästföreningen", "bostadskön", "andrahandskontraktet", "inflyttningsfesten",
    "tapetseringen", "målarfärgen", "verktygslådan", "borrmaskinen", "glödlampan", "elementet",
    "värmepumpen", "vattenmätaren", "proppskåpet", "soptunnan", "återvinningen", "pantflaskorna",
    "loppmarknaden", "klädinsamlingen", "klädbytet", "symötet", "kaffekalaset", "kanelbullarna",
    "våffeljärnet", "bakmaskinen", "brödrosten", "mikrovågsugnen", "kaffebryggaren",
    "vattenkokaren",
)  # fmt: skip
DETAIL_WEIGHTS = tuple(1 / rank for rank in range(1, len(DETAILS) + 1))
DETAIL_FRAMES = (
    "Vi pratar också om {detail}.",
    "{name} tar upp frågan om {detail}.",
    "Kort samtal om {detail} i slutet av mötet.",
    "{name} nämner {detail} och vill ha hjälp med det.",
)
CLOSING_TEXTS = (
    "Insatsen har avslutats enligt plan. {name} har ett fungerande nätverk och vet vart hen "
    "kan vända sig.",
    "{name} har flyttat från kommunen. Överlämning har gjorts.",
    "{name} vill inte ha fortsatt stöd. Information om kvinnojouren har lämnats.",
    "Målen i planen är uppnådda och {name} upplever sig trygg.",
)
CLOSING_DETAILS = {"client_moved": "Fiktiva kommunen", "handed_over": "Socialtjänsten i Demostad"}
PRIVATE_REPORTERS = ("Granne (fiktiv)", "Anhörig, moster (fiktiv)", "Vän till familjen (fiktiv)")
# Kinds from resources/reporter_kinds.json (seven and three, as the generator always drew).
CHILD_REPORTERS = (
    "police",
    "school",
    "school",
    "health_care",
    "child_psychiatry",
    "dental",
    "womens_shelter",
)
ADULT_REPORTERS = ("police", "womens_shelter", "health_care")


# Words of varied frequency that the templates above write (checked by the tests).
SEARCH_WORDS: tuple[str, ...] = (
    "telefonsamtal", "hembesök", "kvinnojouren", "säkerhetsplanen", "polisanmälan",
    "kontaktförbud", "bistånd", "BUP", "skolkuratorn", "tolk", "skyddat", "umgänget",
    "hyresvärden", "målsägandebiträde", "budget", "rättegången", "sömnproblem", "SIP",
)  # fmt: skip
