"""Check a goAML file against the XSD of the FIU it is for.

tipflow ships no FIU's schema (each FIU publishes its own edition, under its own terms); a user
who holds one checks every report before filing. Some FIU schemas use .NET regular expressions
that strict XSD validators read differently (``^...$`` in name patterns); such a schema needs
the same patch the FIU's portal implies (docs/goaml.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, cast

from lxml import etree

from tipflow.errors import ConfigError
from tipflow.report.goaml.safe_xml import parse_xml, read_xml_file


def validate_goaml(report: Path | bytes, xsd_path: Path) -> list[str]:
    """The schema errors of ``report`` (a file or its bytes), one line each; empty when valid."""
    schema = _schema(xsd_path.resolve(), xsd_path.stat().st_mtime_ns if xsd_path.exists() else 0)
    root = read_xml_file(report) if isinstance(report, Path) else parse_xml(report, "<bytes>")
    if schema.validate(root.getroottree()):
        return []
    errors = cast(Iterable[Any], schema.error_log)  # iterable; lxml-stubs do not say so
    return [f"line {error.line}: {error.message}" for error in errors]


@cache
def _schema(xsd_path: Path, _modified: int) -> etree.XMLSchema:
    """The compiled schema (cached while the file is unchanged)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return etree.XMLSchema(etree.parse(str(xsd_path), parser))
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise ConfigError(f"{xsd_path}: not a usable XML schema ({exc})") from exc
