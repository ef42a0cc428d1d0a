"""Ingest: read a dataset written to the input contract, check it, keep nothing back in silence.

Public entry points::

    validate_dataset(dataset, out)        # check; write out/run.json and out/quarantine/
    load_dataset(dataset, workspace)      # check; write the typed tables to a DuckDB workspace

See docs/ingest.md for the rules and the workspace tables.
"""

from tipflow.ingest.pipeline import IngestOptions, load_dataset, validate_dataset
from tipflow.ingest.report import DatasetSummary, IngestReport, TableReport

__all__ = [
    "DatasetSummary",
    "IngestOptions",
    "IngestReport",
    "TableReport",
    "load_dataset",
    "validate_dataset",
]
