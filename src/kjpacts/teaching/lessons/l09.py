"""Lesson 09, People, places and names: a small gazetteer tagger, its scoring sets,
entity co-occurrence counts and a circle-layout network drawing, plus the try-its.

General-purpose helpers (candidates for :mod:`kjpacts.nlp`):

- :func:`find_names` matches a gazetteer (surface form -> entity type) over a text
  with one regular expression, longest form first, whole words only;
- :func:`tag_corpus` / :func:`gold_mentions` give comparable sets of
  ``(doc_id, start, end, type)`` for ``nltk.metrics.precision/recall/f_measure``;
- :func:`compare` lists the hits, misses and false alarms with their context;
- :func:`cooccurrences` counts entity pairs per sentence or paragraph (an
  ``nltk.FreqDist``); :func:`draw_network` draws the strongest pairs on a circle
  with matplotlib (no networkx needed); :func:`pair_table` is its text alternative.

>>> import kjpacts
>>> from kjpacts.teaching.lessons.l09 import find_names
>>> [(m.text, m.type) for m in find_names("President Lee Myung-bak met in Seoul.",
...                                      {"Lee Myung-bak": "person", "Lee": "person", "Seoul": "place"})]
[('Lee Myung-bak', 'person'), ('Seoul', 'place')]
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

from kjpacts.teaching.checks import Feedback, TryIt, equal, one_of
from kjpacts.teaching.checks import shipped_corpus as _corpus

if TYPE_CHECKING:
    import nltk
    import pandas as pd

    from kjpacts.corpus.load import Corpus

ENTITY_TYPES = ("person", "organisation", "country", "place", "agreement", "event")
#: One letter per entity type, drawn inside the nodes of the network (colour is not enough).
LETTERS = {"person": "P", "organisation": "O", "country": "C", "place": "L", "agreement": "A", "event": "E"}

#: The gazetteer the lesson starts from: a handful of names typed by hand.
STARTER_GAZETTEER = {
    "South Korea": "country",
    "Japan": "country",
    "North Korea": "country",
    "Seoul": "place",
    "Tokyo": "place",
    "Kim Kwan-jin": "person",
    "Lee Myung-bak": "person",
    "Toshimi Kitazawa": "person",
}


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
        raise TypeError("the gazetteer must be a dict: {'surface form': 'type', ...}")
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
        from kjpacts.nlp import sentences

        return [(s.start, s.end) for s in sentences(doc)]
    if unit == "paragraph":
        return [(s.start, s.end) for s in doc.segments_of("paragraph")]
    raise ValueError("unit must be 'sentence' or 'paragraph'")


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


def draw_network(pairs: "nltk.FreqDist", corpus: "Corpus", n: int = 15, title: str = ""):
    """Draw the ``n`` most frequent pairs: entities on a circle, thicker lines for more sentences.

    Nodes are coloured by entity type (colour-blind-safe palette, plus a letter for the
    type, see :data:`LETTERS`; L = place, for location); each line is labelled with its
    count. Returns the matplotlib ``Figure`` (made with pyplot, so a notebook shows it
    below the cell).
    """
    import matplotlib.pyplot as plt

    from kjpacts.teaching.widgets._common import OKABE_ITO

    ann = corpus.annotations
    top = pairs.most_common(n)
    nodes: list[str] = []
    for (a, b), _ in top:
        for x in (a, b):
            if x not in nodes:
                nodes.append(x)
    fig, ax = plt.subplots(figsize=(9, 7), dpi=80)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.93, bottom=0.01)
    ax.set_axis_off()
    ax.set_aspect("equal")
    if title:
        ax.set_title(title, fontsize=11)
    if not nodes:
        ax.text(0.5, 0.5, "no pairs to draw", ha="center", va="center", transform=ax.transAxes)
        return fig
    k = len(nodes)
    pos = {x: (math.cos(math.pi / 2 - 2 * math.pi * i / k), math.sin(math.pi / 2 - 2 * math.pi * i / k))
           for i, x in enumerate(nodes)}
    biggest = max(c for _, c in top)
    for (a, b), c in top:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        ax.plot([x1, x2], [y1, y2], color="#555555", linewidth=0.8 + 5 * c / biggest, alpha=0.7, zorder=1)
        ax.text((x1 + x2) / 2, (y1 + y2) / 2, str(c), fontsize=8, ha="center", va="center", zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    colours = {"person": OKABE_ITO["orange"], "organisation": OKABE_ITO["sky-blue"],
               "country": OKABE_ITO["bluish-green"], "place": OKABE_ITO["yellow"],
               "agreement": OKABE_ITO["reddish-purple"], "event": OKABE_ITO["vermillion"]}
    for x in nodes:
        e = ann.entities.get(x)
        typ = e.type if e else "?"
        px, py = pos[x]
        ax.scatter([px], [py], s=420, color=colours.get(typ, "#999999"), edgecolors="black", zorder=2)
        ax.text(px, py, LETTERS.get(typ, "?"), fontsize=9, ha="center", va="center", zorder=4)
        label = short_name(e) if e else x
        ax.text(px * 1.12, py * 1.12, label, fontsize=9, zorder=4,
                ha="left" if px > 0.1 else "right" if px < -0.1 else "center",
                va="bottom" if py > 0.1 else "top" if py < -0.1 else "center")
    handles = [ax.scatter([], [], s=80, color=c, edgecolors="black", label=f"{LETTERS[t]} = {t}")
               for t, c in colours.items() if any(ann.entities.get(x) and ann.entities[x].type == t for x in nodes)]
    ax.legend(handles=handles, loc="lower left", fontsize=9, frameon=False)
    ax.set_xlim(-2.0, 2.0)
    ax.set_ylim(-1.3, 1.3)
    return fig


# ---------------------------------------------------------------- try-its


def _count_of(entity_id: str) -> int:
    return sum(1 for ms in _corpus().annotations.mentions.values() for m in ms if m.entity_id == entity_id)


def _whole_number(answer, expected: int, hint: str, praise: str) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Integral):
        return Feedback(False, f"Give a whole number (like 7), not {type(answer).__name__}. {hint}")
    return equal(int(answer), expected, hint, praise)


def _check_lee(answer) -> Feedback:
    exact = sum(d.text.count("Lee Myung-bak") for d in _corpus())
    expected = _count_of("lee-myung-bak")
    if isinstance(answer, numbers.Integral) and not isinstance(answer, bool) and int(answer) == exact:
        return Feedback(False, "That is how often the exact string 'Lee Myung-bak' occurs. The registry also "
                               "links other spellings and short forms to the same person: count the mentions "
                               "whose entity_id is 'lee-myung-bak'.")
    return _whole_number(answer, expected,
                         "Count the rows of the mentions table whose entity_id is 'lee-myung-bak'.",
                         f"Yes: {expected} mentions, under three different spellings.")


def _seoul_for_government() -> int:
    return sum(1 for ms in _corpus().annotations.mentions.values() for m in ms
               if m.entity_id == "seoul" and m.metonymy == "capital-for-government")


def _check_seoul(answer) -> Feedback:
    expected = _seoul_for_government()
    if isinstance(answer, numbers.Integral) and not isinstance(answer, bool) and int(answer) == _count_of("seoul"):
        return Feedback(False, "That counts every mention of Seoul, including the city itself (datelines, "
                               "'south of Seoul'). Keep only the rows whose metonymy is 'capital-for-government'.")
    return _whole_number(answer, expected,
                         "Filter the mentions table twice: entity_id == 'seoul' and "
                         "metonymy == 'capital-for-government'.",
                         f"Yes: {expected} times 'Seoul' stands for the South Korean government.")


PERSON_TARGET = 0.8


def _check_gazetteer(answer) -> Feedback:
    from nltk.metrics import precision, recall

    if answer is None or answer is Ellipsis:
        return Feedback(False, "Replace the ... with your gazetteer, then run the cell again.")
    if not isinstance(answer, dict):
        return Feedback(False, "Give a dict, like {\"Kim Kwan-jin\": \"person\", \"Seoul\": \"place\"}.")
    bad = [v for v in answer.values() if v not in ENTITY_TYPES]
    if bad or not all(isinstance(k, str) for k in answer):
        return Feedback(False, f"Every key must be a name (a string) and every value one of {', '.join(ENTITY_TYPES)}"
                               f"{' (not ' + repr(bad[0]) + ')' if bad else ''}.")
    corpus = _corpus()
    gold = gold_mentions(corpus, ["person"])
    found = only_type(tag_corpus(corpus, answer), "person")
    r = recall(gold, found)
    p = precision(gold, found) if found else 0.0
    if r >= PERSON_TARGET and p >= PERSON_TARGET:
        return Feedback(True, f"Person precision {p:.2f}, recall {r:.2f}. Your tagger finds most people.")
    return Feedback(False, f"Person precision {p:.2f}, recall {r:.2f}; both must reach {PERSON_TARGET}. "
                           "Look at the 'missed' rows of compare(...) for person: which spellings and short "
                           "forms (surnames alone) are missing?")


def _top_partner(entity_id: str = "japan") -> tuple[str, int]:
    pairs = cooccurrences(_corpus())
    partners = {(b if a == entity_id else a): k for (a, b), k in pairs.items() if entity_id in (a, b)}
    best = max(partners.values())
    return sorted(e for e, k in partners.items() if k == best)[0], best


def _check_partner(answer) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, "Replace the ... with your answer (an entity id in quotes), then run the cell again.")
    best, k = _top_partner()
    if isinstance(answer, str) and answer.strip() == "japan":
        return Feedback(False, "An entity does not count as its own partner: find the pair that contains "
                               "'japan' and the other entity with the largest count.")
    if isinstance(answer, str) and " " in answer.strip():
        return Feedback(False, "Give the entity id (lower case with hyphens, like 'north-korea'), not the name.")
    return one_of(answer, [best], "Look at pairs.most_common(): the first pair that contains 'japan'. "
                                  "Answer with the other entity's id, as a string.",
                  f"Yes: {best}, in {k} sentences.")


TRYITS = [
    TryIt(
        id="09.1",
        prompt="How many mentions of Lee Myung-bak does the corpus have, whatever the spelling? "
               "(Use the mentions table, not a text search.)",
        check=_check_lee,
        answer='mentions = corpus.frame("mentions")\n'
               'answer = int((mentions["entity_id"] == "lee-myung-bak").sum())',
        right=lambda: _count_of("lee-myung-bak"),
        wrong=lambda: sum(d.text.count("Lee Myung-bak") for d in _corpus()),
        explanation="Searching for the string 'Lee Myung-bak' misses 'Lee Myung-Bak' (AFP on Ahram) and "
                    "the short form 'Lee'. The registry links all three spellings to one entity id.",
    ),
    TryIt(
        id="09.2",
        prompt="How many times does 'Seoul' stand for the South Korean government "
               "(metonymy 'capital-for-government')?",
        check=_check_seoul,
        answer='is_seoul = mentions["entity_id"] == "seoul"\n'
               'for_government = mentions["metonymy"] == "capital-for-government"\n'
               'answer = int((is_seoul & for_government).sum())',
        right=_seoul_for_government,
        wrong=lambda: _count_of("seoul"),
        explanation="Most uses of 'Seoul' in these pages stand for the government; only datelines and "
                    "phrases like 'south of Seoul' name the city.",
    ),
    TryIt(
        id="09.3",
        prompt=f"Extend the starter gazetteer so that its precision and recall on person mentions "
               f"both reach {PERSON_TARGET}.",
        check=_check_gazetteer,
        answer='answer = dict(STARTER_GAZETTEER)\n'
               'answer.update({"Kim Kwan-Jin": "person", "Lee Myung-Bak": "person", "Kim": "person",\n'
               '               "Lee": "person", "Kitazawa": "person", "Naoto Kan": "person", "Kan": "person",\n'
               '               "Yoshihiko Noda": "person", "Robert M. Gates": "person", "Mike Mullen": "person",\n'
               '               "Yun Duk-min": "person", "Kim Jong-il": "person", "Kim Eul-dong": "person",\n'
               '               "Song Sang-ho": "person", "Choi He-suk": "person"})',
        right=lambda: {**STARTER_GAZETTEER, **{n: "person" for n in (
            "Kim Kwan-Jin", "Lee Myung-Bak", "Kim", "Lee", "Kitazawa", "Naoto Kan", "Kan", "Yoshihiko Noda",
            "Robert M. Gates", "Mike Mullen", "Yun Duk-min", "Kim Jong-il", "Kim Eul-dong", "Song Sang-ho",
            "Choi He-suk")}},
        wrong=lambda: dict(STARTER_GAZETTEER),
        explanation="The starter list has each person once, under one spelling. Recall rises when you add the "
                    "other spellings and the surnames used alone ('Kim', 'Lee', 'Kan', 'Kitazawa'); a surname "
                    "alone is ambiguous between people ('Kim'), but both are persons, so the type is still right.",
    ),
    TryIt(
        id="09.4",
        prompt="Which entity shares the most sentences with Japan? Answer with its entity id.",
        check=_check_partner,
        answer='top_pair = [pair for pair, n in pairs.most_common() if "japan" in pair][0]\n'
               'answer = top_pair[0] if top_pair[1] == "japan" else top_pair[1]  # "south-korea"',
        right=lambda: _top_partner()[0],
        wrong=lambda: "north-korea",
        explanation="The two countries of the talks appear together in most sentences, which is what you "
                    "would expect; the interesting pairs are further down the list.",
    ),
]
