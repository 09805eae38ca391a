"""A structural check of an e-arkiv package, for the tests: the E-ARK CSIP/SIP rules that can
be checked offline (eark-validator 1.1.3 installs but fetches the CSIP vocabularies from the
network when it is imported, so it cannot run here).

Checked: METS.xml at the root with OBJID, TYPE, the CSIP package type and a CREATOR agent;
metadata/descriptive/ and representations/<rep>/data/; every file the METS names exists with
its SIZE and SHA-256 CHECKSUM; every file in the package is named by the METS; the structMap
is PHYSICAL with the CSIP label; every PDF opens strictly with pypdf, carries a PDF/A output
intent and XMP identification, and embeds every font it uses.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from xml.etree import ElementTree as ET

from pypdf import PdfReader

NS = {"mets": "http://www.loc.gov/METS/", "xlink": "http://www.w3.org/1999/xlink"}
HREF = "{http://www.w3.org/1999/xlink}href"
CSIP = "{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}"


def pdf_problems(name: str, data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data), strict=True)
    root = reader.trailer["/Root"]
    problems = []
    if "/OutputIntents" not in root:
        problems.append(f"{name}: no output intent")
    metadata = root.get("/Metadata")
    xmp = metadata.get_object().get_data() if metadata is not None else b""
    if b"<pdfaid:part>2</pdfaid:part>" not in xmp:
        problems.append(f"{name}: no PDF/A identification")
    for number, page in enumerate(reader.pages, 1):
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                problems.append(f"{name} page {number}: font {font['/BaseFont']} not embedded")
    return problems


def check_package(folder: Path) -> list[str]:
    """Every problem found, as lines ("" for none)."""
    mets_path = folder / "METS.xml"
    if not mets_path.is_file():
        return ["METS.xml missing at the package root"]
    root = ET.parse(mets_path).getroot()
    problems = []
    for attribute in ("OBJID", "TYPE", "PROFILE", f"{CSIP}OAISPACKAGETYPE"):
        if not root.get(attribute):
            problems.append(f"METS lacks {attribute}")
    if root.find("mets:metsHdr/mets:agent[@ROLE='CREATOR']", NS) is None:
        problems.append("METS has no CREATOR agent")
    for needed in ("metadata/descriptive", "representations"):
        if not (folder / needed).is_dir():
            problems.append(f"folder {needed}/ missing")
    if not list(folder.glob("representations/*/data")):
        problems.append("no representations/<rep>/data/")
    named = {"METS.xml"}
    references = root.findall(".//mets:file", NS) + root.findall(".//mets:mdRef", NS)
    for entry in references:
        location = entry.find("mets:FLocat", NS)
        href = (location if location is not None else entry).get(HREF, "")
        named.add(href)
        path = folder / href
        if not path.is_file():
            problems.append(f"{href}: named in METS but missing")
            continue
        data = path.read_bytes()
        if entry.get("SIZE") != str(len(data)):
            problems.append(f"{href}: size differs from METS")
        if entry.get("CHECKSUMTYPE") != "SHA-256" or entry.get("CHECKSUM") != (
            hashlib.sha256(data).hexdigest().upper()
        ):
            problems.append(f"{href}: checksum differs from METS")
        if href.endswith(".pdf"):
            problems += pdf_problems(href, data)
    for path in folder.rglob("*"):
        if path.is_file() and path.relative_to(folder).as_posix() not in named:
            problems.append(f"{path.relative_to(folder)}: not named in METS")
    struct = root.find("mets:structMap", NS)
    if struct is None or struct.get("TYPE") != "PHYSICAL" or struct.get("LABEL") != "CSIP":
        problems.append("no PHYSICAL structMap labelled CSIP")
    return problems
