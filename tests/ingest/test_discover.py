"""A file that cannot be read stops the run with one message naming the file and the problem."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tipflow.errors import DatasetError
from tipflow.ingest import validate_dataset


@pytest.fixture
def dataset(tmp_path: Path, tiny_dataset: Path) -> Path:
    target = tmp_path / "dataset"
    shutil.copytree(tiny_dataset, target)
    return target


def _fails(dataset: Path, tmp_path: Path, *fragments: str) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        validate_dataset(dataset, tmp_path / "out")
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, message
    assert "\n" not in message
    return caught.value


def test_missing_folder(tmp_path: Path) -> None:
    _fails(tmp_path / "nope", tmp_path, "nope", "no such dataset folder")


def test_missing_required_table_names_the_file(dataset: Path, tmp_path: Path) -> None:
    (dataset / "accounts.csv").unlink()
    error = _fails(dataset, tmp_path, "accounts.csv", "missing", "accounts.parquet")
    assert error.path.name == "accounts.csv"


def test_other_formats_are_named_in_the_hint(dataset: Path, tmp_path: Path) -> None:
    (dataset / "accounts.csv").rename(dataset / "accounts.xlsx")
    _fails(dataset, tmp_path, "accounts.xlsx", "neither CSV nor Parquet")


def test_a_table_given_twice_is_refused(dataset: Path, tmp_path: Path) -> None:
    with (
        (dataset / "labels.csv").open("rb") as src,
        gzip.open(dataset / "labels.csv.gz", "wb") as dst,
    ):
        dst.write(src.read())
    _fails(dataset, tmp_path, "labels.csv and labels.csv.gz")


def test_optional_tables_may_be_absent(dataset: Path, tmp_path: Path) -> None:
    for name in ("labels", "watchlist", "account_parties"):
        (dataset / f"{name}.csv").unlink()
    report = validate_dataset(dataset, tmp_path / "out")
    assert report.tables["labels"].file is None
    assert report.tables["labels"].read == 0


def test_missing_required_column(dataset: Path, tmp_path: Path) -> None:
    path = dataset / "transactions.csv"
    lines = path.read_text("utf-8").splitlines()
    lines[0] = lines[0].replace("channel", "chanel")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    _fails(dataset, tmp_path, "transactions.csv", "missing required column(s): channel")


def test_semicolon_separated_file_gets_a_hint(dataset: Path, tmp_path: Path) -> None:
    path = dataset / "accounts.csv"
    path.write_text(path.read_text("utf-8").replace(",", ";"), "utf-8")
    _fails(dataset, tmp_path, "accounts.csv", "';'")


def test_header_names_are_matched_without_case_or_spaces(dataset: Path, tmp_path: Path) -> None:
    path = dataset / "accounts.csv"
    lines = path.read_text("utf-8").splitlines()
    lines[0] = ",".join(f" {name.upper()} " for name in lines[0].split(","))
    path.write_text("\n".join(lines) + "\n", "utf-8")
    report = validate_dataset(dataset, tmp_path / "out")
    assert report.tables["accounts"].quarantined == 0
    assert report.tables["accounts"].extra_columns == []


def test_duplicate_header_column(dataset: Path, tmp_path: Path) -> None:
    path = dataset / "labels.csv"
    lines = path.read_text("utf-8").splitlines()
    lines[0] += ",Label"
    path.write_text(
        "\n".join(line + ("," if i else "") for i, line in enumerate(lines)) + "\n", "utf-8"
    )
    _fails(dataset, tmp_path, "labels.csv", "'Label' twice")


def test_empty_file(dataset: Path, tmp_path: Path) -> None:
    (dataset / "parties.csv").write_bytes(b"")
    _fails(dataset, tmp_path, "parties.csv", "empty")


def test_utf16_file(dataset: Path, tmp_path: Path) -> None:
    path = dataset / "parties.csv"
    path.write_bytes(path.read_text("utf-8").encode("utf-16"))
    _fails(dataset, tmp_path, "parties.csv", "UTF-16")


def test_latin1_bytes_in_the_header(dataset: Path, tmp_path: Path) -> None:
    path = dataset / "labels.csv"
    path.write_bytes(b"account_id,label,s\xf6urce,label_date\n")
    _fails(dataset, tmp_path, "labels.csv", "not UTF-8")


def test_latin1_bytes_in_the_body_name_the_line(dataset: Path, tmp_path: Path) -> None:
    path = dataset / "parties.csv"
    data = path.read_bytes().splitlines(keepends=True)
    data[3] = data[3].replace(b",", b",Jos\xe9 ", 1)
    path.write_bytes(b"".join(data))
    _fails(dataset, tmp_path, "parties.csv", "not UTF-8", "line 4")


def test_gzip_named_csv(dataset: Path, tmp_path: Path) -> None:
    path = dataset / "labels.csv"
    path.write_bytes(gzip.compress(path.read_bytes()))
    _fails(dataset, tmp_path, "labels.csv", "gzip")


def test_corrupt_gzip(dataset: Path, tmp_path: Path) -> None:
    (dataset / "labels.csv").unlink()
    (dataset / "labels.csv.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    _fails(dataset, tmp_path, "labels.csv.gz", "decompressed")


def test_parquet_named_csv(dataset: Path, tmp_path: Path) -> None:
    (dataset / "labels.csv").unlink()
    pq.write_table(
        pa.table({"account_id": ["BN-1001"], "label": ["suspicious"]}), dataset / "labels.csv"
    )
    _fails(dataset, tmp_path, "labels.csv", "Parquet")


def test_not_parquet(dataset: Path, tmp_path: Path) -> None:
    (dataset / "labels.csv").unlink()
    (dataset / "labels.parquet").write_bytes(b"account_id,label\nBN-1001,suspicious\n")
    _fails(dataset, tmp_path, "labels.parquet", "not a readable Parquet file")


def test_parquet_missing_required_column(dataset: Path, tmp_path: Path) -> None:
    (dataset / "labels.csv").unlink()
    pq.write_table(pa.table({"account_id": ["BN-1001"]}), dataset / "labels.parquet")
    _fails(dataset, tmp_path, "labels.parquet", "missing required column(s): label")
