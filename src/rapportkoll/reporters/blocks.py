"""A terminal report's blocks rendered ahead, where each file is checked, with the main process's console look.

In a batch the workers hold the documents' tables; each renders its findings' blocks (the finding,
its cells, the fix and the table around the suspect cell) as ``terminal.render`` would with the
main process's console, so that the main process only writes them in order (``RunResult.blocks``)
and the tables need not travel back. Output stays byte for byte that of ``--jobs 1``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TextIO

from rich.console import Console

from rapportkoll.records import RunResult
from rapportkoll.reporters.terminal import block, console_for, shown


@dataclass(frozen=True)
class Look:
    """How a console writes (width, colours, encoding): a worker's console made alike writes the same bytes."""

    width: int
    color_system: str | None
    terminal: bool
    no_color: bool
    encoding: str

    @classmethod
    def of(cls, stream: TextIO | None) -> Look:
        """The look of the report written to ``stream`` (None: a file written by ``--output``)."""
        console = console_for(stream if stream is not None else io.StringIO())
        return cls(console.width, console.color_system, console.is_terminal, console.no_color, console.encoding)


class Capture(io.StringIO):
    """A string buffer standing in for the stream a report goes to: its encoding (rich picks box characters
    by it) and whether it is a terminal."""

    def __init__(self, encoding: str, terminal: bool = False) -> None:
        super().__init__()
        self._encoding, self._terminal = encoding, terminal

    @property
    def encoding(self) -> str:
        return self._encoding

    def isatty(self) -> bool:
        return self._terminal


def prerender(result: RunResult, lang: str, look: Look) -> None:
    """Render each shown finding's block into ``result.blocks``, as ``render`` with a console of ``look`` would.

    A batch worker does this for its file, where the file's tables are at hand: the main process then
    only writes the blocks in order, and the tables need not travel back to it.
    """
    capture = Capture(look.encoding)
    console = Console(file=capture, highlight=False, soft_wrap=False, width=look.width, color_system=look.color_system,
                      force_terminal=look.terminal, no_color=look.no_color)
    for finding in shown(result):
        block(console, result, finding, lang)
        result.blocks[finding] = capture.getvalue()
        capture.seek(0)
        capture.truncate()


