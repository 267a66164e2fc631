"""Checking many documents: one by one or in worker processes, merged in the order given.

Each document is checked on its own (`run.check_paths` with one path) and the one-file results are
merged in the order of the paths, so output and exit code do not depend on ``jobs``.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Callable, Iterator

from rapportkoll.model import Report
from rapportkoll.records import RunResult
from rapportkoll.run import check_paths

OnFile = Callable[[int, RunResult], None]  # called with the index of a finished path and its result
Finish = Callable[[RunResult], None]  # done to a one-file result where it was made


def default_jobs() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def check_files(paths: list[Path | Report], suite, previous: Path | None = None, jobs: int = 1,
                on_file: OnFile | None = None, keep_reports: bool = True, finish: Finish | None = None) -> RunResult:
    """The merged result of checking every path, ``jobs`` at a time; ``on_file`` reports each as it ends.

    Without ``keep_reports`` the documents read, and the records of which cells each relation read, are dropped
    once checked (coverage is counted by then; they are most of a result): a large batch then holds only
    findings, and workers send back a fraction of the data.
    ``finish`` is done to each one-file result where it is made (in the worker that checked the file),
    before the reports are dropped: what the run's reports can render of it is rendered there
    (``reporters.RenderAhead``), so that the main process only writes it in order.
    """
    settings = _Settings(suite, previous, keep_reports, finish)
    if jobs > 1 and len(paths) > 1:
        results = _in_workers(paths, settings, jobs)
    else:  # no worker processes, nor their imports, for one file or one job
        results = (_check_one(path, settings) for path in paths)
    merged = RunResult(suite.name)
    for index, one in enumerate(results):
        merge(merged, one)
        if on_file is not None:
            on_file(index, one)
    return merged


def merge(into: RunResult, one: RunResult) -> None:
    """Add a one-file result: lists extended, mappings updated, counts added, whatever fields the record has.

    A problem already recorded (an unreadable --previous file, read again for each document) is not
    repeated.
    """
    for field in fields(RunResult):
        mine, theirs = getattr(into, field.name), getattr(one, field.name)
        if field.name == "problems":
            mine.extend(p for p in theirs if p not in mine)
        elif isinstance(mine, dict):
            mine.update(theirs)
        elif isinstance(mine, list):
            mine.extend(theirs)
        elif isinstance(mine, int):
            setattr(into, field.name, mine + theirs)


@dataclass(frozen=True)
class _Settings:
    """What every document of a batch is checked with."""

    suite: object
    previous: Path | None
    keep_reports: bool
    finish: Finish | None = None


_WORKER: dict[str, _Settings] = {}  # a worker process's settings, set once when it starts


def _in_workers(paths: list[Path | Report], settings: _Settings, jobs: int) -> Iterator[RunResult]:
    """One-file results in the order of ``paths``, computed by ``jobs`` processes.

    Forked workers (where the platform has fork) inherit the loaded suite and the imported modules,
    so a worker starts in milliseconds; results come back as plain picklable dataclasses. The inherited
    objects are frozen out of the collector while the workers run: a worker's full collection would
    traverse them all, and write to each one's page (copying it).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=multiprocessing.get_context(method),
                               initializer=_start_worker, initargs=(settings,))
    freezes = method == "fork" and gc.get_freeze_count() == 0  # a caller's own freeze is left as it is
    done = 0
    try:
        if freezes:  # before the workers fork (on the first task): they inherit the frozen generation
            gc.freeze()
        # files in chunks, ~16 a worker: one round trip to the main process per chunk, not per file (4 % of the CPU
        # of a 200-file batch), still small enough to share the last files out evenly
        for result in pool.map(_in_worker, paths, chunksize=max(1, len(paths) // (16 * jobs))):
            yield result
            done += 1
    except BrokenProcessPool:  # a worker was killed or crashed in a library: the rest is checked here, as --jobs 1
        yield from (_check_one(path, settings) for path in paths[done:])
    finally:  # on an interrupt or a failure, files not yet started are not checked in the background
        pool.shutdown(cancel_futures=True)
        if freezes:
            gc.unfreeze()


def _start_worker(settings: _Settings) -> None:
    _WORKER["settings"] = settings


def _in_worker(path: Path | Report) -> RunResult:
    return _check_one(path, _WORKER["settings"])


def _check_one(path: Path | Report, settings: _Settings) -> RunResult:
    result = check_paths([path], settings.suite, settings.previous)
    if settings.finish is not None:
        settings.finish(result)
    if not settings.keep_reports:
        result.reports.clear()
        result.checks[:] = [replace(check, records=()) for check in result.checks]
    return result
