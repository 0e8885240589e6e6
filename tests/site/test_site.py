"""The course website (``make site``) as a reader meets it, in Debian's Chromium on 127.0.0.1.

Expected values come from outside the build: the course order from notebooks/CONTENTS.md read
here with its own pattern, the count of widgets from each page's saved widget views, and axe-core's
own verdict (tags wcag2a, wcag2aa, wcag21a, wcag21aa) less the justified rules in site/a11y-allowlist.json.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.site.conftest import REPO, SITE

pytestmark = pytest.mark.site

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
#: what must never appear in a served file: the build machine's folders
ARTIFACTS = REPO / "test-artifacts"
LEAKS = [str(REPO), sys.prefix, "/root/", "/work/", "site-packages"]


def contents_order() -> list[str]:
    """Page names in the course order: the home page, each lesson row of CONTENTS.md, then its 'Also' line."""
    text = (REPO / "notebooks" / "CONTENTS.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \d\d \| \[[^\]]+\]\((\d\d-[a-z0-9-]+)\.ipynb\)", text, re.M)
    also = re.findall(r"^Also: \[[^\]]+\]\((\d\d-[a-z0-9-]+)\.ipynb\)", text, re.M)
    return ["index", *rows, *also]


def allowlist() -> dict[str, str]:
    data = json.loads((SITE / "a11y-allowlist.json").read_text(encoding="utf-8"))
    return {entry["rule"]: entry["why"] for entry in data["allow"]}


def visit(page, url: str) -> dict:
    page.goto(url, wait_until="load")
    views = page.locator(WIDGET_VIEW).count()
    if views:  # each saved view gets a rendered widget next to it; the counts below say if not
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(
                """sel => { const s = [...document.querySelectorAll(sel)];
                            return s.every(x => x.parentElement.querySelector('.jupyter-widgets')); }""",
                arg=WIDGET_VIEW, timeout=30_000)
    rendered = page.evaluate(
        "sel => [...document.querySelectorAll(sel)].filter(x => x.parentElement.querySelector('.jupyter-widgets')).length",
        WIDGET_VIEW)
    notes = page.locator(".kjpacts-snapshot-note").count()
    page.add_script_tag(path=str(SITE / "node_modules" / "axe-core" / "axe.min.js"))
    axe = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                        AXE_TAGS)
    nav = page.evaluate("""() => ({
        prev: document.querySelector('a.left-prev')?.getAttribute('href') ?? null,
        next: document.querySelector('a.right-next')?.getAttribute('href') ?? null,
        toc: [...document.querySelectorAll('nav.bd-docs-nav a.reference')].map(a => a.getAttribute('href')),
        banner: [...document.querySelectorAll('main .admonition')].some(a => /static snapshot/i.test(a.innerText))})""")
    return {"views": views, "rendered": rendered, "notes": notes, "nav": nav,
            "violations": [{"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
                           for v in axe["violations"]]}


@pytest.fixture(scope="session")
def report(site_dir, site_url, browser) -> dict:
    """Every HTML page of the site visited once; what the browser saw, per page."""
    attempted: list[str] = []
    errors: list[str] = []
    context = browser.new_context()

    def route(r):
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost", "::1"):
            r.continue_()
        else:
            attempted.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: console: {m.text}"))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{page.url}: HTTP {r.status} for {r.url}"))
    pages = {p.stem: visit(page, f"{site_url}/{p.name}") for p in sorted(site_dir.glob("*.html"))}
    context.close()
    result = {"pages": pages, "attempted": attempted, "errors": errors}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "site-report.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


def test_every_lesson_is_a_page(report):
    missing = [name for name in contents_order() if name not in report["pages"]]
    assert not missing, f"pages missing from the site: {missing}"


def test_no_request_leaves_the_site(report):
    assert report["attempted"] == [], f"requests beyond 127.0.0.1 were attempted: {report['attempted'][:10]}"


def test_pages_load_without_errors(report):
    assert report["errors"] == [], "\n".join(report["errors"][:10])


def test_widgets_render_without_a_kernel(report):
    lessons = {n: report["pages"][n] for n in contents_order()[1:]}
    assert sum(p["views"] for p in lessons.values()) >= 20, "the lessons should carry saved widget views"
    assert lessons["90-widget-gallery"]["views"] >= 5
    unrendered = {n: (p["views"], p["rendered"]) for n, p in lessons.items() if p["views"] != p["rendered"]}
    assert not unrendered, f"saved widget views vs rendered widgets: {unrendered}"


def test_pages_say_widgets_are_static_snapshots(report):
    for name in contents_order():
        page = report["pages"][name]
        assert page["nav"]["banner"], f"{name}: no 'Static snapshot' note"
        assert page["notes"] == page["views"], f"{name}: {page['views']} widgets but {page['notes']} snapshot notes"


def test_navigation_follows_the_course(report):
    order = contents_order()
    for i, name in enumerate(order):
        nav = report["pages"][name]["nav"]
        expected_prev = f"{order[i - 1]}.html" if i else None
        expected_next = f"{order[i + 1]}.html" if i + 1 < len(order) else None
        assert (nav["prev"], nav["next"]) == (expected_prev, expected_next), f"{name}: prev/next {nav}"
    toc = [h.split("#")[0].removesuffix(".html") for h in report["pages"]["05-who-speaks"]["nav"]["toc"]]
    assert toc == ["" if n == "05-who-speaks" else n for n in order], f"sidebar order {toc}"


def test_no_serious_accessibility_violation(report):
    allowed = allowlist()
    found = {name: [v for v in p["violations"] if v["impact"] in ("serious", "critical") and v["rule"] not in allowed]
             for name, p in report["pages"].items()}
    found = {k: v for k, v in found.items() if v}
    assert not found, json.dumps(found, indent=1)[:3000]


def test_allowlist_is_short_and_justified():
    entries = json.loads((SITE / "a11y-allowlist.json").read_text(encoding="utf-8"))["allow"]
    assert len(entries) <= 3
    for entry in entries:
        assert len(entry["why"]) > 40 and entry["scope"] == "theme", entry


def test_no_build_machine_path_in_any_file(site_dir):
    hits = []
    for path in site_dir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".txt", ".ipynb", ".json", ".css", ".map"):
            text = path.read_text(encoding="utf-8", errors="replace")
            hits += [f"{path.relative_to(site_dir)}: {leak}" for leak in LEAKS if leak in text]
    assert not hits, hits[:10]
