"""Document viewer: item lists, rendering, and the callbacks driven from Python."""

from __future__ import annotations

from kjpacts.teaching.widgets import DocumentViewer
from kjpacts.teaching.widgets.document_viewer import LAYERS, document_items, render_document

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_items_per_layer(tiny):
    items = document_items(tiny["alpha-2011-01-10"], tiny.annotations)
    assert set(items) == set(LAYERS)
    assert [it.label for it in items["entities"]] == ["E1", "E2", "E3", "E4"]
    seoul = items["entities"][2]
    assert "stands for South Korea" in seoul.summary and ("metonymy", "capital-for-government") in seoul.details
    q1 = items["quotes"][0]
    assert q1.label == "Q1" and q1.extra_spans and q1.extra_spans[0][2] == "Q1·src"
    assert "named" in q1.summary
    t3 = next(it for it in items["time"] if it.label == "T3")
    assert "Mar 2010" in t3.summary
    assert next(it for it in items["time"] if it.label == "T2").summary.endswith("no calendar date (FUTURE_REF)")
    assert [it.label for it in items["claims"]] == ["C1"]
    assert ("also in", "beta-2011-01-11, gamma-2012-05") in items["claims"][0].details
    assert items["framing"][0].summary.startswith("'possibly': hedge")


def test_render_shows_only_chosen_layers(tiny):
    doc = tiny["alpha-2011-01-10"]
    items = document_items(doc, tiny.annotations)
    v = render_document(doc, items, ["time"])
    assert "kj-time" in v.text and "kj-quotes" not in v.text
    assert all(k.startswith("time:") for _, k in v.options)
    assert "Time expressions" in v.legend and "dashed underline" in v.legend
    assert "Outlet A" in v.card and "2011-01-10" in v.card
    none = render_document(doc, items, [])
    assert "No layer is shown" in none.legend and none.options == []
    empty = render_document(tiny["beta-2011-01-11"], document_items(tiny["beta-2011-01-11"], tiny.annotations),
                            ["framing"])
    assert "No framing annotations in this document" in empty.legend


def test_selected_item_details(tiny):
    doc = tiny["alpha-2011-01-10"]
    v = render_document(doc, document_items(doc, tiny.annotations), ["quotes"], selected="quotes:q2")
    assert "Kim Kwan-jin" in v.details and "government-official" in v.details
    assert "<strong><u>the pact was possibly ready in March 2010</u></strong>" in v.details
    assert 'id="kjpacts-selected"' in v.text


def test_callbacks(tiny):
    w = DocumentViewer(tiny, layers=("quotes",))
    assert w.document.value == "alpha-2011-01-10"
    assert [k for _, k in w.item.options] == [None, "quotes:q1", "quotes:q2"]
    w.item.value = "quotes:q2"
    assert "Kim Kwan-jin" in w.details.value and "kjpacts-selected" in w.text.value
    w.layer_boxes["time"].value = True  # selection survives adding a layer
    assert w.item.value == "quotes:q2" and "kj-time" in w.text.value
    w.layer_boxes["quotes"].value = False  # ... but not removing its own
    assert w.item.value is None and "kjpacts-selected" not in w.text.value
    assert "Choose an item" in w.details.value
    w.document.value = "gamma-2012-05"
    assert "gamma-2012-05" in w.card.value and "Pacts delayed" in w.text.value
    assert [k for _, k in w.item.options] == [None, "time:t1"]


def test_static_fallback(tiny):
    w = DocumentViewer(tiny)
    bundle = w._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and "text/html" in bundle
    assert "Static view" in bundle["text/html"] and "Highlighted items" in bundle["text/html"]
    assert bundle["text/plain"].startswith("Document viewer: alpha-2011-01-10")


def test_previous_and_next_buttons(tiny):
    w = DocumentViewer(tiny, layers=("quotes", "time"))
    keys = [k for _, k in w.item.options if k]
    w.next.click()
    assert w.item.value == keys[0] and "Details of" in w.details.value
    w.next.click()
    assert w.item.value == keys[1]
    w.previous.click()
    w.previous.click()  # wraps around
    assert w.item.value == keys[-1]
    w.layer_boxes["quotes"].value = w.layer_boxes["time"].value = False
    w.next.click()  # nothing to select: no error
    assert w.item.value is None
