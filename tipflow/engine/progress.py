"""Progress of long queries, for whoever draws it (the CLI draws Rich bars).

DuckDB reports a running query's progress through ``query_progress()``; a daemon thread polls
it while the query runs on the calling thread (DuckDB releases the GIL while it works).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from tipflow.engine.duckdb import Connection

POLL_SECONDS = 0.2


class ProgressSink(Protocol):
    """Receives the progress of named steps; the library never prints by itself."""

    def start(self, step: str) -> None:
        """A step begins (a table is read, a check runs)."""

    def update(self, step: str, percent: float) -> None:
        """The running step is ``percent`` (0-100) done."""

    def finish(self, step: str) -> None:
        """The step is done."""


class SilentProgress:
    """The default sink: says nothing."""

    def start(self, step: str) -> None:
        return None

    def update(self, step: str, percent: float) -> None:
        return None

    def finish(self, step: str) -> None:
        return None


@contextmanager
def step(sink: ProgressSink, name: str) -> Iterator[None]:
    """Mark a step that has no query progress of its own (e.g. Python work)."""
    sink.start(name)
    try:
        yield
    finally:
        sink.finish(name)


def execute_with_progress(
    con: Connection, sql: str, sink: ProgressSink, name: str, parameters: list[Any] | None = None
) -> None:
    """Run one statement, reporting DuckDB's progress for it to ``sink`` under ``name``."""
    stop = threading.Event()

    def poll() -> None:
        while not stop.wait(POLL_SECONDS):
            percent = con.query_progress()
            if percent >= 0:
                sink.update(name, percent)

    sink.start(name)
    poller = threading.Thread(target=poll, name=f"progress:{name}", daemon=True)
    poller.start()
    try:
        con.execute(sql, parameters or [])
    finally:
        stop.set()
        poller.join()
        sink.finish(name)
