"""The catalogue of finding types: stable codes, dotted names, tags and bilingual message templates.

Codes are literals and never reused; tests assert on codes and cells, not on wording.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FindingType:
    code: str
    name: str
    tags: tuple[str, ...]
    title_sv: str
    title_en: str
    template_sv: str
    template_en: str

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
                "{row} ({column}) is blank but the other numbers of the relation give {expected}"),
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
    FindingType("RK901", "table.unchecked", ("#coverage",),
                "Tabellen kontrollerades inte", "Table not checked",
                "Ingen regelsamling passar tabellen '{table}' ({columns}); den är inte kontrollerad",
                "No rule pack matches table '{table}' ({columns}); it was not checked"),
    FindingType("RK902", "rule.unresolved", ("#coverage",),
                "Regeln kunde inte tillämpas", "Rule could not be applied",
                "Regeln {rule} hittar inte {what} '{label}' i tabellen",
                "Rule {rule} finds no {what} '{label}' in the table"),
)

FINDING_TYPES: dict[str, FindingType] = {t.code: t for t in _TYPES}
