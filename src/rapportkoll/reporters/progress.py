"""Progress of a batch on standard error: files done, the file being checked, findings so far."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from rapportkoll.records import RunResult


@contextmanager
def batch_progress(paths: list[Path], lang: str, console=None) -> Iterator[Callable[[int, RunResult], None]]:
    """A rich progress bar on ``console`` (default: standard error) that disappears when done; yields
    the callback each finished file calls.

    It refreshes only when a file ends (no refresh thread), so worker processes are never forked
    while a display thread holds a lock.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    found_word = "avvikelser" if lang == "sv" else "findings"
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn(f"{found_word}: {{task.fields[found]}}"), TimeElapsedColumn(),
               TextColumn("{task.fields[current]}"))
    with Progress(*columns, console=console or Console(stderr=True), transient=True, auto_refresh=False) as progress:
        task = progress.add_task("Kontrollerar" if lang == "sv" else "Checking", total=len(paths), found=0,
                                 current=paths[0].name if paths else "")

        def done(index: int, one: RunResult) -> None:
            following = paths[index + 1].name if index + 1 < len(paths) else ""
            found = progress.tasks[0].fields["found"] + len(one.findings)
            progress.update(task, advance=1, found=found, current=following)
            progress.refresh()

        progress.refresh()
        yield done
