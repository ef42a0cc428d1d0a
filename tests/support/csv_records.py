"""A CSV file held as records, to edit and write back while knowing each record's line.

``line`` is the physical line where a record starts, header = line 1, as an editor or
``sed -n 'Np'`` counts: a quoted line break inside a field moves every later record down.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

Fields = list[str]


@dataclass
class CsvFile:
    header: list[str]
    records: list[Fields]
    eol: str
    #: Records to insert: (index of the record they follow, fields), applied on writing.
    insertions: list[tuple[int, Fields]] = field(default_factory=list)
    #: Marks on records, by ``id(fields)``, to find their lines after writing.
    tags: dict[int, object] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> CsvFile:
        with path.open("rb") as raw:
            first_line = raw.readline()
        eol = "\r\n" if first_line.endswith(b"\r\n") else "\n"
        with path.open(newline="", encoding="utf-8") as text:
            rows = csv.reader(text)
            header = next(rows)
            records = list(rows)
        return cls(header, records, eol)

    def value(self, record: Fields, column: str) -> str:
        return record[self.header.index(column)]

    def set(self, record: Fields, column: str, value: str) -> None:
        record[self.header.index(column)] = value

    def tag(self, record: Fields, mark: object) -> None:
        self.tags[id(record)] = mark

    @property
    def rows_to_write(self) -> int:
        return len(self.records) + len(self.insertions)

    def write(self, path: Path) -> dict[int, int]:
        """Write the file; returns the start line of every tagged record, by ``id(fields)``."""
        after: dict[int, list[Fields]] = {}
        for index, record in self.insertions:
            after.setdefault(index, []).append(record)
        lines: dict[int, int] = {}
        line = 2
        with path.open("w", newline="", encoding="utf-8") as text:
            writer = csv.writer(text, lineterminator=self.eol)
            writer.writerow(self.header)
            for index, original in enumerate(self.records):
                for record in (original, *after.get(index, ())):
                    if id(record) in self.tags:
                        lines[id(record)] = line
                    writer.writerow(record)
                    line += 1 + "".join(record).count("\n")
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
