"""The one exception readers raise: the input as a whole cannot be read."""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read at all; carries a bilingual one-line message with its place."""

    def __init__(self, place: str, message_sv: str, message_en: str) -> None:
        super().__init__(f"{place}: {message_en}")
        self.place = place
        self.message_sv = message_sv
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return f"{self.place}: {self.message_sv if lang == 'sv' else self.message_en}"
