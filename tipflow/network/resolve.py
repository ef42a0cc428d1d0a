"""Entity resolution: which parties are one real person or organisation.

A dataset from several institutions holds one record per customer per institution: a
controller banking at three banks is three parties. Splink (DuckDB backend) compares parties
that share a phone, an e-mail, a birth date or a normalised name, scores each pair with the
Fellegi-Sunter model of ``network.yaml`` (names by Jaro-Winkler, birth dates with a level for
typos, phones, e-mails, addresses exactly), and clusters pairs at or above the threshold.
Persons are only compared with persons, organisations with organisations.

Output ``entities`` (party_id, entity_id): every party, ``entity_id`` the smallest party id of
its cluster (Splink's connected components), so that a party alone is its own entity.
``entity_links`` keeps the matched pairs with their match probability, for the explanation of a
network.
"""

from __future__ import annotations

import logging
from typing import Any

from tipflow.engine.workspace import Workspace, engine_of, scalar
from tipflow.ingest.addresses import address_key
from tipflow.network.settings import LevelProbabilities, LinkageModel

_INPUT = "er_parties"

# Names lose accents, punctuation and titles, and their words are sorted, so that word order
# ("Surname, Given") and a title do not count as a difference.
_PREPARE = f"""
CREATE OR REPLACE TABLE {_INPUT} AS
SELECT party_id AS unique_id, party_type,
       nullif(array_to_string(list_sort(list_filter(
         string_split(regexp_replace(lower(strip_accents(name)), '[^a-z0-9]+', ' ', 'g'), ' '),
         lambda word: word <> '' AND NOT list_contains($titles, word))), ' '), '') AS name,
       birth_date::VARCHAR AS birth_date,
       nullif(phone, '') AS phone,
       nullif(lower(trim(email)), '') AS email,
       {address_key("address", "postal_code", "city")} AS address
FROM parties
"""


def resolve_entities(con: Workspace, model: LinkageModel) -> None:
    """Create ``entities`` and ``entity_links`` from ``parties``."""
    con.execute(_PREPARE, {"titles": model.name_titles})
    con.execute(
        "CREATE OR REPLACE TABLE entity_links (party_id VARCHAR, other_party_id VARCHAR, "
        "match_probability DOUBLE)"
    )
    con.execute(
        "CREATE OR REPLACE TABLE entities AS SELECT party_id, party_id AS entity_id FROM parties"
    )
    if (scalar(con, f"SELECT count(*) FROM {_INPUT}") or 0) > 1:
        _link(con, model)
    con.execute(f"DROP TABLE {_INPUT}")


def _link(con: Workspace, model: LinkageModel) -> None:
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.WARNING)
    comparisons = [
        _with(cl.JaroWinklerAtThresholds("name", [0.95, 0.88]), model.name),
        _with(
            cl.DateOfBirthComparison(
                "birth_date",
                input_is_string=True,
                datetime_thresholds=[1],
                datetime_metrics=["year"],
            ),
            model.birth_date,
        ),
        _with(cl.ExactMatch("phone"), model.phone),
        _with(cl.ExactMatch("email"), model.email),
        _with(cl.ExactMatch("address"), model.address),
    ]
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[
            block_on("party_type", "phone"),
            block_on("party_type", "email"),
            block_on("party_type", "name", "birth_date"),
            block_on("party_type", "name", "address"),
        ],
        probability_two_random_records_match=model.prior,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )
    api = _splink_backend(con)
    linker = Linker(api.register(_INPUT), settings, log_level=None)
    predictions = linker.inference.predict(threshold_match_probability=model.threshold)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=model.threshold
    )
    con.execute(
        f"""
        INSERT INTO entity_links
        SELECT unique_id_l, unique_id_r, round(match_probability, 6)
        FROM {predictions.physical_name}
        UNION ALL
        SELECT unique_id_r, unique_id_l, round(match_probability, 6)
        FROM {predictions.physical_name}
        """
    )
    # Splink's connected components name each cluster by its smallest id.
    con.execute(
        f"""
        CREATE OR REPLACE TABLE entities AS
        SELECT unique_id AS party_id, cluster_id AS entity_id FROM {clusters.physical_name}
        """
    )
    for table in (clusters, predictions):
        table.drop_table_from_database_and_remove_from_cache()


def _splink_backend(con: Workspace) -> Any:
    """Splink's own backend for the workspace's engine."""
    if engine_of(con) == "spark":
        from splink import SparkAPI

        spark: Any = con
        return SparkAPI(  # type: ignore[no-untyped-call]
            spark_session=spark.session, database=spark.name, break_lineage_method="persist"
        )
    from splink import DuckDBAPI

    duckdb_con: Any = con
    return DuckDBAPI(connection=duckdb_con)


def _with(comparison: Any, levels: LevelProbabilities) -> Any:
    return comparison.configure(m_probabilities=levels.m, u_probabilities=levels.u)
