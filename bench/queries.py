"""The benchmark's search queries: rare, medium and everywhere terms, some with facets,
phrases, exclusions, another sort or a later page, and a few asked by a reader whose browser
prefers another language than English (the default order puts resources in the reader's
language first). Every search also looks through the knowledge pages; one finds only pages,
and one is misspelt and offered a spelling. Terms come from bench/generate.py, so their
document frequencies are known (see its docstring)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from generate import PAGE_WORD, vocabulary


@dataclass(frozen=True)
class Query:
    name: str
    kind: str  # "rare", "medium" or "everywhere"
    params: tuple[tuple[str, str], ...]
    reader: str = ""  # the reader's Accept-Language; empty: none sent (English)

    @property
    def path(self) -> str:
        language = (self.reader or "en").split(",")[0].split("-")[0].lower()
        return f"/{language}/catalogue/" + ("?" + urlencode(self.params) if self.params else "")

    @property
    def headers(self) -> dict[str, str]:
        return {"Accept-Language": self.reader} if self.reader else {}


def _q(name: str, kind: str, q: str, **facets: str) -> Query:
    return Query(name, kind, (("q", q), *facets.items()))


def _reader(name: str, kind: str, reader: str, **params: str) -> Query:
    return Query(name, kind, tuple(params.items()), reader)


def mix() -> list[Query]:
    rare = vocabulary().rare
    return [
        _q("rare word", "rare", rare[0]),
        _q("rare word, newest first", "rare", rare[1], sort="newest"),
        _q("rare + everywhere word", "rare", f"{rare[2]} community"),
        _q("rare + language", "rare", rare[3], language="en"),
        _q("rare + theme", "rare", rare[4], theme="digital-security"),
        _q("rare, excluding medium", "rare", f"{rare[5]} -radio"),
        _q("unknown word (no match)", "rare", "zyxwvutsrq"),
        _q("knowledge pages only", "rare", PAGE_WORD),
        _q("misspelt medium word (suggestion)", "rare", "encrytpion"),
        _q("medium word", "medium", "radio"),
        _q("medium + theme", "medium", "encryption", theme="digital-security"),
        _q("medium phrase", "medium", '"early warning"'),
        _q("two medium words", "medium", "litigation lawyers"),
        _q(
            "medium + region + language",
            "medium",
            "mining",
            region="latin-america-caribbean",
            language="es",
        ),
        _q("medium, newest first", "medium", "shelter", sort="newest"),
        _q("medium + country, best rated first", "medium", "radio", country="GT", sort="rating"),
        _q("everywhere, rated 4 and more", "everywhere", "protection", rating="4"),
        _q("medium + type + year", "medium", "funding", type="reports-research", year="2024"),
        _q("everywhere word", "everywhere", "protection"),
        _q("two everywhere words", "everywhere", "community defenders"),
        _q("everywhere phrase", "everywhere", '"collective protection"'),
        _q(
            "everywhere + theme + audience",
            "everywhere",
            "risk",
            theme="risk-context-analysis",
            audience="organisations",
        ),
        _q("everywhere, excluding medium", "everywhere", "protection -radio"),
        _q("everywhere + language, page 5", "everywhere", "community", language="en", page="5"),
        # Portuguese is the rarest language of the synthetic library (~5 %), Spanish ~8 %.
        _reader("catalogue, pt reader", "everywhere", "pt-BR,pt;q=0.9"),
        _reader("catalogue, pt reader, page 300", "everywhere", "pt", page="300"),
        _reader("everywhere word, pt reader", "everywhere", "pt", q="protection"),
        _reader("medium word, es reader", "medium", "es", q="radio"),
    ]
