"""The e-arkiv package as files: an E-ARK SIP laid out as FGS Paketstruktur describes it.

    METS.xml                                 the package: agents, the metadata and every file,
                                             each with its size and SHA-256 checksum
    metadata/descriptive/arenden.xml         the cases (FGS Ärendehantering / ERMS in spirit:
                                             case number, dates, status, persons, markers,
                                             the documents of each case)
    representations/rep1/data/dokument-NNNN.pdf
                                             the documents, PDF/A, from the one pipeline

File names hold nothing from a case. The XML uses our own namespace with the element names of
FGS Ärendehantering translated to plain Swedish, since the official schema is not bundled;
a municipality's e-arkiv maps it on import (README, E-arkiv).
"""

from __future__ import annotations

import hashlib
from xml.etree import ElementTree as ET

from vinr_desktop.reports.archive.pdfa import archival
from vinr_desktop.views.archive import ArchiveCase, ArchiveDocument, ArchiveMeta

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
VINR = "urn:vinr-desktop:e-arkiv:arenden:1"
DESCRIPTIVE = "metadata/descriptive/arenden.xml"
DATA = "representations/rep1/data"

ET.register_namespace("mets", METS)
ET.register_namespace("xlink", XLINK)
ET.register_namespace("csip", CSIP)
ET.register_namespace("", VINR)


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text:
        element.text = text
    return element


def cases_xml(meta: ArchiveMeta, cases: tuple[ArchiveCase, ...]) -> bytes:
    root = ET.Element(f"{{{VINR}}}Leverans")
    head = _sub(root, f"{{{VINR}}}Leveransinformation")
    for tag, value in (
        ("PaketId", meta.package_id),
        ("Skapad", meta.created_utc),
        ("Arkivbildare", meta.municipality),
        ("Enhet", meta.unit),
        ("SkapadAv", meta.created_by),
        ("Urval", meta.scope_label),
        ("Gallringsregler", meta.rules_name),
        ("System", "VINR Desktop"),
    ):
        _sub(head, f"{{{VINR}}}{tag}", value)
    for case in cases:
        item = _sub(root, f"{{{VINR}}}Arende")
        for tag, value in (
            ("Arendenummer", case.number),
            ("Status", case.status_label),
            ("Aktualisering", case.intake_kind_label),
            ("Inkom", case.intake_date),
            ("Avslutat", case.closed_on),
            ("Avslutsorsak", case.closing_reason_label),
            ("SistaAnteckning", case.last_entry),
            ("Gallring", case.retention_label),
        ):
            _sub(item, f"{{{VINR}}}{tag}", value)
        markers = _sub(item, f"{{{VINR}}}Markeringar")
        for marker in case.markers:
            _sub(markers, f"{{{VINR}}}Markering", marker)
        parties = _sub(item, f"{{{VINR}}}Parter")
        for person in case.persons:
            part = _sub(parties, f"{{{VINR}}}Part")
            _sub(part, f"{{{VINR}}}Namn", person.name)
            _sub(part, f"{{{VINR}}}Identitet", person.identity)
            _sub(part, f"{{{VINR}}}Fodelsedatum", person.birth_date)
            _sub(part, f"{{{VINR}}}Roll", person.role_label)
            _sub(part, f"{{{VINR}}}Skyddsniva", person.protection_label)
        documents = _sub(item, f"{{{VINR}}}Handlingar")
        for document in case.documents:
            handling = _sub(documents, f"{{{VINR}}}Handling", ID=f"h-{document.document_id}")
            _sub(handling, f"{{{VINR}}}Rubrik", document.title)
            _sub(handling, f"{{{VINR}}}DokumentId", document.document_id)
            _sub(handling, f"{{{VINR}}}Fil", f"{DATA}/{document.file_name}")
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest().upper()


def _file(
    group: ET.Element, file_id: str, path: str, document: ArchiveDocument, created: str
) -> None:
    entry = _sub(
        group,
        f"{{{METS}}}file",
        ID=file_id,
        MIMETYPE="application/pdf",
        SIZE=str(document.size),
        CREATED=created,
        CHECKSUM=document.sha256,
        CHECKSUMTYPE="SHA-256",
    )
    _sub(
        entry,
        f"{{{METS}}}FLocat",
        LOCTYPE="URL",
        **{f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": path},
    )


def mets_xml(meta: ArchiveMeta, cases: tuple[ArchiveCase, ...], descriptive: bytes) -> bytes:
    """The root METS of the package: the descriptive XML and every case's documents."""
    root = ET.Element(
        f"{{{METS}}}mets",
        {
            "OBJID": meta.package_id,
            "LABEL": "VINR Desktop e-arkivleverans",
            "TYPE": "Other",
            f"{{{CSIP}}}OTHERTYPE": "Socialtjänst, våld i nära relationer",
            f"{{{CSIP}}}CONTENTINFORMATIONTYPE": "OTHER",
            f"{{{CSIP}}}OAISPACKAGETYPE": "SIP",
            "PROFILE": "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml",
        },
    )
    header = _sub(root, f"{{{METS}}}metsHdr", CREATEDATE=meta.created_utc)
    creator = _sub(header, f"{{{METS}}}agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    _sub(creator, f"{{{METS}}}name", "VINR Desktop")
    archivist = _sub(header, f"{{{METS}}}agent", ROLE="ARCHIVIST", TYPE="ORGANIZATION")
    _sub(archivist, f"{{{METS}}}name", meta.municipality)
    dmd = _sub(root, f"{{{METS}}}dmdSec", ID="dmd-arenden", CREATED=meta.created_utc)
    _sub(
        dmd,
        f"{{{METS}}}mdRef",
        LOCTYPE="URL",
        MDTYPE="OTHER",
        OTHERMDTYPE="VINR-arenden (FGS Ärendehantering-liknande)",
        MIMETYPE="text/xml",
        SIZE=str(len(descriptive)),
        CREATED=meta.created_utc,
        CHECKSUM=digest(descriptive),
        CHECKSUMTYPE="SHA-256",
        **{f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": DESCRIPTIVE},
    )
    file_sec = _sub(root, f"{{{METS}}}fileSec", ID="filesec")
    group = _sub(file_sec, f"{{{METS}}}fileGrp", USE="Representations/rep1/Data", ID="grp-rep1")
    documents = [document for case in cases for document in case.documents]
    for number, document in enumerate(documents, 1):
        path = f"{DATA}/{document.file_name}"
        _file(group, f"fil-{number:04d}", path, document, meta.created_utc)
    struct = _sub(root, f"{{{METS}}}structMap", TYPE="PHYSICAL", LABEL="CSIP")
    top = _sub(struct, f"{{{METS}}}div", LABEL=meta.package_id, ID="div-root")
    _sub(top, f"{{{METS}}}div", LABEL="Metadata", DMDID="dmd-arenden", ID="div-metadata")
    rep = _sub(top, f"{{{METS}}}div", LABEL="Representations/rep1", ID="div-rep1")
    for number in range(1, len(documents) + 1):
        _sub(rep, f"{{{METS}}}fptr", FILEID=f"fil-{number:04d}")
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def archived_pdf(
    pdf: bytes, title: str, file_name: str, document_id: str
) -> tuple[ArchiveDocument, bytes]:
    """A pipeline document made archival, and its entry for the package."""
    data = archival(pdf, title)
    return ArchiveDocument(file_name, title, document_id, len(data), digest(data)), data


def closing_files(meta: ArchiveMeta, cases: tuple[ArchiveCase, ...]) -> dict[str, bytes]:
    """The descriptive XML and the root METS, written after the documents."""
    descriptive = cases_xml(meta, cases)
    return {DESCRIPTIVE: descriptive, "METS.xml": mets_xml(meta, cases, descriptive)}
