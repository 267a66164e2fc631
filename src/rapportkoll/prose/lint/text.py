"""Lints of the running text: template leftovers and repeated sentences."""

from __future__ import annotations

from rapportkoll.findings import Finding, Severity
from rapportkoll.prose.cite import paragraph_ref, prose_finding
from rapportkoll.prose.lint.vocabulary import LintVocabulary
from rapportkoll.prose.sections import Section
from rapportkoll.prose.sentences import split_sentences

_MIN_REPEAT_WORDS = 8  # shorter sentences repeat by nature ("Se tabell nedan.")


def template_leftovers(sections: list[Section], vocabulary: LintVocabulary) -> list[Finding]:
    """A template's instruction left in the text is an error: the reader sees the draft."""
    found = []
    for section in sections:
        for paragraph in section.paragraphs:
            match = vocabulary.templates.search(paragraph.text)
            if match:
                cell = paragraph_ref(paragraph, section.heading, match.start(), match.end())
                found.append(prose_finding("RK601", "lint.template-leftover", Severity.ERROR, (cell,),
                                           {"text": paragraph.text[:200]}))
    return found


def repeated_sentences(sections: list[Section]) -> list[Finding]:
    """A long sentence written twice: one copy is usually left over from an earlier draft.

    A paragraph repeating several sentences is reported once, at its first repeated sentence.
    """
    first: dict[str, str] = {}
    found = []
    for section in sections:
        for paragraph in section.paragraphs:
            reported = False
            for sentence in split_sentences(paragraph.text):
                key = " ".join(sentence.text.split()).casefold()
                if len(key.split()) < _MIN_REPEAT_WORDS:
                    continue
                if key in first and not reported:
                    reported = True
                    cell = paragraph_ref(paragraph, section.heading, sentence.start, sentence.end)
                    found.append(prose_finding("RK608", "lint.repeated-text", Severity.WARNING, (cell,),
                                               {"text": sentence.text.strip()[:200], "other": first[key]}))
                else:
                    first.setdefault(key, paragraph.location.describe())
    return found
