"""A CSV file held as records, to edit and write back while knowing each record's line.

``line`` is the physical line where a record starts, header = line 1, as an editor or
``sed -n 'Np'`` counts: a quoted line break inside a field moves every later record down.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Record:
    fields: list[str]
    tag: object = None  # set by whoever edits the record, to find its line after writing


@dataclass
class CsvFile:
    header: list[str]
    records: list[Record]
    eol: str
    #: Records to insert: (index of the record they follow, record), applied on writing.
    insertions: list[tuple[int, Record]] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> CsvFile:
        with path.open("rb") as raw:
            first_line = raw.readline()
        eol = "\r\n" if first_line.endswith(b"\r\n") else "\n"
        with path.open(newline="", encoding="utf-8") as text:
            rows = csv.reader(text)
            header = next(rows)
            records = [Record(row) for row in rows]
        return cls(header, records, eol)

    def value(self, record: Record, column: str) -> str:
        return record.fields[self.header.index(column)]

    def set(self, record: Record, column: str, value: str) -> None:
        record.fields[self.header.index(column)] = value

    def final_records(self) -> list[Record]:
        """The records in file order, insertions included."""
        after: dict[int, list[Record]] = {}
        for index, record in self.insertions:
            after.setdefault(index, []).append(record)
        ordered: list[Record] = []
        for index, record in enumerate(self.records):
            ordered.append(record)
            ordered.extend(after.get(index, []))
        return ordered

    def write(self, path: Path) -> dict[int, int]:
        """Write the file; returns the start line of every tagged record, by ``id(record)``."""
        lines: dict[int, int] = {}
        line = 2
        with path.open("w", newline="", encoding="utf-8") as text:
            writer = csv.writer(text, lineterminator=self.eol)
            writer.writerow(self.header)
            for record in self.final_records():
                if record.tag is not None:
                    lines[id(record)] = line
                writer.writerow(record.fields)
                line += 1 + "".join(record.fields).count("\n")
        return lines


def read_with_lines(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (start line, fields) of every data record.

    Lines come from the csv module's own count of physical lines read, a second way of
    counting beside :meth:`CsvFile.write`.
    """
    with path.open(newline="", encoding="utf-8") as text:
        rows = csv.reader(text)
        header = next(rows)
        records: list[tuple[int, list[str]]] = []
        start = rows.line_num + 1
        for fields in rows:
            records.append((start, fields))
            start = rows.line_num + 1
    return header, records
