"""Names in the clean texts: a gazetteer tagger, the gold mentions in the same form, and entity
co-occurrence counts.

- :func:`find_names` matches a gazetteer (surface form -> entity type) over a text with one
  regular expression, longest form first, whole words only;
- :func:`tag_corpus` / :func:`gold_mentions` give comparable sets of ``(doc_id, start, end, type)``
  for ``nltk.metrics.precision/recall/f_measure``; :func:`compare` lists hits, misses and false alarms;
- :func:`cooccurrences` counts entity pairs per sentence or paragraph (an ``nltk.FreqDist``);
  :func:`pair_table` lists the strongest pairs (the drawing is :func:`kjpacts.teaching.plots.draw_network`).

>>> from kjpacts.nlp.names import find_names
>>> [(m.text, m.type) for m in find_names("President Lee Myung-bak met in Seoul.",
...                                      {"Lee Myung-bak": "person", "Lee": "person", "Seoul": "place"})]
[('Lee Myung-bak', 'person'), ('Seoul', 'place')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

from kjpacts.nlp import sentences

if TYPE_CHECKING:
    import nltk
    import pandas as pd

    from kjpacts.corpus.load import Corpus

ENTITY_TYPES = ("person", "organisation", "country", "place", "agreement", "event")
#: One letter per entity type, drawn inside the nodes of the network (colour is not enough).
LETTERS = {"person": "P", "organisation": "O", "country": "C", "place": "L", "agreement": "A", "event": "E"}

@dataclass(frozen=True)
class NameMatch:
    """One place where a gazetteer form was found: ``text[start:end]`` has entity type ``type``."""

    start: int
    end: int
    text: str
    type: str


def _pattern(forms: Iterable[str], ignore_case: bool) -> re.Pattern | None:
    forms = sorted({f for f in forms if f and f.strip()}, key=lambda f: (-len(f), f))
    if not forms:
        return None
    alternation = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE if ignore_case else 0)


def find_names(text: str, gazetteer: Mapping[str, str], ignore_case: bool = False) -> list[NameMatch]:
    """Every gazetteer form found in ``text``, left to right, longest form first, whole words only.

    Matches never overlap: at each position the longest form wins, so "South Korea"
    beats "Korea" and "Korean Peninsula" beats "Korean". With ``ignore_case=True``
    "SEOUL" matches the form "Seoul"; the type is looked up case-insensitively too.
    """
    if not isinstance(gazetteer, Mapping):
        raise TypeError(f"find_names: the gazetteer must be a dict {{'surface form': 'type', ...}}, "
                        f"not {type(gazetteer).__name__}")
    if not isinstance(text, str):
        raise TypeError(f"find_names: give the text as a string (doc.text), not {type(text).__name__}")
    pattern = _pattern(gazetteer, ignore_case)
    if pattern is None:
        return []
    lookup = {(k.casefold() if ignore_case else k): v for k, v in gazetteer.items()}
    out = []
    for m in pattern.finditer(text):
        key = m.group().casefold() if ignore_case else m.group()
        out.append(NameMatch(m.start(), m.end(), m.group(), lookup[key]))
    return out


def tag_corpus(corpus: "Corpus", gazetteer: Mapping[str, str],
               ignore_case: bool = False) -> set[tuple[str, int, int, str]]:
    """What the gazetteer tagger finds in every clean text: ``{(doc_id, start, end, type), ...}``."""
    return {(doc.doc_id, m.start, m.end, m.type) for doc in corpus
            for m in find_names(doc.text, gazetteer, ignore_case)}


def gold_mentions(corpus: "Corpus", types: Iterable[str] | None = None) -> set[tuple[str, int, int, str]]:
    """The gold mentions as ``{(doc_id, start, end, type), ...}``; ``type`` is the entity's type.

    A capital standing for its government ("Seoul has demanded") keeps the literal type
    ``place``, as in the guidelines. ``types`` keeps only those entity types.
    """
    ann = corpus.annotations
    keep = set(types) if types is not None else set(ENTITY_TYPES)
    return {(m.doc_id, m.start, m.end, ann.entities[m.entity_id].type)
            for ms in ann.mentions.values() for m in ms
            if ann.entities[m.entity_id].type in keep}


def only_type(spans: Iterable[tuple[str, int, int, str]], *types: str) -> set[tuple[str, int, int, str]]:
    """The spans of the given entity type(s): ``only_type(found, "person")``."""
    return {s for s in spans if s[3] in types}


def registry_gazetteer(corpus: "Corpus", types: Iterable[str] | None = None) -> dict[str, str]:
    """A gazetteer built from every variant in the entity registry (``entities.json``).

    When one form has two types (it does not in this corpus) the first entity wins.
    Built from the gold registry, it has seen the answers: its score is an upper bound.
    """
    keep = set(types) if types is not None else set(ENTITY_TYPES)
    gaz: dict[str, str] = {}
    for e in corpus.annotations.entities.values():
        if e.type in keep:
            for v in e.variants:
                gaz.setdefault(v, e.type)
    return gaz


def _context(text: str, start: int, end: int, width: int = 35) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def compare(corpus: "Corpus", gold: set, predicted: set) -> "pd.DataFrame":
    """Hits, misses and false alarms side by side, with the text around each span.

    ``result`` is ``hit`` (in both sets), ``missed`` (gold only) or ``false alarm``
    (tagger only). A span found with the wrong type shows up twice: missed and false alarm.
    """
    import pandas as pd

    rows = []
    for label, spans in (("hit", gold & predicted), ("missed", gold - predicted), ("false alarm", predicted - gold)):
        for d, s, e, t in spans:
            text = corpus[d].text
            rows.append({"result": label, "doc_id": d, "start": s, "end": e, "type": t,
                         "text": text[s:e], "context": _context(text, s, e)})
    frame = pd.DataFrame(rows, columns=["result", "doc_id", "start", "end", "type", "text", "context"])
    return frame.sort_values(["doc_id", "start", "end", "result"], ignore_index=True)


def _units(doc, unit: str) -> list[tuple[int, int]]:
    if unit == "sentence":

        return [(s.start, s.end) for s in sentences(doc)]
    if unit == "paragraph":
        return [(s.start, s.end) for s in doc.segments_of("paragraph")]
    raise ValueError(f"unit must be 'sentence' or 'paragraph', not {unit!r}")


def entity_units(corpus: "Corpus", unit: str = "sentence", resolve_metonymy: bool = True,
                 types: Iterable[str] | None = None) -> list[tuple[str, int, frozenset[str]]]:
    """For every sentence (or paragraph): ``(doc_id, start, {entity_id, ...})``.

    With ``resolve_metonymy`` a capital standing for its government counts as the
    country it stands for ("Seoul has demanded" -> ``south-korea``).
    """
    ann = corpus.annotations
    keep = set(types) if types is not None else set(ENTITY_TYPES)
    out = []
    for doc in corpus:
        mentions = ann.mentions.get(doc.doc_id, [])
        for start, end in _units(doc, unit):
            ids = set()
            for m in mentions:
                if start <= m.start and m.end <= end:
                    eid = m.refers_to if (resolve_metonymy and m.refers_to) else m.entity_id
                    if ann.entities[eid].type in keep:
                        ids.add(eid)
            out.append((doc.doc_id, start, frozenset(ids)))
    return out


def cooccurrences(corpus: "Corpus", unit: str = "sentence", resolve_metonymy: bool = True,
                  types: Iterable[str] | None = None) -> "nltk.FreqDist":
    """How many sentences (or paragraphs) name both entities of each pair.

    Keys are alphabetically ordered pairs of entity ids: ``('japan', 'south-korea')``.
    An entity named twice in one sentence counts once for that sentence.
    """
    import itertools

    import nltk

    fd = nltk.FreqDist()
    for _, _, ids in entity_units(corpus, unit, resolve_metonymy, types):
        for pair in itertools.combinations(sorted(ids), 2):
            fd[pair] += 1
    return fd


_COUNTRY_CODES = {"South Korea": "KR", "Japan": "JP", "United States": "US"}
_COUNTRY_SUFFIX = re.compile(r" \((South Korea|Japan|United States)\)$")


def short_name(entity) -> str:
    """A short label for drawings and tables: 'GSOMIA', 'Cabinet (KR)', ...

    >>> from kjpacts.annotations import Entity
    >>> short_name(Entity("gsomia", "General Security of Military Information Agreement (GSOMIA)",
    ...                   "agreement", ("GSOMIA",), None, ""))
    'GSOMIA'
    """
    name = entity.name
    abbr = re.search(r"\(([A-Z]{2,})\)$", name)
    if abbr:
        return abbr.group(1)
    name = _COUNTRY_SUFFIX.sub(lambda m: f" ({_COUNTRY_CODES[m.group(1)]})", name)
    if len(name) > 34:
        name = name[:33].rsplit(" ", 1)[0] + "…"
    return name


def pair_table(pairs: "nltk.FreqDist", corpus: "Corpus", n: int = 15) -> "pd.DataFrame":
    """The ``n`` most frequent pairs as a table (the network's text alternative)."""
    import pandas as pd

    ents = corpus.annotations.entities
    rows = [{"entity A": short_name(ents[a]), "entity B": short_name(ents[b]), "together in": k,
             "ids": f"{a} + {b}"} for (a, b), k in pairs.most_common(n)]
    return pd.DataFrame(rows, columns=["entity A", "entity B", "together in", "ids"])
