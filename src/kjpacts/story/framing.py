"""Framing candidates from a documented lexicon (the categories of ``guidelines/framing.md``).

:data:`LEXICON` maps each category to ``(phrase, why)`` pairs; a phrase matches as whole words,
case-insensitive. Two pattern rules add agentless passives ("was signed", with no "by" after it)
and scare quotes (a quoted fragment of one to three words). The voice is ``headline`` in the
headline, ``quoted-speaker`` inside a quote's content, else ``reporter``. A match is a candidate,
not a finding: "strong" is neutral in "strong winds".
"""

from __future__ import annotations

import re

LEXICON: dict[str, list[tuple[str, str]]] = {
    "evaluative": [(w, "evaluative word in the report") for w in (
        "brutal", "controversial", "landmark", "historic", "historical rivals", "unprecedented", "hush-hush",
        "notorious", "aggressive", "provocative", "provocation", "provocations", "reckless", "rare symbol",
        "sensitive", "bitter", "fierce", "dangerous", "unrepentant", "hasty", "secretive", "behind the scenes",
        "breakthrough", "abruptly", "rush", "backlash", "outcry", "fence-mending", "thaw", "strained")],
    "hedge": [(w, "hedge: the claim is softened or its source kept vague") for w in (
        "is expected to", "are expected to", "reportedly", "possibly", "apparently", "allegedly", "is seen as",
        "was seen as", "is thought to", "are thought to", "is said to", "may", "might", "could", "likely",
        "as early as", "appears to", "is believed to", "speculation")],
    "intensifier": [(w, "intensifier") for w in (
        "strong", "strongly", "mounting", "growing", "deeply", "highly", "sharply", "completely", "fully",
        "very", "extremely", "increasingly", "long-running", "perennial")],
    "naming-choice": [(w, "naming choice: another outlet could name this differently") for w in (
        "former colonial ruler", "former colonial master", "colonial ruler", "colonial rule", "occupation",
        "sex slaves", "comfort women", "Sea of Japan", "East Sea", "Dokdo", "Takeshima", "DPRK", "regime",
        "the North", "rivals", "archrival", "forced labor", "forced labour", "wartime")],
    "euphemism": [(w, "euphemism") for w in ("comfort women", "comfort stations", "non-combat", "normalize",
                                             "normalization", "put on hold", "holding off")],
}
PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?(\w+ed|signed|made|held|taken|seen|"
                     r"given|kept|shown|known|told|thought|done|put|set|shelved|scrapped|sealed|inked)\b(?!\s+by\b)")


def find_framing(text: str, headline: tuple[int, int] | None, quotes: list[dict]) -> list[dict]:
    """Framing records (without ids); ``quotes`` are the document's final quote records (with ids)."""
    out: list[dict] = []
    seen: set[tuple[int, int, str]] = set()

    def voice(a: int, b: int) -> tuple[str, str | None]:
        if headline and headline[0] <= a and b <= headline[1]:
            return "headline", None
        for q in quotes:
            c = q["content"]
            if c["start"] <= a and b <= c["end"] and q["kind"] in ("direct", "mixed"):
                return "quoted-speaker", q["id"]
        return "reporter", None

    def add(a: int, b: int, category: str, why: str) -> None:
        if (a, b, category) in seen:
            return
        seen.add((a, b, category))
        v, qid = voice(a, b)
        out.append({"start": a, "end": b, "text": text[a:b], "category": category, "note": f"machine: {why}",
                    "voice": v, "quote_id": qid})

    for category, entries in LEXICON.items():
        for phrase, why in entries:
            flags = 0 if phrase[0].isupper() else re.I
            for m in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text, flags):
                add(m.start(), m.end(), category, why)
    for m in PASSIVE.finditer(text):
        add(m.start(), m.end(), "agentless-passive", "passive with no agent ('by ...') after it")
    for m in re.finditer(r'"([^"\n]{1,40})"', text):
        if 1 <= len(m.group(1).split()) <= 3:
            add(m.start(), m.end(), "scare-quote", "short quoted fragment: a scare quote or a quoted word")
    return sorted(out, key=lambda f: (f["start"], f["end"]))
