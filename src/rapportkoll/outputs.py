"""Where reports are written: `--output [FORMAT=]FILE` understood and refused before anything is read or written.

An output never overwrites an input: a path that resolves to a report being checked or the
previous report (through a symlink, a hard link or `..`) is refused, as are two outputs to one
path, a folder, a missing folder and a format the file's extension does not tell.
"""

from __future__ import annotations

import os
from pathlib import Path

# Formats a bare `--output FILE` is written in, by the file's extension.
BY_EXTENSION = {".json": "json", ".sarif": "sarif", ".xml": "junit", ".html": "html", ".htm": "html",
                ".md": "markdown", ".markdown": "markdown", ".txt": "rich"}


class OutputError(ValueError):
    """An output that cannot or must not be written; a bilingual message naming it."""

    def __init__(self, message_sv: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_sv, self.message_en = message_sv, message_en

    def message(self, lang: str) -> str:
        return self.message_sv if lang == "sv" else self.message_en


def targets(specs: tuple[str, ...], formats: tuple[str, ...], chosen: str | None,
            inputs: list[Path]) -> list[tuple[str, Path]]:
    """(format, path) of each `--output`; ``chosen`` (an explicit `--format`) serves where the extension says nothing."""
    found, taken = [], set()
    for spec in specs:
        named, path = _split(spec, formats)
        _check_path(path, inputs)
        key = os.path.realpath(path)
        if key in taken:
            raise OutputError(f"två --output till samma fil: {path}", f"two --output to the same file: {path}")
        taken.add(key)
        found.append((named or _inferred(spec, path, formats, chosen), path))
    return found


def _split(spec: str, formats: tuple[str, ...]) -> tuple[str | None, Path]:
    name, sep, file = spec.partition("=")
    if sep and name in formats:
        return name, Path(file)
    if sep and "/" not in name and "." not in name:
        raise OutputError(f"okänt format '{name}' i --output (kända: {', '.join(formats)})",
                          f"unknown format '{name}' in --output (known: {', '.join(formats)})")
    return None, Path(spec)


def _inferred(spec: str, path: Path, formats: tuple[str, ...], chosen: str | None) -> str:
    inferred = BY_EXTENSION.get(path.suffix.lower(), chosen)
    if inferred is None:
        raise OutputError(
            f"--output {spec}: formatet framgår inte av filändelsen; skriv FORMAT={spec} "
            f"(format: {', '.join(formats)})",
            f"--output {spec}: the format cannot be told from the extension; write FORMAT={spec} "
            f"(formats: {', '.join(formats)})")
    return inferred


def _check_path(path: Path, inputs: list[Path]) -> None:
    """Refuse a folder, a missing folder, and any path that is one of the inputs."""
    if path.is_dir():
        raise OutputError(f"--output {path} är en mapp, inte en fil", f"--output {path} is a folder, not a file")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"--output {path}: mappen {folder} finns inte",
                          f"--output {path}: folder {folder} does not exist")
    for source in inputs:
        if _same_file(path, source):
            raise OutputError(f"--output {path} skulle skriva över indatafilen {source}; välj en annan fil",
                              f"--output {path} would overwrite the input file {source}; choose another file")


def _same_file(output: Path, source: Path) -> bool:
    if os.path.realpath(output) == os.path.realpath(source):
        return True
    try:
        return os.path.samefile(output, source)
    except OSError:  # either does not exist (yet): not the same file
        return False


def write_error(path: Path, exc: OSError) -> OutputError:
    """A report that could not be written (full disk, no permission) as a message, not a traceback."""
    reason = exc.strerror or exc
    return OutputError(f"kan inte skriva {path} ({reason})", f"cannot write {path} ({reason})")
