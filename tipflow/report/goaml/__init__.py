"""goAML: suspicious transaction reports for FIUs that use UNODC's goAML, and reading them back.

``load_fiu_profile`` describes one FIU's edition; ``write_goaml_reports`` writes one STR per
case; ``validate_goaml`` checks a file against an XSD the user holds; ``read_goaml`` reads any
goAML report (ours or another reporter's) into tipflow's tables and ``write_dataset`` writes
them as a dataset of the input contract. docs/goaml.md explains all of it.
"""

from __future__ import annotations

from tipflow.report.goaml.profile import FiuProfile, load_fiu_profile
from tipflow.report.goaml.reader import GoamlReport, read_goaml, write_dataset
from tipflow.report.goaml.validate import validate_goaml
from tipflow.report.goaml.writer import write_goaml_reports

__all__ = [
    "FiuProfile",
    "GoamlReport",
    "load_fiu_profile",
    "read_goaml",
    "validate_goaml",
    "write_dataset",
    "write_goaml_reports",
]
