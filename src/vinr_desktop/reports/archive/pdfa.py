"""A document of the one pipeline made fit for the archive: PDF/A-2b's identification and colour
intent added to reportlab's bytes, as an incremental update (the pages are not touched).

Added: an sRGB output intent (resources/icc/sRGB.icc, made by LittleCMS through Pillow) and an
XMP metadata stream naming the part and conformance (pdfaid), the title and the creator, with
the catalog pointing at both. reportlab already embeds every font (the program draws only
with its bundled TrueType fonts) and writes a document /ID. No veraPDF is available here, so
this is "PDF/A-2b in intent": the tests check what can be checked with pypdf.
"""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from vinr_desktop.resources import resources_dir

_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.DOTALL)


@cache
def srgb_profile() -> bytes:
    return (resources_dir() / "icc" / "sRGB.icc").read_bytes()


def _info_facts(pdf: bytes, info: int) -> tuple[str, str]:
    """The creation date (as XMP writes it) and the producer of the information dictionary."""
    found = re.search(rb"(?<![0-9])%d 0 obj\s*<<(.*?)>>\s*endobj" % info, pdf, re.DOTALL)
    text = found.group(1).decode("latin-1") if found else ""
    date = re.search(
        r"/CreationDate \(D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-])(\d\d)'(\d\d)", text
    )
    created = ""
    if date:
        y, mo, d, h, mi, s, sign, oh, om = date.groups()
        created = f"{y}-{mo}-{d}T{h}:{mi}:{s}{sign}{oh}:{om}"
    producer = re.search(r"/Producer \(((?:\\.|[^\\)])*)\)", text)
    if producer is None:
        return created, "VINR Desktop"
    return created, re.sub(r"\\(.)", r"\1", producer.group(1))


def _xmp(title: str, created: str, producer: str) -> bytes:
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:format>application/pdf</dc:format>
   <xmp:CreatorTool>VINR Desktop</xmp:CreatorTool>
   <xmp:CreateDate>{escape(created)}</xmp:CreateDate>
   <pdf:Producer>{escape(producer)}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


def _stream(number: int, head: str, data: bytes) -> bytes:
    return (
        f"{number} 0 obj\n<< {head} /Length {len(data)} >>\nstream\n".encode()
        + data
        + b"\nendstream\nendobj\n"
    )


def archival(pdf: bytes, title: str) -> bytes:
    """`pdf` with the output intent and the XMP identification added; the XMP repeats what
    the document information says (title, producer, creation date), as PDF/A requires."""
    trailer = _TRAILER.search(pdf)
    if trailer is None:
        raise ValueError("not a PDF with a classic trailer")
    fields, previous = trailer.group(1), int(trailer.group(2))
    root = _ref(fields, rb"/Root")
    size = int(_field(fields, rb"/Size\s+(\d+)"))
    info = _ref(fields, rb"/Info")
    document_id = _field(fields, rb"/ID\s*(\[.*?\])")
    catalog = re.search(rb"(?<![0-9])%d 0 obj\s*<<(.*?)>>\s*endobj" % root, pdf, re.DOTALL)
    if catalog is None:
        raise ValueError("catalog not found")
    icc, intent, xmp = size, size + 1, size + 2
    body = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets: dict[int, int] = {}

    def add(number: int, data: bytes) -> None:
        offsets[number] = len(body)
        body.extend(data)

    add(icc, _stream(icc, "/N 3", srgb_profile()))
    add(
        intent,
        f"{intent} 0 obj\n<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier "
        f"(sRGB IEC61966-2.1) /Info (sRGB) /DestOutputProfile {icc} 0 R >>\nendobj\n".encode(),
    )
    created, producer = _info_facts(pdf, info)
    add(xmp, _stream(xmp, "/Type /Metadata /Subtype /XML", _xmp(title, created, producer)))
    add(
        root,
        b"%d 0 obj\n<<" % root
        + catalog.group(1).rstrip()
        + f" /OutputIntents [{intent} 0 R] /Metadata {xmp} 0 R >>\nendobj\n".encode(),
    )
    start = len(body)
    lines = [b"xref\n0 1\n0000000000 65535 f \n"]
    for number in sorted(offsets):
        lines.append(b"%d 1\n%010d 00000 n \n" % (number, offsets[number]))
    body.extend(b"".join(lines))
    body.extend(
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID %s /Prev %d >>\n"
        % (size + 3, root, info, document_id, previous)
    )
    body.extend(b"startxref\n%d\n%%%%EOF\n" % start)
    return bytes(body)


def _field(fields: bytes, pattern: bytes) -> bytes:
    found = re.search(pattern, fields, re.DOTALL)
    if found is None:
        raise ValueError(f"trailer has no {pattern!r}")
    return found.group(1)


def _ref(fields: bytes, key: bytes) -> int:
    return int(_field(fields, key + rb"\s+(\d+)\s+0\s+R"))
