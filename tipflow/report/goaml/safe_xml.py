"""goAML XML read safely: no DTD, no entities, no network, no oversized input.

A goAML report needs none of XML's document-type machinery, and that machinery is how XML
attacks work: entity expansion (the "billion laughs" bomb), external entities that read local
files or fetch URLs. Every file is therefore first screened with defusedxml (which names what it
found), then parsed by lxml with entity resolution, DTD loading and network access off and the
default size limits on; anything refused is a :class:`DatasetError` naming the file.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring as defused_fromstring
from lxml import etree

from tipflow.errors import DatasetError

#: A goAML report of a few thousand transactions is a few megabytes; far more is not a report.
MAX_BYTES = 256 * 1024 * 1024


def read_xml_file(path: Path) -> etree._Element:
    """The root element of the XML file at ``path``, read safely."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DatasetError(path, f"{size:,} bytes: larger than the {MAX_BYTES:,} accepted")
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError(path, f"cannot be read ({exc.strerror or exc})") from exc
    return parse_xml(data, path)


def parse_xml(data: bytes, source: Path | str) -> etree._Element:
    """The root element of ``data``; ``source`` names it in errors."""
    if len(data) > MAX_BYTES:
        raise DatasetError(source, f"larger than the {MAX_BYTES:,} bytes accepted")
    _screen(data, source)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DatasetError(source, f"not well-formed XML ({exc})") from exc
    docinfo = root.getroottree().docinfo
    doctype = getattr(docinfo, "doctype", "")  # not in lxml-stubs
    if doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise DatasetError(source, _DTD_REFUSED)
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise DatasetError(source, "holds entity references: refused")
    return root


_DTD_REFUSED = (
    "has a DOCTYPE (DTD): goAML reports need none, and a DTD can define entities for XML "
    "bombs or external-entity attacks: refused"
)


def _screen(data: bytes, source: Path | str) -> None:
    """Refuse entity declarations, external references and DTDs, naming what was found."""
    try:
        defused_fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        defused_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            target = exc.sysid or exc.pubid
            raise DatasetError(
                source,
                f"declares the external entity {exc.name!r} ({target}): external entities "
                "can read local files or reach the network: refused",
            ) from exc
        raise DatasetError(
            source,
            f"declares the entity {exc.name!r}: entity expansion is how XML bombs "
            "(billion laughs) work: refused",
        ) from exc
    except ExternalReferenceForbidden as exc:
        raise DatasetError(
            source, f"refers to an external resource ({exc.sysid or exc.pubid}): refused"
        ) from exc
    except DTDForbidden as exc:
        if exc.sysid or exc.pubid:
            raise DatasetError(
                source,
                f"has a DOCTYPE that loads an outside DTD ({exc.sysid or exc.pubid}): refused",
            ) from exc
        raise DatasetError(source, _DTD_REFUSED) from exc
    except ParseError as exc:
        raise DatasetError(source, f"not well-formed XML ({exc})") from exc
