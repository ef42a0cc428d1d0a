"""The engine: where tipflow's SQL runs. DuckDB is the embedded default (see duckdb.py)."""
