"""Discovery on real tables from other municipalities' public reports (tests/realworld/, sources in its README).

For every table:

* a one-table TSV whose first line is the header is read as a report of exactly that table;
* discovery finds the relations a person reading the table would name (totals of the rows below or
  above, hierarchies, difference, sum and percentage columns) and nothing a person would reject;
* the generic suite reports no error on the clean table, except a documented genuine inconsistency of
  the published table, which it reports as exactly one error naming the wrong cell;
* a one-digit typo or a dropped minus sign in a cell that sits in such a relation is found: a finding
  names the mutated cell.

And `rapportkoll infer` writes packs that, used alone (`--suite rules-only --rules DIR`), reproduce the
generic suite's findings on the seed examples and on these tables.

Expected relations are written as a person reads the table, not as discovery happens to find them:
where the two differ the test fails on purpose (see the README of tests/realworld for what is known).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import rapportkoll
from rapportkoll.cli import main
from rapportkoll.discovery import discover
from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Table
from rapportkoll.readers import read_report

ROOT = Path(__file__).resolve().parents[1]
REALWORLD = ROOT / "tests" / "realworld"
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


# --- relations as a person names them ---------------------------------------------------------------

def S(total: str, *parts: str) -> tuple:
    """Row ``total`` is the sum of rows ``parts`` (in every amount column)."""
    return ("sum", total, frozenset(parts))


def D(result: str, minuend: str, subtrahend: str) -> tuple:
    """Column ``result`` = column ``minuend`` − column ``subtrahend`` (in every row)."""
    return ("difference", result, minuend, subtrahend)


def E(result: str, *plus: str) -> tuple:
    """Column ``result`` = the sum of columns ``plus`` (in every row)."""
    return ("equation", result, frozenset(plus))


def C(opening: str, closing: str) -> tuple:
    """Row ``opening`` in a year's column = row ``closing`` in the year before's (where the numbers show it)."""
    return ("carry", opening, closing)


def R(result: str, numerator: str, denominator: str, less: str | None = None) -> tuple:
    """Column ``result`` (a percentage) = ``numerator`` / (``denominator`` − ``less``) in every row."""
    return ("ratio", result, numerator, denominator, less)


@dataclass(frozen=True)
class Case:
    file: str
    expected: frozenset
    allowed: frozenset = frozenset()   # further true relations discovery may report
    genuine: tuple[str, str, str] | None = None   # (row, column, corrected text) of a published error
    mutations: tuple[tuple[str, str, str], ...] = ()   # (row, column, "typo" | "minus")

    @property
    def path(self) -> Path:
        return REALWORLD / self.file


KS_GNESTA = ("Kommunchefen", "Kansli- och nämndserviceenheten", "It-enheten", "Ekonomienheten",
             "Mark och fastigheter", "Personalenheten", "Samhällsunderstödda resor")
KS_VASTERVIK = ("Politisk verksamhet", "Ledning", "Samhällsbyggnad", "Kultur", "Kommunservice",
                "Räddningstjänst", "Prioriterade områden")
BUN_VASTERVIK = ("Gemensam verksamhet", "Förskola och familjedaghem", "Obligatorisk skola och fritidshem",
                 "Gymnasieskola, gymnasiesärskola", "Komvux och SFI")
SN_VASTERVIK = ("Äldreomsorg", "Individ- och familjeomsorg", "OF, omsorg & stöd, funktionsneds.",
                "Hälso- och sjukvårdsverksamhet", "Förvaltningsstab och SN")

CASES = [
    Case(
        "gnesta-2013-driftredovisning.tsv",
        frozenset({
            S("Kommungemensamma poster", "Revision", "Överförmyndare", "Övriga förtroendevalda", "Pensioner",
              "Skatter/statsbidrag", "Räntenetto/borgensavgift", "Övrigt kommungemensamt"),
            S("Kommunstyrelsen", *KS_GNESTA),
            S("Miljö- och byggnämnden", "Samhällsbyggnad administration", "Plan- och byggenheten",
              "Planeringsenheten", "Räddningsenheten", "Miljöenheten"),
            D("Budget-avvikelse", "Utfall 2013", "Budget 2013"),
            # Only this year's figure and the change are printed: the base is last year's, Utfall − Förändring.
            R("Förändring 2012/2013 (%)", "Förändring 2012/2013 (tkr)", "Utfall 2013", "Förändring 2012/2013 (tkr)"),
        }),
        mutations=(
            ("Kommunstyrelsen", "Utfall 2013", "typo"),
            ("It-enheten", "Budget 2013", "typo"),
            ("Pensioner", "Budget-avvikelse", "typo"),
            ("Revision", "Utfall 2013", "minus"),
            ("Planeringsenheten", "Förändring 2012/2013 (tkr)", "minus"),
            ("Miljö- och byggnämnden", "Budget 2013", "minus"),
            ("Kommunstyrelsen", "Förändring 2012/2013 (%)", "typo"),
            ("Överförmyndare", "Förändring 2012/2013 (%)", "minus"),
        ),
    ),
    Case(
        "vastervik-2020-driftsredovisning.tsv",
        frozenset({
            S("Kommunstyrelse", *KS_VASTERVIK, "Arbete o kompetens"),
            S("Barn- och utbildningsnämnd", *BUN_VASTERVIK),
            S("Socialnämnd", *SN_VASTERVIK),
            E("Nettokostnad 2020", "Intäkter 2020", "Kostnader 2020"),
            D("Avvikelse mot budget 2020", "Nettokostnad 2020", "Budget 2020"),
        }),
        mutations=(
            ("Kultur", "Kostnader 2020", "typo"),
            ("Socialnämnd", "Budget 2020", "typo"),
            ("Komvux och SFI", "Intäkter 2019", "typo"),
            ("Ledning", "Avvikelse mot budget 2020", "minus"),
            ("Äldreomsorg", "Nettokostnad 2020", "minus"),
            ("Barn- och utbildningsnämnd", "Kostnader 2019", "minus"),
        ),
    ),
    Case(
        "vastervik-2021-driftsredovisning.tsv",
        frozenset({
            S("Kommunstyrelse", *KS_VASTERVIK, "Arbete och kompetens"),
            S("Barn- och utbildningsnämnd", *BUN_VASTERVIK),
            S("Socialnämnd", *SN_VASTERVIK, "Uttag ur resultatutjämningsfond"),
            E("Nettokostnad 2021", "Intäkter 2021", "Kostnader 2021"),
            D("Avvikelse mot budget 2021", "Nettokostnad 2021", "Budget 2021"),
        }),
        # Published: Äldreomsorg Kostnader 2021 -558,2, but its Nettokostnad -431,2 = 157,0 − 588,2 and
        # Socialnämnd's -1179,0 = the sum of its units with -588,2: a 5/8 slip in the report itself.
        genuine=("Äldreomsorg", "Kostnader 2021", "-588,2"),
        mutations=(
            ("Ledning", "Budget 2021", "typo"),
            ("Obligatorisk skola och fritidshem", "Kostnader 2021", "typo"),
            ("Kommunstyrelse", "Nettokostnad 2021", "minus"),
            ("Gymnasieskola, gymnasiesärskola", "Avvikelse mot budget 2021", "minus"),
        ),
    ),
    Case(
        "goteborg-2018-resultatrakning.tsv",
        frozenset({
            S("Verksamhetens nettokostnader", "Verksamhetens intäkter", "Verksamhetens kostnader",
              "Avskrivningar och nedskrivningar"),
            S("Resultat efter finansiella poster", "Verksamhetens nettokostnader", "Skatteintäkter",
              "Kommunalekonomisk utjämning mm", "Finansiella intäkter", "Finansiella kostnader"),
            S("Årets resultat", "Resultat efter finansiella poster", "Extraordinära intäkter",
              "Extraordinära kostnader", "Aktuell och uppskjuten skatt", "Minoritetsandel"),
        }),
        mutations=(
            ("Skatteintäkter", "Kommunen 2018", "typo"),
            ("Verksamhetens kostnader", "Sammanställd redovisning 2017", "typo"),
            ("Finansiella kostnader", "Kommunen 2017", "minus"),
            ("Aktuell och uppskjuten skatt", "Sammanställd redovisning 2017", "minus"),
            ("Verksamhetens nettokostnader", "Kommunen 2018", "minus"),
        ),
    ),
    Case(
        "goteborg-2018-balanskravsutredning.tsv",
        frozenset({
            S("Årets resultat efter balanskravsutredning före avsättning till RUR", "Årets resultat",
              "Avgår samtliga realisationsvinster", "Vissa realisationsvinster enligt undantagsmöjligheter",
              "Vissa realisationsförluster enligt undantagsmöjligheter", "Orealiserade förluster i värdepapper",
              "Återföring av orealiserade förluster i värdepapper"),
            S("Årets balanskravsresultat efter avsättning till RUR",
              "Årets resultat efter balanskravsutredning före avsättning till RUR",
              "Medel till resultatutjämningsreserv (RUR)", "Medel från resultatutjämningsreserv (RUR)"),
        }),
        mutations=(
            ("Årets resultat", "2017", "typo"),
            ("Medel till resultatutjämningsreserv (RUR)", "2018", "minus"),
            ("Avgår samtliga realisationsvinster", "2016", "minus"),
        ),
    ),
    Case(
        "goteborg-2019-investeringsredovisning.tsv",
        frozenset({
            S("Fastighetsnämnden", "Förvärv och rivningar", "Hyresgästanpassningar",
              "Investeringar inom fastighetsförvaltning", "Västsvenska paketet"),
            S("Idrotts- och föreningsnämnden", "Reinvesteringar", "Omklädningsbyggnader", "Markanläggningar",
              "Idrottshallar", "Isanläggningar", "Sim- och badanläggningar", "Friidrottsanläggning på Hisingen",
              "Fotboll", "Idrottsområden", "Övrig stadsutveckling", "Övertagna föreningsanläggningar"),
        }),
        mutations=(
            ("Västsvenska paketet", "Utfall 2016–2019 U", "typo"),
            ("Fotboll", "Utfall 2019 U", "typo"),
            ("Idrottsområden", "Budget 2019 U", "minus"),
            ("Fastighetsnämnden", "Budget 2016–2019 U", "minus"),
        ),
    ),
    Case(
        "sjobo-2016-resultatbudget.tsv",
        frozenset({
            S("Verksamhetens nettokostnader", "Verksamhetens intäkter", "Verksamhetens kostnader", "Avskrivningar"),
            S("Resultat före extraordinära poster", "Verksamhetens nettokostnader", "Skatteintäkter",
              "Generella statsbidrag och utjämning", "Finansiella intäkter", "Finansiella kostnader"),
            S("Årets resultat", "Resultat före extraordinära poster", "Extraordinära intäkter",
              "Extraordinära kostnader"),
            S("Årets resultat efter balanskravsjusteringar", "Årets resultat", "Realisationsvinster",
              "Synnerliga skäl: Orealiserade förluster i värdepapper"),
            S("Årets balanskravsresultat", "Årets resultat efter balanskravsjusteringar",
              "Medel till resultatutjämningsreserv", "Medel från resultatutjämningsreserv"),
        }),
        mutations=(
            ("Skatteintäkter", "Budget 2016", "typo"),
            ("Verksamhetens kostnader", "Plan 2018", "typo"),
            ("Medel till resultatutjämningsreserv", "Bokslut 2014", "minus"),
            ("Avskrivningar", "Budget 2015", "minus"),
            ("Finansiella kostnader", "Plan 2017", "minus"),
        ),
    ),
    Case(
        "varmdo-2019-resultatrakning.tsv",
        frozenset({
            S("Verksamhetens nettokostnader", "Verksamhetens intäkter", "Jämförelsestörande intäktsposter",
              "Verksamhetens kostnader", "Jämförelsestörande kostnadsposter", "Avskrivningar"),
            S("Verksamhetens resultat", "Verksamhetens nettokostnader", "Skatteintäkter",
              "Bidrag från utjämningssystemen och generella statliga bidrag inklusive fastighetsavgift",
              "Avgifter i utjämningssystemen"),
            S("Resultat efter skatter och finansnetto", "Verksamhetens resultat", "Finansiella intäkter",
              "Finansiella kostnader"),
            S("Årets resultat", "Resultat efter skatter och finansnetto", "Uppskjuten skatt"),
        }),
        mutations=(
            ("Verksamhetens intäkter", "Kommunen 2019", "typo"),
            ("Avgifter i utjämningssystemen", "Koncernen 2018", "typo"),
            ("Jämförelsestörande kostnadsposter", "Kommunen 2018", "minus"),
            ("Finansiella kostnader", "Koncernen 2019", "minus"),
            ("Uppskjuten skatt", "Koncernen 2019", "minus"),
        ),
    ),
    Case(
        "varmdo-2019-kassaflode.tsv",
        frozenset({
            S("Medel från verksamheten före förändring av rörelsekapital", "Årets resultat",
              "Justeringar för ej likviditetspåverkande poster"),
            # As printed, this row is the change in working capital only (see the README).
            S("Kassaflöde från den löpande verksamheten", "Förändring av fordringar",
              "Förändring av lager och exploateringsfastigheter", "Förändring av skulder"),
            S("Kassaflöde från investeringsverksamheten", "Förvärv immateriella och materiella anläggningstillgångar",
              "Omrubricering av materiella anläggningstillgångar",
              "Försäljningsinkomster och bidrag materiella anläggningstillgångar"),
            S("Kassaflöde från finansieringsverksamheten", "Förändring av långfristig utlåning",
              "Förändring av nettolåneskuld"),
            S("Total kassaflöde", "Medel från verksamheten före förändring av rörelsekapital",
              "Kassaflöde från den löpande verksamheten", "Kassaflöde från investeringsverksamheten",
              "Kassaflöde från finansieringsverksamheten"),
            S("Likvida medel vid årets slut", "Likvida medel vid årets början", "Total kassaflöde"),
        }),
        allowed=frozenset({S("Förändring i kassa enligt BR", "Total kassaflöde"),
                           C("Likvida medel vid årets början", "Likvida medel vid årets slut")}),
        mutations=(
            ("Justeringar för ej likviditetspåverkande poster", "Kommunen 2018", "typo"),
            ("Förändring av nettolåneskuld", "Koncernen 2019", "typo"),
            ("Förvärv immateriella och materiella anläggningstillgångar", "Kommunen 2019", "minus"),
            ("Total kassaflöde", "Kommunen 2018", "minus"),
            ("Förändring av fordringar", "Koncernen 2019", "minus"),
        ),
    ),
    Case(
        "hallsberg-2020-kassaflodesanalys.tsv",
        frozenset({
            S("Medel från verksamheten före förändringar av rörelsekapital", "Årets resultat",
              "Justering för av- och nedskrivningar", "Justering för gjorda avsättningar",
              "Justering för ianspråktagna avsättningar", "Justering för övriga ej likviditetspåverkande poster"),
            S("Kassaflöde från den löpande verksamheten", "Medel från verksamheten före förändringar av rörelsekapital",
              "Ökning (−)/minskning (+) kortfristiga fordringar", "Ökning (−)/minskning (+) förråd och varulager",
              "Ökning (+)/minskning (−) kortfristiga skulder"),
            S("Kassaflöde från investeringsverksamheten", "Investering i materiella anläggningstillgångar",
              "Försäljning av materiella anläggningstillgångar", "Försäljning av finansiella anläggningstillgångar"),
            S("Kassaflöde från finansieringsverksamheten", "Nyupptagna lån", "Amortering av skuld",
              "Anslutningsavgifter vatten och avlopp", "Långfristig skuld investeringsbidrag",
              "Ökning av långfristiga fordringar", "Minskning av långfristiga fordringar"),
            S("Årets kassaflöde", "Kassaflöde från den löpande verksamheten", "Kassaflöde från investeringsverksamheten",
              "Kassaflöde från finansieringsverksamheten"),
            S("Likvida medel vid årets slut", "Årets kassaflöde", "Likvida medel vid årets början"),
        }),
        allowed=frozenset({C("Likvida medel vid årets början", "Likvida medel vid årets slut")}),
        mutations=(
            ("Justering för av- och nedskrivningar", "Koncern 2020", "typo"),
            ("Nyupptagna lån", "Koncern 2019", "typo"),
            ("Investering i materiella anläggningstillgångar", "Kommun 2019", "minus"),
            ("Årets kassaflöde", "Kommun 2019", "minus"),
            ("Ökning (+)/minskning (−) kortfristiga skulder", "Kommun 2019", "minus"),
        ),
    ),
    Case(
        "grastorp-2019-finansieringsanalys.tsv",
        frozenset({
            S("Medel från verksamheten före förändring av rörelsekapital", "Årets resultat",
              "Justering för av- och nedskrivningar", "Justering för övriga ej likviditetspåverkande poster"),
            S("MEDEL FRÅN DEN LÖPANDE VERKSAMHETEN", "Medel från verksamheten före förändring av rörelsekapital",
              "Ökning/minskning, kortfristiga fordringar", "Ökning/minskning, förråd, exploateringstillgångar",
              "Ökning/minskning, kortfristiga skulder"),
            S("MEDEL FRÅN INVESTERINGSVERKSAMHETEN", "Förvärv av immateriella anläggningstillgångar",
              "Förvärv av materiella anläggningstillgångar", "Försäljning av materiella anläggningstillgångar",
              "Förvärv av finansiella anläggningstillgångar", "Försäljning av finansiella anläggningstillgångar"),
            S("MEDEL FRÅN FINANSIERINGSVERKSAMHETEN", "Nya lån", "Amortering av skuld",
              "Ökning av långfristiga fordringar", "Minskning av långfristiga fordringar"),
            # "ÅRETS KASSAFLÖDE" is printed without amounts, so the closing balance adds the three sections directly.
            S("Likvida medel vid årets slut", "Likvida medel vid årets början", "MEDEL FRÅN DEN LÖPANDE VERKSAMHETEN",
              "MEDEL FRÅN INVESTERINGSVERKSAMHETEN", "MEDEL FRÅN FINANSIERINGSVERKSAMHETEN"),
        }),
        allowed=frozenset({C("Likvida medel vid årets början", "Likvida medel vid årets slut")}),
        mutations=(
            ("Justering för av- och nedskrivningar", "2018", "typo"),
            ("Förvärv av materiella anläggningstillgångar", "2019", "minus"),
            ("Nya lån", "2017", "typo"),
            ("Ökning/minskning, kortfristiga skulder", "2019", "minus"),
            ("MEDEL FRÅN INVESTERINGSVERKSAMHETEN", "2018", "minus"),
        ),
    ),
    Case(
        "angelholm-2021-balansrakning.tsv",
        frozenset({
            S("Summa anläggningstillgångar", "Immateriella anläggningstillgångar",
              "Mark, byggnader och tekniska anläggningar", "Maskiner och inventarier",
              "Aktier, andelar och bostadsrätter", "Långfristiga fordringar"),
            S("Summa omsättningstillgångar", "Förråd m.m", "Fordringar", "Kortfristiga placeringar", "Kassa och bank"),
            S("SUMMA TILLGÅNGAR", "Summa anläggningstillgångar", "Bidrag till statlig infrastruktur",
              "Summa omsättningstillgångar"),
            S("Summa eget kapital", "Årets resultat", "Resultatutjämningsreserv", "Övrigt eget kapital"),
            S("Summa avsättningar", "Avsättningar för pensioner och liknade förpliktelser", "Andra avsättningar"),
            S("Summa skulder", "Långfristiga skulder", "Kortfristiga skulder"),
            S("SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER", "Summa eget kapital", "Summa avsättningar",
              "Summa skulder"),
        }),
        # The balance identity: both sides of the balance sheet are equal.
        allowed=frozenset({S("SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER", "SUMMA TILLGÅNGAR")}),
        mutations=(
            ("Kassa och bank", "Kommunen 2021", "typo"),
            ("Summa anläggningstillgångar", "Kommunkoncernen 2020", "typo"),
            ("Resultatutjämningsreserv", "Kommunen 2021", "typo"),
            ("Långfristiga skulder", "Kommunkoncernen 2021", "typo"),
            ("Andra avsättningar", "Kommunkoncernen 2020", "typo"),
        ),
    ),
    Case(
        "tyreso-2018-driftsredovisning-kommunstyrelsen.tsv",
        frozenset({
            S("Totalt", "Plan och exploatering", "Väghållning park", "Miljö och trafik", "Vatten och avlopp",
              "Renhållning", "Näringsliv", "Gemensam verksamhet", "Kommunalförbund", "Politisk verksamhet"),
            # Costs are printed as positive amounts: Nettokostnad = Kostnader − Intäkter.
            D("Nettokostnad", "Kostnader", "Intäkter"),
            D("Avvikelse", "Kommunbidrag", "Nettokostnad"),
        }),
        mutations=(
            ("Gemensam verksamhet", "Kostnader", "typo"),
            ("Väghållning park", "Kommunbidrag", "typo"),
            ("Plan och exploatering", "Avvikelse", "minus"),
            ("Politisk verksamhet", "Avvikelse", "minus"),
            ("Totalt", "Intäkter", "typo"),
        ),
    ),
    Case(
        "gnesta-2013-resultatrakning.tsv",
        frozenset({
            S("Verksamhetens nettokostnader", "Verksamhetens intäkter", "Jämförelsestörande intäkter",
              "Verksamhetens kostnader", "Jämförelsestörande intäkter och kostnader",
              "Årets förändring av ansvarsförbindelsen", "Avskrivningar"),
            S("Resultat före extraordinära poster", "Verksamhetens nettokostnader", "Skatteintäkter",
              "Generella statsbidrag och utjämning", "Finansiella intäkter", "Finansiella kostnader"),
            S("Årets resultat", "Resultat före extraordinära poster", "Extraordinära intäkter",
              "Extraordinära kostnader"),
        }),
        mutations=(
            ("Skatteintäkter", "2013", "typo"),
            ("Jämförelsestörande intäkter och kostnader", "2012", "typo"),
            ("Årets förändring av ansvarsförbindelsen", "2013", "minus"),
            ("Verksamhetens kostnader", "2012", "minus"),
            ("Resultat före extraordinära poster", "2013", "minus"),
        ),
    ),
    # --- second hold-out round ------------------------------------------------------------------------
    Case(
        "hallsberg-2019-resultatrakning.tsv",
        frozenset({
            S("Verksamhetens nettokostnader", "Verksamhetens intäkter", "Verksamhetens kostnader", "Avskrivningar"),
            S("Verksamhetens resultat", "Verksamhetens nettokostnader", "Skatteintäkter",
              "Generella statsbidrag och utjämning"),
            S("Resultat efter finansiella poster", "Verksamhetens resultat", "Finansiella intäkter",
              "Finansiella kostnader"),
            S("Årets resultat", "Resultat efter finansiella poster", "Extraordinära poster (netto)"),
            D("Avvikelse", "Utfall 2019", "Budget 2019"),
        }),
        mutations=(
            ("Verksamhetens kostnader", "Utfall 2018", "typo"),
            ("Skatteintäkter", "Budget 2019", "typo"),
            ("Verksamhetens intäkter", "Avvikelse", "minus"),
            ("Finansiella kostnader", "Koncern 2019", "minus"),
            ("Verksamhetens nettokostnader", "Utfall 2019", "minus"),
        ),
    ),
    Case(
        "sjobo-2021-resultatrakning.tsv",
        frozenset({
            S("Verksamhetens nettokostnader", "Verksamhetens intäkter", "Verksamhetens kostnader",
              "Av- och nedskrivningar"),
            S("Verksamhetens resultat", "Verksamhetens nettokostnader", "Skatteintäkter",
              "Generella statsbidrag och utjämning"),
            S("Resultat efter finansiella poster", "Verksamhetens resultat", "Finansiella intäkter",
              "Finansiella kostnader"),
            S("Årets resultat enligt resultaträkningen", "Resultat efter finansiella poster", "Extraordinära poster"),
            # The balance-requirement rows are printed for the Kommunen columns only.
            S("Årets resultat efter balanskravsjusteringar", "Årets resultat enligt resultaträkningen",
              "Balanskravsjusteringar"),
            S("Balanskravsresultat", "Årets resultat efter balanskravsjusteringar", "Reservering av medel till RUR"),
        }),
        mutations=(
            ("Verksamhetens kostnader", "Kommunen Budget 2021", "typo"),
            ("Skatteintäkter", "Sammanställd redovisning Bokslut 2020", "typo"),
            ("Finansiella kostnader", "Sammanställd redovisning Bokslut 2021", "minus"),
            ("Balanskravsjusteringar", "Kommunen Bokslut 2021", "minus"),
            ("Reservering av medel till RUR", "Kommunen Bokslut 2020", "minus"),
        ),
    ),
    Case(
        "vargarda-2023-investeringsredovisning.tsv",
        frozenset({
            S("Skattefinansierade inv obj <3 mnkr", "Inventarier", "Reinvestering", "Underhåll", "Lokalanpassningar",
              "Utredning GC-bro Kyllingsån", "Tekniska Installationer"),
            S("Investering >3 mkr", "Inventarier nytt äldreboende", "Nytt äldreboende", "Om- & Tillbyggn Fridhem",
              "Utökning platser Vårgården", "Musikskola Kulturen", "Förskola Centrum", "Ventilation Sundler",
              "Förskola Hol", "Ombyggn Fridhem mottagnkök", "Ny idrottshall tätorten",
              "Ombyggn Asklanda mottagnkök", "Sporthall återinvestering"),
            E("Budget 2023", "Urspr budget 2023", "Om-budget År"),
            D("Av-vikelse 2023", "Budget 2023", "Utfall 2023"),
        }),
        mutations=(
            ("Underhåll", "Utfall 2023", "typo"),
            ("Förskola Centrum", "Om-budget År", "typo"),
            ("Skattefinansierade inv obj <3 mnkr", "Budget 2023", "typo"),
            ("Lokalanpassningar", "Av-vikelse 2023", "minus"),
            ("Förskola Hol", "Om-budget År", "minus"),
        ),
    ),
    Case(
        "vargarda-2023-driftredovisning.tsv",
        frozenset({
            S("Summa Politisk verksamhet", "Politisk verksamhet"),
            S("Summa Kommunövergripande", "Kommunövergripande"),
            S("Summa Stödfunktioner", "Personal/Ekonomi", "Strategisk planering o utveckl"),
            S("Summa Kärnverksamhet", "Förskola/Grundskola", "Gymnasie/Musikskola", "Kultur och Fritid",
              "Samhällsbyggnad", "Socialtjänst", "Vård och omsorg"),
            # Intäkter are printed negative and Kostnader positive: Netto = Intäkt + Kostnad.
            E("Utfall 2022 Netto", "Utfall 2022 Intäkt", "Utfall 2022 Kostnad"),
            E("Utfall 2023 Netto", "Utfall 2023 Intäkt", "Utfall 2023 Kostnad"),
        }),
        mutations=(
            ("Förskola/Grundskola", "Utfall 2023 Kostnad", "typo"),
            ("Vård och omsorg", "Utfall 2022 Netto", "typo"),
            ("Summa Kärnverksamhet", "Utfall 2022 Kostnad", "typo"),
            ("Samhällsbyggnad", "Utfall 2023 Intäkt", "minus"),
            ("Personal/Ekonomi", "Utfall 2022 Intäkt", "minus"),
        ),
    ),
    Case(
        "landstingen-2013-resultatrakning.tsv",
        frozenset({
            S("Verksamhetens nettokostnader", "Verksamhetens intäkter", "Verksamhetens kostnader", "Avskrivningar"),
            S("Resultat före extraordinära poster", "Verksamhetens nettokostnader", "Skatteintäkter",
              "Utjämningssystemet och generella statliga bidrag", "Finansiella intäkter", "Finansiella kostnader"),
            S("Årets resultat", "Resultat före extraordinära poster", "Extraordinära intäkter",
              "Extraordinära kostnader"),
        }),
        mutations=(
            ("Skatteintäkter", "2013", "typo"),
            ("Verksamhetens kostnader", "2011", "typo"),
            ("Finansiella kostnader", "2013", "minus"),
            ("Avskrivningar", "2012", "minus"),
        ),
    ),
]

CASE_IDS = [case.file.removesuffix(".tsv") for case in CASES]


# --- helpers ----------------------------------------------------------------------------------------

def table_of(path: Path) -> Table:
    report = read_report(path)
    assert len(report.tables) == 1, f"{path.name}: {len(report.tables)} tables"
    return report.tables[0]


def silent_rows(table: Table) -> set[str]:
    """Rows without a non-zero number (headings, '0,0' and '-' rows): they add nothing to a sum."""
    return {row.label.text for row in table.rows
            if not any(c.parsed.is_numeric and c.parsed.value != 0 for c in row.cells)}


def normalized(relation: tuple, silent: set[str]) -> tuple:
    if relation[0] == "sum":
        return ("sum", relation[1], frozenset(relation[2] - silent))
    return relation


def discovered(table: Table) -> set[tuple]:
    """What discovery found, in the notation of S, D, E and R (two-row chains and links included)."""
    keys = set()
    for item in discover(table, (table,)):
        p = item.params
        if item.kind == "same_sign":
            continue  # no relation between cells: held to the corpus's false alarms (none) and slips instead
        if item.kind == "sum":
            keys.add(S(p["total"], *p["parts"]))
        elif item.kind == "difference":
            keys.add(D(p["result"], p["minuend"], p["subtrahend"]))
        elif item.kind == "ratio":
            keys.add(R(p["result"], p["numerator"], p["denominator"], p.get("denominator_minus")))
        elif item.kind == "carry":
            keys.add(C(p["opening"], p["closing"]))
        elif item.kind == "equation" and p.get("axis") == "columns":
            keys.add(E(p["result"], *p["plus"]))
        elif item.kind == "equation":
            keys.add(("chain", p["result"], frozenset(p["plus"]), frozenset(p["minus"])))
        else:
            keys.add((item.kind, repr(sorted(p.items()))))
    return keys


def cell_position(path: Path, row: str, column: str) -> tuple[int, int, str]:
    """(line, field, text) of a cell of a one-table TSV: line 1 is the header, field 1 the row label."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    field_index = header.index(column)
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if fields[0] == row:
            return number, field_index + 1, fields[field_index]
    raise KeyError(row)


def typo(text: str) -> str:
    """A one-digit slip: the leading digit d becomes d + 1 (9 becomes 1)."""
    match = re.search(r"\d", text)
    assert match, text
    digit = int(match.group())
    return text[: match.start()] + str(digit % 9 + 1) + text[match.end():]


def drop_minus(text: str) -> str:
    """The minus sign lost, whichever way the report prints it ('-', '– ', '−' or the non-breaking hyphen '‑')."""
    changed = re.sub(r"^[-–−\u2011]\s*", "", text)
    assert changed != text, f"{text!r} has no minus sign"
    return changed


def names_cell(finding: Finding, line: int, field_number: int) -> bool:
    refs = list(finding.cells) + [a.cell for a in finding.alternatives]
    if finding.suspect:
        refs.append(finding.suspect.cell)
    for related in finding.related:
        refs.extend(related.cells)
    return any(ref.location.line == line and ref.location.field == field_number for ref in refs)


def describe(findings: list[Finding]) -> list[str]:
    out = []
    for f in findings:
        cell = f.cells[0] if f.cells else None
        where = f"{cell.row} / {cell.column} = {cell.text!r}" if cell else "(table)"
        out.append(f"{f.code} {f.severity.value} {f.rule} at {where}: {f.message('en')}")
    return out


# --- 4. a one-table TSV is a report -----------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_a_tsv_whose_first_line_is_the_header_is_a_one_table_report(case):
    lines = [line.split("\t") for line in case.path.read_text(encoding="utf-8").rstrip("\n").split("\n")]
    table = table_of(case.path)
    assert table.corner == lines[0][0]
    assert list(table.columns) == lines[0][1:]
    assert [row.label.text for row in table.rows] == [fields[0] for fields in lines[1:]]
    assert [[c.text for c in row.cells] for row in table.rows] == [fields[1:] for fields in lines[1:]]


# --- 1. discovery finds what a person sees, and the clean table passes ------------------------------

@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_discovery_finds_the_relations_a_person_sees(case):
    table = table_of(case.path)
    silent = silent_rows(table)
    found = {normalized(r, silent) for r in discovered(table)}
    missing = {normalized(r, silent) for r in case.expected} - found
    assert not missing, f"not discovered: {sorted(missing, key=str)}\ndiscovered: {sorted(found, key=str)}"


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_discovery_reports_no_relation_a_person_would_reject(case):
    table = table_of(case.path)
    silent = silent_rows(table)
    found = {normalized(r, silent) for r in discovered(table)}
    known = {normalized(r, silent) for r in case.expected | case.allowed}
    spurious = found - known
    assert not spurious, f"discovered, but not a relation of this table: {sorted(spurious, key=str)}"


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_clean_real_table_has_no_error_beyond_its_documented_inconsistency(case):
    errors = [f for f in rapportkoll.check(case.path, suite="generic").findings if f.severity is Severity.ERROR]
    if case.genuine is None:
        assert errors == [], "\n".join(describe(errors))
        return
    row, column, corrected = case.genuine
    line, field_number, _ = cell_position(case.path, row, column)
    assert len(errors) == 1, "\n".join(describe(errors))
    suspect = errors[0].suspect
    assert suspect is not None, describe(errors)
    assert (suspect.cell.location.line, suspect.cell.location.field, suspect.proposed) == (line, field_number, corrected)


# --- 2. injected slips in related cells are found ---------------------------------------------------

# Slips that discovery cannot find from the numbers, kept in view (strict: a fix makes them fail loudly).
KNOWN_MISSES = {
    ("sjobo-2021-resultatrakning.tsv", "Reservering av medel till RUR", "Kommunen Bokslut 2020"):
        "Balanskravsresultat = Årets resultat efter balanskravsjusteringar + RUR has a non-zero RUR in one "
        "column only; with its minus dropped, the other two columns are mere equal rows, too little to "
        "accept the relation, so nothing is checked",
}

MUTATIONS = [pytest.param(case, row, column, kind, id=f"{case.file.removesuffix('.tsv')}:{row}/{column}:{kind}",
                          marks=[pytest.mark.xfail(reason=KNOWN_MISSES[(case.file, row, column)], strict=True)]
                          if (case.file, row, column) in KNOWN_MISSES else [])
             for case in CASES for row, column, kind in case.mutations]


@pytest.mark.parametrize("case, row, column, kind", MUTATIONS)
def test_a_typo_or_dropped_minus_in_a_related_cell_is_found(tmp_path, case, row, column, kind):
    line, field_number, text = cell_position(case.path, row, column)
    mutated_text = typo(text) if kind == "typo" else drop_minus(text)
    lines = case.path.read_text(encoding="utf-8").split("\n")
    fields = lines[line - 1].split("\t")
    fields[field_number - 1] = mutated_text
    lines[line - 1] = "\t".join(fields)
    mutated = tmp_path / case.file
    mutated.write_text("\n".join(lines), encoding="utf-8")

    findings = rapportkoll.check(mutated, suite="generic").findings
    assert any(names_cell(f, line, field_number) for f in findings), (
        f"{row} / {column}: {text!r} -> {mutated_text!r} not found; findings:\n" + "\n".join(describe(findings)))


# --- 3. inferred packs alone reproduce the generic suite --------------------------------------------

def _finding_keys(result) -> list[tuple]:
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)
    return sorted(((f["code"], f["rule"], f["cells"][0]["line"], f["cells"][0].get("field")) if f["cells"]
                   else (f["code"], f["rule"], None, None)) for f in document["findings"])


@pytest.mark.parametrize("path", EXAMPLES + [case.path for case in CASES], ids=lambda p: p.stem)
def test_inferred_packs_alone_reproduce_the_generic_suite(tmp_path, path):
    runner = CliRunner()
    packs = tmp_path / "packs"
    inferred = runner.invoke(main, ["infer", str(path), "--output", str(packs)], catch_exceptions=False)
    assert inferred.exit_code == 0, inferred.output
    assert list(packs.glob("*.yaml")), "infer wrote no pack"

    generic = _finding_keys(runner.invoke(main, ["check", str(path), "--suite", "generic", "--format", "json"],
                                          catch_exceptions=False))
    alone = _finding_keys(runner.invoke(main, ["check", str(path), "--suite", "rules-only", "--rules", str(packs),
                                               "--format", "json"], catch_exceptions=False))
    assert alone == generic
    if path.suffix == ".txt":
        assert generic, "the seed examples have known findings: an empty comparison proves nothing"
