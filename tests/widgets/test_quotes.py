"""Quote explorer: filters, counts, the chart and its text alternative, callbacks."""

from __future__ import annotations

import pytest

from kjpacts.teaching.widgets import QuoteExplorer
from kjpacts.teaching.widgets.quotes import all_quote_rows, alt_text, bar_chart_figure, bar_chart_svg, chart_html, quote_rows, speaker_counts

from .bundle import static_view


@pytest.fixture
def rows(tiny):
    return all_quote_rows(tiny, tiny.annotations)


def test_filters(rows):
    assert len(rows) == 5
    assert len(quote_rows(rows, named="anonymous")) == 1
    assert {r.speaker for r in quote_rows(rows, speaker_type="analyst")} == {"Yun"}
    assert {r.doc_id for r in quote_rows(rows, outlet="Outlet A")} == {"alpha-2011-01-10", "gamma-2012-05"}
    assert quote_rows(rows, speaker_type="analyst", outlet="Outlet A") == []
    with pytest.raises(ValueError):
        quote_rows(rows, named="maybe")


def test_counts_and_alt_text(rows):
    counts = speaker_counts(rows, "speaker_type")
    assert counts == [("government-official", 3, 1), ("analyst", 1, 0)]
    assert speaker_counts(rows, "outlet") == [("Outlet A", 3, 0), ("Outlet B", 1, 1)]
    alt = alt_text(counts, "speaker_type")
    assert "government-official: 4 (3 named, 1 anonymous)" in alt
    assert alt_text([], "speaker") == "Bar chart: no quotes match the filters."


def test_chart_is_accessible(rows):
    counts = speaker_counts(rows)
    svg = bar_chart_svg(counts, "speaker_type")
    assert svg.startswith("<svg") and 'role="img"' in svg and "aria-label=" in svg
    assert "government-official" in svg and "url(#kjq-hatch)" in svg  # hatching, not only colour
    html = chart_html(counts, "speaker_type")
    assert "Numbers in the chart" in html and "<figcaption" in html
    assert "No quotes match" in chart_html([], "speaker")


def test_matplotlib_engine(rows):
    counts = speaker_counts(rows)
    fig = bar_chart_figure(counts)
    assert len(fig.axes[0].patches) == 2 * len(counts)
    html = chart_html(counts, "speaker_type", engine="matplotlib")
    assert 'src="data:image/svg+xml;base64,' in html and 'alt="Bar chart of quotes' in html


def test_callbacks(tiny):
    w = QuoteExplorer(tiny)
    assert "5 of 5 quotes match" in w.status.value
    w.named.value = "anonymous"
    assert "1 of 5 quotes match" in w.status.value and "senior official" in w.table.value
    w.named.value = ""
    w.speaker_type.value = "analyst"
    assert "1 of 5" in w.status.value and "analyst" in w.chart.value
    w.speaker_type.value = ""
    w.group_by.value = "speaker"
    assert "Quotes by speaker" in w.chart.value and "Kim Kwan-jin" in w.chart.value
    w.outlet.value = "Outlet B"
    assert "2 of 5" in w.status.value
    assert "Outlet B" in w._repr_mimebundle_()["text/html"]
    with pytest.raises(ValueError):
        QuoteExplorer(tiny, engine="excel")


def test_table_pages(tiny):
    """Five quotes, two a page: three pages, turned with the buttons, back to page 1 on a new filter."""
    w = QuoteExplorer(tiny, page_size=2)
    assert "Page 1 of 3" in w.page_label.value and w.previous_page.disabled and not w.next_page.disabled
    assert "Quotes (5; page 1 of 3, quotes 1-2)" in w.table.value
    assert "possibly ready in March 2010" in w.table.value and "talks began in 1965" not in w.table.value
    w.next_page.click()
    assert "Page 2 of 3" in w.page_label.value and "talks began in 1965" in w.table.value
    assert "possibly ready" not in w.table.value
    w.next_page.click()
    assert "quotes 5-5" in w.table.value and "not signed in May 2012" in w.table.value and w.next_page.disabled
    w.next_page.click()  # at the end: stays
    assert "Page 3 of 3" in w.page_label.value
    static = static_view(w)  # the static view always shows page 1 and says how many there are
    assert "page 1 of 3, quotes 1-2" in static and "Page 1 of 3 of the table" in static
    assert "other 2 pages" in static and "not signed in May 2012" not in static
    w.named.value = "named"  # 4 quotes: 2 pages, back to the first
    assert "Page 1 of 2" in w.page_label.value and w.previous_page.disabled
    w.previous_page.click()
    assert "Page 1 of 2" in w.page_label.value
