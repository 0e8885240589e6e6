"""table_shape_hint: the hint names the column the ids are in, not an index of row numbers (walk-through, 08.3/08.4)."""

from __future__ import annotations

import pandas as pd
import pytest

from kjpacts.teaching.checks import table_shape_hint

NUMBERED = pd.DataFrame({"doc_id": ["a", "b"], "value": ["2010-11-23", "2010-11-23"]})  # index 0, 1
BY_ID = NUMBERED.set_index("doc_id")


@pytest.mark.parametrize("answer, says", [
    (NUMBERED, "add .doc_id.tolist()"),
    (BY_ID, "Add .index.tolist()"),
    (NUMBERED.index, "row numbers, not ids"),
    (BY_ID.index, "Nearly: that is the index (the doc_ids)"),
    ([0, 1], "Those are row numbers"),
    (NUMBERED.doc_id, "add .tolist()"),
    (NUMBERED.value == "x", "True/False"),
])
def test_the_hint_fits_the_table(answer, says):
    assert says in table_shape_hint(answer).message


def test_the_id_column_is_named_in_the_hint():
    claims = pd.DataFrame({"claim_id": ["c1"], "status": ["prediction-failed"]})
    assert ".claim_id.tolist()" in table_shape_hint(claims, "claim_id").message
    assert ".claim_id.tolist()" in table_shape_hint([3], "claim_id").message


@pytest.mark.parametrize("answer", [["a", "b"], [], "a", [True, False], 3])
def test_no_table_hint_for_other_answers(answer):
    assert table_shape_hint(answer) is None
