"""From labelled datasets to a training set and a model (``tipflow train``).

Labels come from a simulator's ``truth/accounts.csv`` when the dataset has one (every account
labelled: ``involved``, grouped by ``network_id``, split by network), else from the contract's
``labels`` table (``suspicious`` = 1, ``not_suspicious`` = 0; unlabelled accounts are left
out, each account its own group; split in time when every label has a ``label_date``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from tipflow.detect.registry import Library, load_library
from tipflow.detect.schema import Tuning
from tipflow.detect.screen import WORKSPACE_NAME, screen_dataset
from tipflow.engine.duckdb import Connection, connect
from tipflow.engine.progress import ProgressSink
from tipflow.engine.sql import sql_string
from tipflow.errors import DatasetError
from tipflow.score.learned_features import build_account_features, feature_matrix
from tipflow.score.model import TrainingSet, train_model

TRUTH_ACCOUNTS = Path("truth") / "accounts.csv"


def labelled_rows(
    workspace: Path, dataset: Path, library: Library
) -> tuple[np.ndarray, np.ndarray, list[str], list[str], np.ndarray]:
    """Features, labels, groups, columns and each row's label date (days since 1970, NaN if
    none) of one screened workspace."""
    con = connect(workspace)
    try:
        columns = build_account_features(con, library)
        _attach_labels(con, dataset)
        table = con.sql(
            "SELECT f.*, l.label, l.grp, l.label_day FROM account_features f "
            "JOIN _labels l USING (account_id) ORDER BY f.account_id"
        ).to_arrow_table()
    finally:
        con.close()
    if table.num_rows == 0:
        raise DatasetError(dataset, "no labelled account (no truth/ folder, no labels rows)")
    return (
        feature_matrix(table, columns),
        np.asarray(table["label"].to_numpy(), dtype=float),
        [f"{dataset.resolve()}:{g}" for g in table["grp"].to_pylist()],  # networks per dataset
        columns,
        np.array([np.nan if d is None else float(d) for d in table["label_day"].to_pylist()]),
    )


def training_set(parts: list[tuple[Path, Path]], library: Library) -> TrainingSet:
    """One training set from (workspace, dataset) pairs."""
    features, labels, groups, days = [], [], [], []
    columns: list[str] = []
    for workspace, dataset in parts:
        x, y, g, columns, d = labelled_rows(workspace, dataset, library)
        features.append(x)
        labels.append(y)
        groups.extend(g)
        days.append(d)
    return TrainingSet(
        np.vstack(features),
        np.concatenate(labels),
        groups,
        columns,
        [str(dataset) for _, dataset in parts],
        np.concatenate(days),
    )


def train_on_datasets(
    datasets: list[Path],
    out: Path,
    *,
    tuning: Tuning | None = None,
    progress: ProgressSink | None = None,
) -> dict[str, Any]:
    """Screen each dataset (in a scratch folder), learn from all of them, write the model
    folder ``out``; returns the model card."""
    library = load_library(tuning)
    with tempfile.TemporaryDirectory(prefix="tipflow-train-") as scratch:
        parts = []
        for number, dataset in enumerate(datasets):
            results = Path(scratch) / f"{number}-{dataset.name}"
            screen_dataset(dataset, results, tuning=tuning, progress=progress)
            parts.append((results / WORKSPACE_NAME, dataset))
        return train_model(training_set(parts, library), out)


def _attach_labels(con: Connection, dataset: Path) -> None:
    truth = dataset / TRUTH_ACCOUNTS
    if truth.is_file():
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE _labels AS
            SELECT account_id, (coalesce(involved, 'false') = 'true')::INT AS label,
                   coalesce(nullif(network_id, ''), account_id) AS grp,
                   NULL::BIGINT AS label_day
            FROM read_csv({sql_string(str(truth))}, all_varchar = true)
            """
        )
        return
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _labels AS
        SELECT account_id, max((label = 'suspicious')::INT) AS label, account_id AS grp,
               -- an account labelled twice counts from its latest label
               date_diff('day', DATE '1970-01-01', max(label_date)) AS label_day
        FROM labels GROUP BY account_id
        """
    )
