"""The stand-off annotation layers: vocabulary, typed records, schemas, checks, loading, agreement.

>>> import kjpacts
>>> ann = kjpacts.load().annotations
>>> sorted(ann.present)
['claims', 'entities', 'framing', 'mentions', 'quotes', 'timex']
"""

from __future__ import annotations

from .checks import LAYERS, check_annotations
from .load import load_annotations, validate_annotations
from .records import (
                      COLUMNS,
                      Annotations,
                      Claim,
                      ClaimOccurrence,
                      Entity,
                      Framing,
                      Mention,
                      Outcome,
                      Quote,
                      Span,
                      Timex,
)
from .vocabulary import (
                      CLAIM_KINDS,
                      CLAIM_STATUSES,
                      CONFIDENCE,
                      ENTITY_TYPES,
                      FRAMING_CATEGORIES,
                      METONYMY,
                      QUOTE_KINDS,
                      SPEAKER_TYPES,
                      TIMEX_MODS,
                      TIMEX_TYPES,
                      VOICES,
)

__all__ = ["CLAIM_KINDS", "CLAIM_STATUSES", "COLUMNS", "CONFIDENCE", "ENTITY_TYPES", "FRAMING_CATEGORIES", "LAYERS",
           "METONYMY", "QUOTE_KINDS", "SPEAKER_TYPES", "TIMEX_MODS", "TIMEX_TYPES", "VOICES", "Annotations", "Claim",
           "ClaimOccurrence", "Entity", "Framing", "Mention", "Outcome", "Quote", "Span", "Timex",
           "check_annotations", "load_annotations", "validate_annotations"]
