"""A total said of a table's rows: 'ett sammanlagt resultat om –13,9 mnkr' is its total row's, not one row's."""

from __future__ import annotations

from rapportkoll.model import Table
from rapportkoll.prose.claims import Claim
from rapportkoll.prose.columns import deviation_table
from rapportkoll.prose.results import rows_labelled
from rapportkoll.prose.sentences import split_sentences
from rapportkoll.prose.vocabulary import Vocabulary


def said_of_total(claim: Claim, vocabulary: Vocabulary) -> bool:
    """The figure's clause says it is a total ('sammanlagt', 'den totala budgetavvikelsen'), or its sentence goes on
    about the total the sentence before said, by a pronoun ('… den totala budgetavvikelsen till +80 Mkr. Vid
    bokslutet uppgick den emellertid till -70 Mkr, vilket innebär en negativ prognosavvikelse på 150 Mkr.')."""
    if vocabulary.total_words.search(claim.clause):
        return True
    text = claim.paragraph.text
    if not vocabulary.total_pronoun.search(text, claim.sentence.start, claim.start):
        return False
    before = [s for s in split_sentences(text[:claim.sentence.start]) if s.text.strip()]
    return bool(before) and vocabulary.total_words.search(before[-1].text) is not None


def total_row(tables: list[Table], vocabulary: Vocabulary) -> tuple[Table, int] | None:
    """The one total row in scope ('Totalt', 'Summa budgetavvikelse'); without one, the result row of a table of
    deviations (Malmö's 'Prognosavvikelse, Mkr' sums its nämnder into 'Årets resultat'). Two or more: none."""
    rows = rows_labelled(tables, vocabulary.total_rows)
    if not rows:
        rows = rows_labelled([t for t in tables if deviation_table(t, vocabulary)], vocabulary.result_rows)
    return rows[0] if len(rows) == 1 else None
