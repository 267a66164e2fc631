"""Bounds on reading that the parsers do not keep themselves: wall-clock time and bytes inflated.

A compression bomb is refused instead of filling memory and a page that hangs is interrupted
(a PDF page's objects are counted before it is parsed: ``pdf_scan``).
"""

from __future__ import annotations

import signal
import threading
import time
import zlib
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator

MAX_INFLATED = 512 * 1024 * 1024  # bytes pdfminer may inflate from Flate streams in one read
MAX_STREAM = 64 * 1024 * 1024  # ... and from any one stream


_RETRY = 0.05  # seconds between further alarms once time is up, until one gets through


class TimeUp(BaseException):
    """Raised from the timer; a BaseException so that no library's `except Exception` swallows it."""


class Inflated(BaseException):
    """Flate streams inflate past their bound (MAX_STREAM, or what is left of MAX_INFLATED); a BaseException too."""


@contextmanager
def time_limit(seconds: float) -> Iterator[Callable[[], None]]:
    """Yield a check to call between pages; where possible a timer also interrupts a page that hangs."""
    end = time.monotonic() + seconds

    def check() -> None:
        if time.monotonic() > end:
            raise TimeUp

    timer = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
             and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not timer:
        yield check
        return

    def expire(signum, frame):
        raise TimeUp

    previous = signal.signal(signal.SIGALRM, expire)
    # Repeat after expiry: an exception raised while a gc callback or __del__ runs is printed and dropped.
    signal.setitimer(signal.ITIMER_REAL, seconds, _RETRY)
    try:
        yield check
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_inflated: ContextVar[list[int] | None] = ContextVar("rapportkoll_pdf_inflated", default=None)


class _BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes: inflation charged to the read's budget."""

    error = zlib.error

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        inflater = zlib.decompressobj()
        out = _charge(inflater, data)
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")  # pdfminer then tries its fallback
        return out


def _bounded_corrupted(data: bytes) -> bytes:
    """pdfminer's fallback for streams with a bad checksum or cut short, with the same bound."""
    try:
        return _charge(zlib.decompressobj(), data)
    except zlib.error:
        return b""


def _charge(inflater, data: bytes) -> bytes:
    """Inflate at most what the budget allows; more than that is a bomb, not a report."""
    budget = _inflated.get()
    limit = min(MAX_STREAM, budget[0] if budget else MAX_INFLATED)
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise Inflated
    if budget:
        budget[0] -= len(out)
    return out


def inflation_limit():
    """Within the block pdfminer inflates at most MAX_INFLATED bytes, and MAX_STREAM from any one stream."""
    _bound_inflation()
    return _budget(_inflated, MAX_INFLATED)


@contextmanager
def _budget(budget: ContextVar[list[int] | None], amount: int) -> Iterator[None]:
    """Within the block ``budget`` holds ``amount`` (in a list, so the code charging it can count it down)."""
    token = budget.set([amount])
    try:
        yield
    finally:
        budget.reset(token)


def _bound_inflation() -> None:
    """pdfminer inflates streams with an unbounded zlib.decompress; give it the bounded one, once.

    Outside a read (no budget) each stream is still bounded by MAX_STREAM.
    """
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib()
        pdftypes.decompress_corrupted = _bounded_corrupted
