"""The catalogue of finding types: stable codes, dotted names, tags and bilingual message templates.

Codes are literals and never reused; tests assert on codes and cells, not on wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Use = Literal["finding", "unchecked", "unresolved", "unlinked"]


@dataclass(frozen=True)
class FindingType:
    """``use`` says what the run does with a finding beyond reporting it: 'unchecked' (a table no rule
    checked: listed apart, a skipped test case), 'unresolved' (a rule that could not apply: a user's
    pack fails on it), 'unlinked' (a prose claim that could not be checked: counted, listed on request).
    ``severity_cap`` is the most a rule's severity can make of it ('warning' for a blank that may be
    deliberate). Every finding's message may name its rule as '{rule}'."""

    code: str
    name: str
    tags: tuple[str, ...]
    title_sv: str
    title_en: str
    template_sv: str
    template_en: str
    use: Use = "finding"
    severity_cap: Literal["warning", "info"] | None = None

    def __post_init__(self) -> None:
        if self.use not in get_args(Use):
            raise ValueError(f"{self.code}: use '{self.use}' is not one of {', '.join(get_args(Use))}")

    def title(self, lang: str) -> str:
        return self.title_sv if lang == "sv" else self.title_en

    def render(self, lang: str, fields: dict[str, str]) -> str:
        """The message in ``lang``; a field given per language ('kind_sv', 'kind_en') fills '{kind}'."""
        template = self.template_sv if lang == "sv" else self.template_en
        suffix = f"_{lang}"
        localized = {key.removesuffix(suffix): value for key, value in fields.items() if key.endswith(suffix)}
        return template.format_map(_Lenient({**fields, **localized}))


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_TYPES = (
    FindingType("RK101", "sum.parts-to-total", ("#sum", "#rounding"),
                "Summan stämmer inte", "Sum does not add up",
                "{total} är {actual} men delarna ({parts}) blir sammanlagt {expected} (avrundningen tillåter ±{tolerance})",
                "{total} is {actual} but its parts ({parts}) add up to {expected} (rounding allows ±{tolerance})"),
    FindingType("RK103", "relation.blank-operand", ("#missing", "#rounding"),
                "Tomt där ett värde hör hemma", "Blank where a value belongs",
                "{row} ({column}) är tom men de övriga talen i sambandet ger {expected}",
                "{row} ({column}) is blank but the other numbers of the relation give {expected}",
                severity_cap="warning"),  # a blank may be deliberate (an avvikelse left out); a controller decides
    FindingType("RK111", "equation.linear", ("#equation", "#rounding"),
                "Sambandet stämmer inte", "Relation does not hold",
                "{result} är {actual} men {formula} blir {expected} (avrundningen tillåter ±{tolerance})",
                "{result} is {actual} but {formula} gives {expected} (rounding allows ±{tolerance})"),
    FindingType("RK121", "difference.mismatch", ("#difference", "#rounding"),
                "Differensen stämmer inte", "Difference does not match",
                "{result} är {actual} men {formula} blir {expected} (avrundningen tillåter ±{tolerance})",
                "{result} is {actual} but {formula} gives {expected} (rounding allows ±{tolerance})"),
    FindingType("RK122", "difference.sign", ("#difference", "#sign"),
                "Fel tecken på differensen", "Difference has the wrong sign",
                "{result} är {actual}, vilket bara stämmer om tecknet vänds; {formula} blir {expected}"
                " (tabellens konvention: {convention})",
                "{result} is {actual}, which fits only with the opposite sign; {formula} gives {expected}"
                " (the table's convention: {convention})"),
    FindingType("RK131", "product.factors", ("#product", "#rounding"),
                "Produkten stämmer inte", "Product does not match",
                "{result} är {actual} men {formula} blir {expected}",
                "{result} is {actual} but {formula} gives {expected}"),
    FindingType("RK151", "ratio.quotient", ("#ratio", "#rounding"),
                "Andelen stämmer inte", "Ratio does not match",
                "{result} är {actual} men {formula} blir {expected}",
                "{result} is {actual} but {formula} gives {expected}"),
    FindingType("RK141", "cross-table.equal", ("#cross-table", "#rounding"),
                "Värdet skiljer sig mellan tabeller", "Value differs between tables",
                "{here} är {actual} men {there} i tabellen {other} är {expected}{hint_sv}",
                "{here} is {actual} but {there} in table {other} is {expected}{hint_en}"),
    FindingType("RK142", "previous.same-period", ("#cross-report", "#rounding"),
                "Skiljer sig från föregående rapport", "Differs from the previous report",
                "{here} är {actual} men var {expected} i föregående rapport ({previous})",
                "{here} is {actual} but {expected} in the previous report ({previous})"),
    FindingType("RK143", "carry.opening-balance", ("#cross-period", "#rounding"),
                "Ingående balans skiljer sig från förra årets utgående", "Opening balance differs from last year's closing",
                "{opening} är {actual} men {closing} är {expected}",
                "{opening} is {actual} but {closing} is {expected}"),
    FindingType("RK201", "missing.unmarked-blank", ("#missing",),
                "Tomt värde utan markering", "Blank value without a marker",
                "{row} saknar värde för {column}; markera ett saknat värde (t.ex. med '-', '..' eller 'Inget utfall')",
                "{row} has no value for {column}; mark missing values (e.g. '-', '..', 'Inget utfall')"),
    FindingType("RK211", "format.malformed-value", ("#format",),
                "Felformaterat värde", "Malformed value",
                "'{text}' i {column} har inte formen {form}: {problem_sv}",
                "'{text}' in {column} is not of the form {form}: {problem_en}"),
    FindingType("RK221", "sign.along-row", ("#sign",),
                "Tecknet avviker i raden", "Sign differs along the row",
                "{row} är {actual} i {column} men har motsatt tecken i radens övriga kolumner ({others})",
                "{row} is {actual} in {column} but has the opposite sign in the row's other columns ({others})",
                severity_cap="warning"),  # a reversal can turn a cost's sign for a year; a controller decides
    FindingType("RK301", "schema.value-kind", ("#schema",),
                "Fel sorts värde", "Wrong kind of value",
                "'{text}' i {column} är inte {expected_kind}",
                "'{text}' in {column} is not {expected_kind}"),
    FindingType("RK302", "schema.allowed-values", ("#schema", "#status"),
                "Okänt statusvärde", "Unknown status value",
                "'{text}' i {column} är inte ett tillåtet värde ({allowed})",
                "'{text}' in {column} is not an allowed value ({allowed})"),
    FindingType("RK401", "source.typed-total", ("#source", "#stale"),
                "Inskrivet tal bland formler", "Typed number among formulas",
                "{message_sv}", "{message_en}"),
    FindingType("RK402", "source.uncalculated-formula", ("#source",),
                "Formel utan beräknat värde", "Formula without a calculated value",
                "{message_sv}", "{message_en}"),
    FindingType("RK403", "source.formula-error", ("#source",),
                "Formeln ger ett felvärde", "Formula shows an error value",
                "{message_sv}", "{message_en}"),
    FindingType("RK404", "source.hidden", ("#source", "#coverage"),
                "Dolda rader, kolumner eller blad", "Hidden rows, columns or sheets",
                "{message_sv}", "{message_en}"),
    FindingType("RK501", "prose.amount-disagrees", ("#prose", "#rounding"),
                "Texten stämmer inte med tabellen", "Text disagrees with the table",
                "Texten anger {claimed} men {cell} är {actual} (skillnad {difference}): \"{sentence}\"",
                "The text states {claimed} but {cell} is {actual} (difference {difference}): \"{sentence}\""),
    FindingType("RK502", "prose.polarity", ("#prose", "#sign"),
                "Texten anger fel riktning", "The text states the wrong direction",
                "Texten kallar {claimed} {word} men {evidence_sv}: \"{sentence}\"",
                "The text calls {claimed} {word} but {evidence_en}: \"{sentence}\""),
    FindingType("RK503", "prose.unit-factor", ("#prose", "#unit"),
                "Fel enhet i texten (faktor 1 000)", "Wrong unit in the text (a factor of 1,000)",
                "Texten anger {claimed} men {cell} är {actual}: en förväxling av tkr och mnkr? \"{sentence}\"",
                "The text states {claimed} but {cell} is {actual}: tkr and mnkr mixed up? \"{sentence}\""),
    FindingType("RK504", "prose.parts-whole", ("#prose", "#sum"),
                "Delarna i texten stämmer inte med helheten", "Parts in the text do not fit their whole",
                "{what_sv}: texten ger {actual} mot {expected}: \"{sentence}\"",
                "{what_en}: the text gives {actual} against {expected}: \"{sentence}\""),
    FindingType("RK505", "prose.stated-twice", ("#prose",),
                "Samma belopp anges med två värden", "One quantity stated with two values",
                "{quantity_sv} anges som {actual} här men som {expected} på {other}: \"{sentence}\"",
                "{quantity_en} is stated as {actual} here but as {expected} at {other}: \"{sentence}\""),
    FindingType("RK506", "prose.goal-status", ("#prose", "#goal"),
                "Måluppfyllelsen stämmer inte med värdena", "Goal status contradicts the values",
                "\"{status}\" men {evidence_sv}", "\"{status}\" but {evidence_en}"),
    FindingType("RK507", "prose.trend", ("#prose", "#trend"),
                "Trendordet stämmer inte med värdena", "Trend word contradicts the values",
                "Texten säger \"{word}\" om {row} men värdena går från {older} till {newer}: \"{sentence}\"",
                "The text says \"{word}\" of {row} but the values go from {older} to {newer}: \"{sentence}\""),
    FindingType("RK590", "prose.ambiguous", ("#prose", "#coverage"),
                "Påståendet kunde inte knytas entydigt", "Claim could not be linked unambiguously",
                "{claimed} ({type}) passar flera celler eller ingen säkert: \"{sentence}\"",
                "{claimed} ({type}) fits several cells or none for certain: \"{sentence}\"", use="unlinked"),
    FindingType("RK591", "prose.unlinked", ("#prose", "#coverage"),
                "Påståendet kunde inte kontrolleras", "Claim could not be checked",
                "{claimed} ({type}) har ingen cell att jämföra med ({reason}): \"{sentence}\"",
                "{claimed} ({type}) has no cell to compare with ({reason}): \"{sentence}\"", use="unlinked"),
    FindingType("RK601", "lint.template-leftover", ("#lint", "#template"),
                "Mallens text är kvar", "Template text left in",
                "Mallens instruktion står kvar i rapporten: \"{text}\"",
                "A template instruction is left in the report: \"{text}\""),
    FindingType("RK602", "lint.numbering-gap", ("#lint", "#numbering"),
                "Numreringen hoppar över", "Numbering skips a number",
                "{series} {missing} saknas: efter {before} kommer {after}",
                "{series} {missing} is missing: {before} is followed by {after}"),
    FindingType("RK603", "lint.toc-mismatch", ("#lint", "#toc"),
                "Innehållsförteckningen stämmer inte", "Table of contents does not match",
                "{what_sv}: \"{text}\"", "{what_en}: \"{text}\""),
    FindingType("RK604", "lint.footnote", ("#lint", "#footnote"),
                "Fotnot saknas eller hänger löst", "Footnote missing or orphaned",
                "{what_sv}: \"{text}\"", "{what_en}: \"{text}\""),
    FindingType("RK605", "lint.period-label", ("#lint", "#period"),
                "Årets resultat i en delårsrapport", "'Årets resultat' in an interim report",
                "\"{text}\" i en delårsrapport: menas periodens resultat?",
                "\"{text}\" in an interim report: is the period's result meant?"),
    FindingType("RK606", "lint.foreign-year", ("#lint", "#period"),
                "Ett annat år än rapportens", "A year other than the report's",
                "\"{text}\" nämner {year} i en rapport för {report_year}",
                "\"{text}\" names {year} in a report for {report_year}"),
    FindingType("RK607", "lint.table-unit", ("#lint", "#unit"),
                "Tabellen saknar enhet", "Table without a unit",
                "Tabellen \"{table}\" anger ingen enhet (andra tabeller anger {unit})",
                "Table \"{table}\" states no unit (other tables state {unit})"),
    FindingType("RK608", "lint.repeated-text", ("#lint", "#repeat"),
                "Upprepad mening", "Repeated sentence",
                "Meningen står redan på {other}: \"{text}\"",
                "The sentence already stands at {other}: \"{text}\""),
    FindingType("RK609", "lint.empty-table", ("#lint", "#empty"),
                "Tom tabell", "Empty table",
                "Tabellen \"{table}\" har rubriker men inga värden",
                "Table \"{table}\" has headers but no values"),
    FindingType("RK610", "lint.empty-section", ("#lint", "#empty"),
                "Tomt avsnitt", "Empty section",
                "Rubriken \"{text}\" följs direkt av nästa rubrik på samma nivå, utan text eller tabell",
                "The heading \"{text}\" is followed directly by the next heading of its level, with no text or table"),
    FindingType("RK901", "table.unchecked", ("#coverage",),
                "Tabellen kontrollerades inte", "Table not checked",
                "Ingen regelsamling passar tabellen '{table}' ({columns}); den är inte kontrollerad",
                "No rule pack matches table '{table}' ({columns}); it was not checked", use="unchecked"),
    FindingType("RK902", "rule.unresolved", ("#coverage",),
                "Regeln kunde inte tillämpas", "Rule could not be applied",
                "Regeln {rule} hittar inte {what} '{label}' i tabellen",
                "Rule {rule} finds no {what} '{label}' in the table", use="unresolved"),
    FindingType("RK911", "locate.capped", ("#coverage",),
                "För många avvikelser för att peka ut alla orsaker", "Too many failures to localise",
                "Tabellen '{table}' avviker på {failures} ställen; trolig orsak söks och visas för de första {limit}",
                "Table '{table}' fails in {failures} places; likely culprits are searched for and shown for the "
                "first {limit}"),
)

FINDING_TYPES: dict[str, FindingType] = {t.code: t for t in _TYPES}
