"""Rich progress bars for the library's progress events (see tipflow.engine.progress)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)


class RichProgress:
    """One bar per step; steps without a measurable progress show a spinner until done."""

    def __init__(self, console: Console, *, enabled: bool = True) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not enabled,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def start(self, step: str) -> None:
        self._tasks[step] = self._progress.add_task(step, total=None)

    def update(self, step: str, percent: float) -> None:
        if step in self._tasks:
            self._progress.update(self._tasks[step], total=100, completed=percent)

    def finish(self, step: str) -> None:
        task = self._tasks.pop(step, None)
        if task is not None:
            self._progress.update(task, total=100, completed=100)
            self._progress.remove_task(task)
