"""`rapportkoll explain CODE`: what a finding code means, why it matters, how to fix or switch it off.

What and the example come from the finding catalogue and the rule kinds' documentation; why and
how to fix are kept here, one entry a code, in both languages.
"""

from __future__ import annotations

from rapportkoll.catalog import FINDING_TYPES
from rapportkoll.kinds import KINDS

# code -> (why sv, why en, fix sv, fix en)
_ADVICE: dict[str, tuple[str, str, str, str]] = {
    "RK101": ("En summa som inte uppdaterats efter att en del ändrats är det vanligaste felet i en budgettabell.",
              "A total not updated after a part changed is the most common error in a budget table.",
              "Rätta summan eller den del som föreslås; kontrollera att alla delar finns med.",
              "Correct the total or the suggested part; check that every part is included."),
    "RK103": ("Ett tomt värde i ett samband kan inte skiljas från ett värde som fallit bort.",
              "A blank in a relation cannot be told apart from a value lost in editing.",
              "Fyll i värdet som sambandet ger, eller markera att det saknas med avsikt ('-').",
              "Fill in the value the relation gives, or mark it as missing on purpose ('-')."),
    "RK111": ("Ett samband mellan rader eller kolumner (t.ex. resultat = intäkter − kostnader) bryts av "
              "ett skrivfel.",
              "A relation between rows or columns (e.g. result = income − costs) is broken by a slip.",
              "Rätta cellen som föreslås, eller talen sambandet bygger på.",
              "Correct the suggested cell, or the numbers the relation is built from."),
    "RK121": ("En avvikelse eller differens som inte stämmer ger läsaren fel bild av utfallet.",
              "A deviation or difference that does not match misleads the reader about the outcome.",
              "Räkna om differensen ur kolumnerna den jämför.",
              "Recompute the difference from the columns it compares."),
    "RK122": ("Ett omvänt tecken gör ett överskott till ett underskott.",
              "A flipped sign turns a surplus into a deficit.",
              "Byt tecken så att tabellens egen konvention följs.",
              "Flip the sign so that the table's own convention holds."),
    "RK131": ("Ett riskvärde eller belopp som inte är produkten av sina faktorer rangordnar fel.",
              "A risk value or amount that is not the product of its factors ranks wrongly.",
              "Räkna om produkten ur faktorerna.", "Recompute the product from its factors."),
    "RK151": ("En andel som inte stämmer med sina belopp ger en felaktig procentsats.",
              "A ratio that does not match its amounts gives a wrong percentage.",
              "Räkna om andelen ur beloppen.", "Recompute the ratio from the amounts."),
    "RK221": ("Ett tal med omvänt tecken bland årets och tidigare års kostnader passerar varje summakontroll, "
              "men läsaren ser det direkt.",
              "A figure with the opposite sign among a cost's years passes every sum check, but a reader sees it at once.",
              "Byt tecken på talet, eller förklara i texten varför det skiljer sig.",
              "Flip the figure's sign, or explain in the text why it differs."),
    "RK141": ("Samma belopp i två tabeller måste vara lika, annars vet läsaren inte vilket som gäller.",
              "The same amount in two tables must agree, or the reader cannot tell which one holds.",
              "Rätta tabellen som inte uppdaterats.", "Correct the table that was not updated."),
    "RK143": ("Årets ingående balans är förra årets utgående; skiljer de sig har ett belopp ändrats eller skrivits fel.",
              "This year's opening balance is last year's closing; if they differ, an amount was changed or mistyped.",
              "Använd förra årets utgående balans, eller förklara omräkningen i texten.",
              "Use last year's closing balance, or explain the restatement in the text."),
    "RK142": ("Utfall för en redan rapporterad period ska inte ändras mellan rapporterna.",
              "Figures of an already reported period should not change between reports.",
              "Använd föregående rapports belopp, eller förklara ändringen i texten.",
              "Use the previous report's amount, or explain the change in the text."),
    "RK501": ("Läsaren tror på texten; ett belopp som skiljer sig från tabellen sprider fel siffra.",
              "Readers trust the text; an amount that differs from the table spreads the wrong figure.",
              "Rätta beloppet i texten eller cellen som inte uppdaterats.",
              "Correct the amount in the text or the cell that was not updated."),
    "RK502": ("Ett överskott som kallas underskott (eller tvärtom) vänder budskapet.",
              "A surplus called a deficit (or the reverse) turns the message around.",
              "Byt ordet så att det stämmer med tecknet i tabellen.", "Change the word to match the table's sign."),
    "RK503": ("Tkr och mnkr förväxlade gör ett belopp tusen gånger fel.",
              "Tkr and mnkr mixed up make an amount a thousand times wrong.",
              "Rätta enheten i texten.", "Correct the unit in the text."),
    "RK504": ("Delar i texten som inte blir helheten visar att någon siffra är fel.",
              "Parts in the text that do not make up their whole show that a figure is wrong.",
              "Rätta delen eller helheten i texten.", "Correct the part or the whole in the text."),
    "RK505": ("Samma storhet med två värden i en rapport lämnar läsaren utan svar.",
              "One quantity with two values in a report leaves the reader without an answer.",
              "Använd samma värde på båda ställena.", "Use the same value in both places."),
    "RK506": ("En målstatus som motsäger utfallet ger en felaktig bild av måluppfyllelsen.",
              "A goal status that contradicts the outcome misrepresents whether the goal is met.",
              "Ändra statusen eller förklara den.", "Change the status or explain it."),
    "RK507": ("Ett ord som 'ökade' om värden som minskade vilseleder.",
              "A word such as 'increased' about values that fell misleads.",
              "Byt ordet så att det stämmer med värdena.", "Change the word to match the values."),
    "RK590": ("Ett påstående som passar flera celler kan inte kontrolleras säkert.",
              "A claim that fits several cells cannot be checked for certain.",
              "Skriv vilken rad eller period beloppet gäller.", "Say which row or period the amount refers to."),
    "RK591": ("Ett påstående utan cell att jämföra med är okontrollerat, inte godkänt.",
              "A claim with no cell to compare with is unchecked, not passed.",
              "Kontrollera det för hand, eller hänvisa till tabellen.", "Check it by hand, or refer to the table."),
    "RK601": ("Mallens instruktioner i en publicerad rapport visar att den inte är färdig.",
              "Template instructions in a published report show it is not finished.",
              "Ta bort instruktionen.", "Remove the instruction."),
    "RK602": ("En lucka i numreringen tyder på ett borttaget eller saknat avsnitt.",
              "A gap in the numbering suggests a removed or missing section.",
              "Numrera om, eller lägg till det som saknas.", "Renumber, or add what is missing."),
    "RK603": ("En innehållsförteckning som inte stämmer leder läsaren fel.",
              "A table of contents that does not match leads the reader astray.",
              "Uppdatera innehållsförteckningen.", "Update the table of contents."),
    "RK604": ("En fotnot utan hänvisning (eller tvärtom) gör att en förklaring går förlorad.",
              "A footnote without a reference (or the reverse) loses an explanation.",
              "Lägg till hänvisningen eller fotnoten.", "Add the reference or the footnote."),
    "RK605": ("'Årets resultat' i en delårsrapport kan förväxlas med periodens resultat.",
              "'Årets resultat' in an interim report can be mistaken for the period's result.",
              "Skriv 'periodens resultat' eller ange perioden.", "Write 'periodens resultat' or name the period."),
    "RK606": ("Ett annat år än rapportens är ofta kvar från förra årets rapport.",
              "A year other than the report's is often left over from last year's report.",
              "Rätta året, eller säg varför det nämns.", "Correct the year, or say why it is named."),
    "RK607": ("Utan enhet vet läsaren inte om beloppen är kronor, tkr eller mnkr.",
              "Without a unit the reader cannot tell kronor from tkr or mnkr.",
              "Ange enheten i tabellens rubrik.", "State the unit in the table's heading."),
    "RK608": ("En upprepad mening är ofta en kvarglömd kopia.", "A repeated sentence is often a leftover copy.",
              "Ta bort upprepningen.", "Remove the repetition."),
    "RK609": ("En tabell med rubriker men inga värden har tappat sitt innehåll.",
              "A table with headers but no values has lost its content.",
              "Fyll i värdena eller ta bort tabellen.", "Fill in the values or remove the table."),
    "RK610": ("Ett avsnitt med bara en rubrik har tappat sitt innehåll eller blev aldrig skrivet.",
              "A section that is only a heading has lost its content or was never written.",
              "Skriv avsnittet eller ta bort rubriken.", "Write the section or remove the heading."),
    "RK201": ("En tom cell kan inte skiljas från ett värde som fallit bort; saknade värden ska markeras.",
              "A blank cell cannot be told apart from a lost value; missing values must be marked.",
              "Skriv värdet, eller en markering som '-', '..' eller 'Inget utfall'.",
              "Enter the value, or a marker such as '-', '..' or 'Inget utfall'."),
    "RK211": ("Ett felformaterat värde (t.ex. '9,3 20,7)') är ofta två celler som smält ihop.",
              "A malformed value (e.g. '9,3 20,7)') is often two cells run together.",
              "Skriv värdet i den form kolumnen använder.", "Write the value in the form the column uses."),
    "RK301": ("En cell av fel sort (text i en sifferkolumn) kan inte kontrolleras och är ofta ett skrivfel.",
              "A cell of the wrong kind (text in a number column) cannot be checked and is often a slip.",
              "Skriv ett tal (eller en markering där kolumnen tillåter det).",
              "Enter a number (or a marker where the column allows one)."),
    "RK302": ("Ett statusvärde utanför den överenskomna listan går inte att följa upp.",
              "A status outside the agreed list cannot be followed up.",
              "Använd ett av de tillåtna värdena.", "Use one of the allowed values."),
    "RK401": ("Ett inskrivet tal bland formler uppdateras inte när delarna ändras.",
              "A typed number among formulas does not update when its parts change.",
              "Ersätt talet med formeln.", "Replace the number by the formula."),
    "RK402": ("En formel utan beräknat värde visar inget pålitligt tal.",
              "A formula without a calculated value shows no reliable number.",
              "Öppna och spara arbetsboken i Excel så att värdena beräknas.",
              "Open and save the workbook in Excel so that values are calculated."),
    "RK403": ("Ett felvärde (#REF!, #DIV/0!) i en formel betyder att beräkningen gått sönder.",
              "An error value (#REF!, #DIV/0!) means the calculation is broken.",
              "Rätta formeln.", "Correct the formula."),
    "RK404": ("Dolda rader, kolumner eller blad kontrolleras men syns inte för läsaren.",
              "Hidden rows, columns or sheets are checked but not seen by the reader.",
              "Visa dem, eller ta bort dem om de inte hör till rapporten.",
              "Unhide them, or remove them if they are not part of the report."),
    "RK901": ("En tabell som ingen regel kontrollerar får aldrig passera i tysthet.",
              "A table no rule checks must never pass silently.",
              "Skriv en regelsamling för tabellen (`rapportkoll infer` föreslår en) och använd --rules.",
              "Write a rule pack for the table (`rapportkoll infer` drafts one) and use --rules."),
    "RK911": ("En tabell med mycket många fel är oftast fel läst eller fel regel; varje fel söks inte igenom.",
              "A table failing in very many places is usually misread or given the wrong rule; not every failure "
              "is searched.",
              "Kontrollera att tabellen lästes rätt (`rapportkoll tables --cells`) och att regelsamlingen passar.",
              "Check that the table was read right (`rapportkoll tables --cells`) and that the pack fits it."),
    "RK902": ("En regel som inte hittar sin rad eller kolumn kontrollerar ingenting.",
              "A rule that does not find its row or column checks nothing.",
              "Rätta etiketten i regeln eller i tabellen.", "Correct the label in the rule or in the table."),
}

_HEADINGS = {
    "sv": ("Vad", "Varför", "Exempel", "Så rättar du", "Så stänger du av", "Regeltyp"),
    "en": ("What", "Why", "Example", "How to fix", "How to switch off", "Rule kind"),
}


def explanation(code: str, lang: str) -> str | None:
    """The explanation of a finding code or a bundled rule's id as plain text, or None for neither."""
    kind = FINDING_TYPES.get(code.upper())
    if kind is None:
        return _rule_explanation(code, lang)
    what, why, example, fix, off, kind_word = _HEADINGS[lang]
    why_sv, why_en, fix_sv, fix_en = _ADVICE[kind.code]
    lines = [f"{kind.code} {kind.name} — {kind.title(lang)} ({' '.join(kind.tags)})", "",
             f"{what}: {kind.template_sv if lang == 'sv' else kind.template_en}", "",
             f"{why}: {why_sv if lang == 'sv' else why_en}", ""]
    for rule_kind in (k for k in KINDS.values() if kind.code in k.codes):
        lines += [f"{example} ({kind_word.lower()} `{rule_kind.name}`):", ""]
        if lang == "en":
            lines += [f"  fails:  {rule_kind.doc.failing}", f"  passes: {rule_kind.doc.passing}", ""]
        lines += ["  " + line for line in rule_kind.doc.example.splitlines()] + [""]
    lines += [f"{fix}: {fix_sv if lang == 'sv' else fix_en}", "", f"{off}:", *_switch_off(kind.code, lang)]
    return "\n".join(lines) + "\n"


_RULE_HEADINGS = {"sv": ("Regelsamling", "Regeltyp", "Varför regeln gäller", "Källa", "Koder"),
                  "en": ("Pack", "Rule kind", "Why the rule holds", "Source", "Codes")}


def _rule_explanation(rule_id: str, lang: str) -> str | None:
    """A bundled rule: its pack, kind, why it holds (its rationale) and the codes its findings carry."""
    from rapportkoll.packs import load_pack
    from rapportkoll.suites import bundled_rules_dir

    found = [(pack, rule) for pack in map(load_pack, sorted(bundled_rules_dir().glob("*.yaml")))
             for rule in pack.rules if rule.id == rule_id]
    if not found:
        return None
    (pack, rule), = found
    pack_word, kind_word, why, source, codes = _RULE_HEADINGS[lang]
    title = rule.title[0] if lang == "sv" else rule.title[1]
    lines = [f"{rule.id} — {title}", "", f"{pack_word}: {pack.name} ({pack.title[0] if lang == 'sv' else pack.title[1]})",
             f"{kind_word}: {rule.kind.name}" + ("" if lang == "sv" else f" — {rule.kind.doc.summary}"), "",
             f"{why}: {(rule.rationale[0] if lang == 'sv' else rule.rationale[1]) or '—'}", "", f"{codes}: {', '.join(rule.kind.codes)} "
             f"(rapportkoll explain {rule.kind.codes[0]})", f"{source}: {rule.source}"]
    return "\n".join(lines) + "\n"


def _switch_off(code: str, lang: str) -> list[str]:
    if lang == "sv":
        return [f"  rapportkoll check ... --ignore {code}",
                f"  i pyproject.toml:  [tool.rapportkoll]  ignore = [\"{code}\"]",
                "  en enskild godtagen avvikelse: rapportkoll baseline ... --output baslinje.json, "
                "sedan check --baseline baslinje.json",
                "  en regels allvarlighetsgrad: severity: {regel-id: info} i en svit (--suite)"]
    return [f"  rapportkoll check ... --ignore {code}",
            f"  in pyproject.toml:  [tool.rapportkoll]  ignore = [\"{code}\"]",
            "  one accepted finding: rapportkoll baseline ... --output baseline.json, "
            "then check --baseline baseline.json",
            "  a rule's severity: severity: {rule-id: info} in a suite (--suite)"]
