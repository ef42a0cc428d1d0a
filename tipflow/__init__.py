"""tipflow: follow the money of human trafficking and migrant smuggling.

The package has one folder per stage of the flow of data (see docs/architecture.md):
``ingest`` reads a dataset written to the input contract into a DuckDB workspace; later stages
(detect, network, score, report, share, hub, ui) read the workspace tables it writes.
"""

__version__ = "0.1.0"
