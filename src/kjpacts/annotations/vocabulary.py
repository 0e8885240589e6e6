"""The annotation vocabulary: every allowed value of every layer, in the order of FORMAT.md.

The JSON Schemas in ``corpus/schemas/`` list the same values (a test holds them together).
"""

from __future__ import annotations

ENTITY_TYPES = ("person", "organisation", "country", "place", "agreement", "event")
METONYMY = {
    "capital-for-government": "a capital standing for its government ('Seoul has demanded')",
    "historical-state": "a name standing for the historical state ('Japan's annexation of Korea')",
}
QUOTE_KINDS = {
    "direct": "the speaker's words in quotation marks",
    "indirect": "reported speech without quotation marks",
    "mixed": "reported speech with a quoted fragment",
    "according-to": "'according to' attribution",
    "statement": "an institution's written statement",
    "unattributed": "quotation marks with no attribution cue",
}
SPEAKER_TYPES = ("government-official", "politician", "military", "analyst", "advocacy-group",
                 "media", "foreign-government", "other")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET", "RANGE")
TIMEX_MODS = ("START", "MID", "END", "APPROX", "ON_OR_BEFORE", "ON_OR_AFTER", "BEFORE", "AFTER",
              "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE")
CLAIM_KINDS = ("shared", "conflict", "prediction", "single")
CLAIM_STATUSES = {
    "corroborated": "confirmed by an independent source",
    "echo": "repeated from one source, not confirmed",
    "contested": "documents disagree",
    "single-source": "only one document or one source makes it",
    "prediction-failed": "did not happen as predicted",
    "prediction-fulfilled": "happened as predicted",
    "prediction-fulfilled-later": "happened, but later than predicted",
    "prediction-unresolved": "the outside record does not settle it",
}
CONFIDENCE = ("high", "medium-high", "medium", "low")
FRAMING_CATEGORIES = {
    "evaluative": "a word that judges ('brutal')",
    "hedge": "a word that weakens a claim ('possibly')",
    "agentless-passive": "a passive that hides who acted",
    "naming-choice": "a loaded choice of name or label",
    "euphemism": "a mild word for something harsh",
    "scare-quote": "quotation marks that distance the writer from a word",
    "intensifier": "a word that strengthens a claim ('strongly')",
}
VOICES = ("reporter", "headline", "standfirst", "quoted-speaker")
