"""One file checked within its budget: wall time and memory bounded, and any failure a problem of that file.

Time: a POSIX interval timer raises inside the check when the budget is spent (between any two
Python operations, so a runaway loop in a reader or the engine stops). Memory: the soft
address-space limit (RLIMIT_AS) is set to what the process uses plus the budget while the file is
checked, so the kernel refuses the allocation that would pass it and Python raises MemoryError
there, even inside a C library; it costs two system calls a file. Both belong to the process, so
both need the main thread: files checked in other threads get only the limits the readers count
(parallel checking in processes keeps both).
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Callable, Iterator

from rapportkoll.bounds import current, over
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.limits import TimeUp, time_limit

try:
    import resource
except ImportError:  # not POSIX: no address-space limit
    resource = None  # type: ignore[assignment]

_DETAIL = 200  # characters of an unexpected error's text kept in its one-line problem


def within_budget(place: str, work: Callable[[], None]) -> InputError | None:
    """Run ``work`` (read and check one file) within the current limits; what stopped it, as an InputError.

    A limit hit names the limit and its flag; any other failure is one line saying what failed
    and that it is a bug to report. What ``work`` recorded before it stopped is kept.
    """
    try:
        with time_limit(current().seconds), _address_space(current().memory):
            work()
    except InputError as error:
        return error
    except TimeUp:
        return over(place, "seconds")
    except MemoryError:
        return over(place, "memory")
    except Exception as exc:  # noqa: BLE001 - the point: one file's bug must not end the run
        return _bug(place, exc)
    return None


def _bug(place: str, exc: BaseException) -> InputError:
    detail = f"{type(exc).__name__}: {str(exc)[:_DETAIL]}".rstrip(": ")
    return InputError(place, f"oväntat fel i rapportkoll ({detail}); filen kontrollerades inte färdigt. "
                             "Det är en bugg: rapportera den gärna",
                      f"unexpected error in rapportkoll ({detail}); the file was not fully checked. "
                      "This is a bug: please report it")


@contextmanager
def _address_space(budget: int) -> Iterator[None]:
    """Within the block the process may map at most ``budget`` bytes more than it has now."""
    in_main = threading.current_thread() is threading.main_thread()
    if resource is None or not in_main or not os.path.exists("/proc/self/statm"):
        yield  # the limit is the whole process's: threads checking files side by side would undo each other's
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _mapped() + budget
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY:
        cap = min(cap, soft)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _mapped() -> int:
    """Bytes of address space the process has mapped now (Linux: /proc/self/statm, in pages)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
