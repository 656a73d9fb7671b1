import base64
import hashlib
import io
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURE
from demanddiff import Position, Statement, load
from demanddiff.cli import cli
from demanddiff.compare.render.report import render_report, status_counts
from demanddiff.compare.timeline import timeline

INJECTED = "<script>document.title = 'pwned'; window.pwned = true;</script> Observers must stay | on the border."
IMG = '<img src=x onerror="window.pwned = true"> Grain ships must pass freely.'
OLD = Position(
    (
        Statement("o1", "A ceasefire must last 30 days."),
        Statement("o2", "Eastmark will accept third-party arbitration of investment disputes."),
        Statement("o3", INJECTED),
        Statement("o4", "Pharmaceutical patents get a five-year extension."),
    ),
    party="Eastmark",
)
NEW = Position(
    (
        Statement("n1", "A ceasefire must last 60 days."),
        Statement("n2", "Eastmark will not accept third-party arbitration of investment disputes."),
        Statement("n3", IMG),
    ),
    party="Eastmark",
)


def _fetching_attributes(page: str) -> list[tuple[str, str]]:
    """(tag, attribute) pairs that would make a browser fetch something: src= or href=."""
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend((tag, name) for name, _ in attrs if name in ("src", "href"))

    Parser().feed(page)
    return found


@pytest.fixture(scope="module")
def comparison(engine):
    return engine.compare(OLD, NEW)


def test_html_is_one_self_contained_file_with_all_user_text_escaped(comparison):
    page = render_report(comparison, "html")
    assert "&lt;script&gt;document.title" in page and "&lt;img src=x" in page
    assert page.count("<script") == 1 and "<img" not in page  # only the report's own script
    assert not _fetching_attributes(page) and not re.search(r"url\(|@import", page)  # nothing fetched, ever
    assert "default-src 'none'" in page


def test_html_policy_names_the_hashes_of_its_own_style_and_script(comparison):
    page = render_report(comparison, "html")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        (body,) = re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp  # anything else inline is refused by the browser
    assert "unsafe-inline" not in csp


def test_html_escapes_user_text_everywhere_the_template_puts_it(engine):
    evil = "</title><script>window.pwned = 1</script>"
    old = Position((Statement("<u>", "Observers must stay."),), party=evil, source='" onload="x')
    page = render_report(engine.compare(old, old), "html")
    assert page.count("<script") == 1 and "<u>" not in page and '" onload' not in page
    assert "&lt;/title&gt;&lt;script&gt;" in page and "&lt;u&gt;" in page


def test_templates_ship_as_package_data():
    import configparser

    from demanddiff.compare.render import report

    cfg = configparser.ConfigParser()
    cfg.read(Path(__file__).parent.parent / "setup.cfg")
    assert cfg["options.package_data"]["demanddiff.compare.render"].strip() == "templates/*"
    assert "jinja2>=3.1" in cfg["options"]["install_requires"].split()
    shipped = {p.name for p in (Path(report.__file__).parent / "templates").iterdir()}
    assert {"report.html", "report.css", "report.js"} <= shipped


def test_html_shows_every_item_with_its_status_and_counts(comparison):
    page = render_report(comparison, "html")
    rows = re.findall(r'<tr class="item" data-status="(\w+)"', page)
    assert rows == [item.status for item in comparison.items]
    for status, n in comparison.summary.items():
        assert f'data-status="{status}"><b>{n}</b>' in page


def test_markdown_has_the_counts_and_an_escaped_row_per_item(comparison):
    text = render_report(comparison, "markdown")
    lines = text.splitlines()
    header = lines.index("| persisted | changed | reversed | dropped | new |")
    assert lines[header + 2] == "| " + " | ".join(str(n) for n in comparison.summary.values()) + " |"
    rows = [line for line in lines if line.startswith("| **")]
    assert len(rows) == len(comparison.items)
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 6 for row in rows)  # a "|" in a demand stays in its cell
    assert "<script" not in text and "<img" not in text and "&lt;script&gt;" in text
    assert "30~~ **60**" not in text and "~~30~~" in text and "**60**" in text


def test_no_report_passes_direction_overrides_or_terminal_escapes(engine):
    """A demand holding a right-to-left override ("go \u202eevil\u202c now" shows as "go live now") or a
    terminal escape reached the Markdown report (printed to the terminal, shown on a forge) and the
    HTML page as it was; the tables drop them. The review data keeps the texts, escaped."""
    old = Position((Statement("o1", "Tariffs must go \u202eevil\u202c now."),))
    new = Position((Statement("n1", "Tariffs must stay \u202eevil\u202c now.\x1b]0;pwned\x07 \x1b[2J \x1b]8;;"),))
    result = engine.compare(old, new)
    unsafe = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    for page in (render_report(result, "markdown"), render_report(result, "html"), render_report(result, "html", True)):
        assert not unsafe.search(page) and "evil" in page
        assert page.rstrip().endswith(("</html>", "**bold**."))  # an escape never closed takes nothing after it
    page = render_report(result, "html", review=True)
    data = json.loads(re.search(r'id="review-data">(.*?)</script>', page, re.S)[1])
    assert data["new"]["demands"][0]["text"] == new.statements[0].text


def test_timeline_report_has_a_heat_map_cell_per_step(engine, threads_dataset):
    tl = timeline(load(threads_dataset), engine=engine)
    page = render_report(tl, "html")
    cells = re.findall(r'<g class="cell" data-status="(\w+)"', page)
    assert cells == [s.status for t in tl.threads for s in t.steps]
    assert status_counts(tl) == {
        s: sum(c.summary[s] for c in tl.comparisons) for s in ("persisted", "changed", "reversed", "dropped", "new")
    }
    assert "## 2022-01-10 → 2023-01-10" in render_report(tl, "markdown")
    (returned,) = [t for t in tl.threads if any(s.returned for s in t.steps)]
    assert f'<div class="note">came back ({returned.id})</div>' in page


# ---- in a real browser ------------------------------------------------------------------

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium driven by selenium; missing browsers fail the run in CI, skip elsewhere."""
    if not (CHROMIUM and CHROMEDRIVER):
        message = "chromium and chromium-driver are not installed (make browser installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    os.environ["SE_OFFLINE"] = "true"  # selenium must never fetch a driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=1280,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.fixture
def artefacts(tmp_path) -> Path:
    """Where screenshots go: $DEMANDDIFF_ARTIFACTS (kept by CI), else the test's temporary folder."""
    folder = Path(os.environ.get("DEMANDDIFF_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_rounds(folder: Path) -> tuple[str, str]:
    import yaml

    paths = []
    for name, position in (("old", OLD), ("new", NEW)):
        data = {"party": position.party, "demands": [{"id": s.id, "text": s.text} for s in position.statements]}
        path = folder / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True))
        paths.append(str(path))
    return paths[0], paths[1]


def visible_rows(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "tr.item")
    return [r.get_attribute("data-status") for r in rows if r.is_displayed()]


def test_comparison_report_in_a_browser(runner, browser, tmp_path, artefacts):
    from selenium.webdriver.common.by import By

    old, new = write_rounds(tmp_path)
    data = json.loads(runner.invoke(cli, ["compare", old, new, "--format", "json"]).stdout)
    page = tmp_path / "report.html"
    result = runner.invoke(cli, ["report", old, new, "-o", str(page)])
    assert result.exit_code == 0, result.output
    browser.get(page.as_uri())

    assert browser.title == "Eastmark → Eastmark"
    assert browser.execute_script("return window.pwned === undefined") is True  # injected markup never ran
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>document.title = 'pwned'; window.pwned = true;</script> Observers must stay" in body
    assert '<img src=x onerror="window.pwned = true"> Grain ships' in body

    shown = {
        card.get_attribute("data-status"): int(card.find_element(By.TAG_NAME, "b").text)
        for card in browser.find_elements(By.CSS_SELECTOR, ".card[data-status]")
    }
    assert shown == data["summary"]
    assert visible_rows(browser) == [item["status"] for item in data["items"]]

    for status in ("changed", "dropped"):
        browser.find_element(By.CSS_SELECTOR, f'button[data-filter="{status}"]').click()
        assert visible_rows(browser) == [status] * data["summary"][status]
        assert browser.find_element(By.ID, "shown").text == f"{data['summary'][status]} of {len(data['items'])} shown"
    browser.find_element(By.CSS_SELECTOR, 'button[data-filter="all"]').click()
    assert len(visible_rows(browser)) == len(data["items"])
    assert browser.save_screenshot(str(artefacts / "report-comparison.png"))


def test_timeline_report_in_a_browser(runner, browser, tmp_path, artefacts, threads_dataset):
    from selenium.webdriver.common.by import By

    data = json.loads(runner.invoke(cli, ["timeline", str(threads_dataset), "--format", "json"]).stdout)
    page = tmp_path / "timeline.html"
    assert runner.invoke(cli, ["report", str(threads_dataset), "--timeline", "-o", str(page)]).exit_code == 0
    browser.get(page.as_uri())

    summary = {
        card.get_attribute("data-summary"): int(card.find_element(By.TAG_NAME, "b").text)
        for card in browser.find_elements(By.CSS_SELECTOR, ".card[data-summary]")
    }
    assert summary == {k: v for k, v in data["summary"].items() if k != "rounds"}
    cells = browser.find_elements(By.CSS_SELECTOR, "svg g.cell")
    assert len(cells) == sum(len(t["steps"]) for t in data["threads"])
    assert cells[0].find_element(By.TAG_NAME, "rect").is_displayed()

    browser.find_element(By.CSS_SELECTOR, 'button[data-filter="reversed"]').click()
    assert visible_rows(browser) == ["reversed"]
    assert len([s for s in browser.find_elements(By.TAG_NAME, "section") if s.is_displayed()]) == 1
    browser.set_window_size(1280, 1500)
    assert browser.save_screenshot(str(artefacts / "report-timeline.png"))


def test_fixture_report_renders(runner, browser, tmp_path):
    from selenium.webdriver.common.by import By

    page = tmp_path / "russia.html"
    args = ["report", str(FIXTURE), "--from", "2021-12-17", "--to", "2025-03-14", "-o", str(page)]
    assert runner.invoke(cli, args).exit_code == 0
    browser.get(page.as_uri())
    assert browser.title.startswith("Russia 2021-12-17")
    assert browser.find_elements(By.CSS_SELECTOR, "tr.item del") and browser.find_elements(By.CSS_SELECTOR, "ins")


# ---- sort, search, multi-status filter, export, print, sources ---------------------------

SOURCED_OLD = """party: Eastmark
date: 2024-09-10
demands:
  - id: o1
    text: A ceasefire must last 30 days.
    sources: [{sentence: "We said then that a ceasefire must last 30 days, no less.", start: 0, end: 57}]
  - {id: o2, text: Eastmark will accept third-party arbitration of investment disputes.}
  - {id: o3, text: "Pharmaceutical patents get a five-year extension, say \\"10\\", = or more."}
  - {id: o4, text: Observers must stay on the border.}
"""
SOURCED_NEW = """party: Eastmark
date: 2025-02-20
demands:
  - id: n1
    text: A ceasefire must last 60 days.
    sources: [{sentence: "Today a ceasefire must last 60 days, and we mean it.", start: 5, end: 57, date: 2025-02-20}]
  - {id: n2, text: Eastmark will not accept third-party arbitration of investment disputes.}
  - {id: n3, text: Grain ships must pass the straits freely.}
  - {id: n4, text: Observers must stay on the border.}
"""


@pytest.fixture
def sourced_page(runner, tmp_path):
    (tmp_path / "old.yaml").write_text(SOURCED_OLD)
    (tmp_path / "new.yaml").write_text(SOURCED_NEW)
    args = ["report", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")]
    page = tmp_path / "report.html"
    assert runner.invoke(cli, [*args, "-o", str(page)]).exit_code == 0
    data = json.loads(runner.invoke(cli, ["compare", *args[1:], "--format", "json"]).stdout)
    return page, data


def shown_rows(driver) -> list[dict]:
    """The visible rows as the page holds them, in the order shown."""
    from selenium.webdriver.common.by import By

    attributes = {"status": "status", "oldId": "old-id", "old": "old", "newId": "new-id", "new": "new"}
    attributes |= {"changes": "changes", "score": "score"}
    return [
        {k: row.get_attribute(f"data-{a}") for k, a in attributes.items()}
        for row in driver.find_elements(By.CSS_SELECTOR, "tr.item")
        if row.is_displayed()
    ]


def test_sort_by_any_column_both_ways(browser, sourced_page):
    from selenium.webdriver.common.by import By

    page, data = sourced_page
    browser.get(page.as_uri())
    heading = {b.text: b for b in browser.find_elements(By.CSS_SELECTOR, "th button.sort")}
    assert set(heading) == {"status", "old demand", "new demand", "what changed", "score"}
    heading["score"].click()
    scores = [float(r["score"] or -1) for r in shown_rows(browser)]
    assert scores == sorted(scores) and len(scores) == len(data["items"])
    heading["score"].click()
    assert [float(r["score"] or -1) for r in shown_rows(browser)] == sorted(scores, reverse=True)
    heading["new demand"].click()
    news = [r["new"].lower() for r in shown_rows(browser)]
    assert news == sorted(news)
    heading["status"].click()
    order = ["persisted", "changed", "reversed", "dropped", "new"]
    assert [r["status"] for r in shown_rows(browser)] == sorted((i["status"] for i in data["items"]), key=order.index)
    # a sorted row keeps its source sentence right below it
    (toggle,) = browser.find_elements(By.CSS_SELECTOR, "button.toggle")[:1]
    row = toggle.find_element(By.XPATH, "ancestor::tr")
    below = row.find_element(By.XPATH, "following-sibling::tr[1]")
    assert below.get_attribute("class").startswith("sources")


def test_search_and_several_statuses_narrow_the_rows(browser, sourced_page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page, data = sourced_page
    browser.get(page.as_uri())
    search = browser.find_element(By.ID, "search")
    search.send_keys("ARBITRATION disputes")
    assert [(r["status"], r["oldId"]) for r in shown_rows(browser)] == [("reversed", "o2")]
    assert browser.find_element(By.ID, "shown").text == f"1 of {len(data['items'])} shown"
    search.clear()
    search.send_keys("ceasefire")  # ids, texts and what changed are all searched
    assert [r["oldId"] for r in shown_rows(browser)] == ["o1"]
    search.send_keys(Keys.CONTROL, "a", Keys.DELETE)
    assert len(shown_rows(browser)) == len(data["items"])

    browser.find_element(By.CSS_SELECTOR, 'button[data-filter="changed"]').click()
    dropped = browser.find_element(By.CSS_SELECTOR, 'button[data-filter="dropped"]')
    ActionChains(browser).key_down(Keys.SHIFT).click(dropped).key_up(Keys.SHIFT).perform()
    want = [i["status"] for i in data["items"] if i["status"] in ("changed", "dropped")]
    assert [r["status"] for r in shown_rows(browser)] == want and set(want) == {"changed", "dropped"}
    pressed = browser.find_elements(By.CSS_SELECTOR, 'button[data-filter][aria-pressed="true"]')
    assert sorted(b.get_attribute("data-filter") for b in pressed) == ["changed", "dropped"]
    search.send_keys("patents")
    assert [r["oldId"] for r in shown_rows(browser)] == ["o3"]


def test_export_writes_exactly_the_rows_shown(browser, sourced_page, tmp_path):
    import csv as csvlib

    from selenium.webdriver.common.by import By

    page, data = sourced_page
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.get(page.as_uri())
    browser.find_element(By.ID, "search").send_keys("must")
    browser.find_element(By.CSS_SELECTOR, 'th button.sort[data-column="4"]').click()  # by score
    visible = shown_rows(browser)
    assert 1 < len(visible) < len(data["items"])  # a real subset, in a real order

    def fetched(name: str) -> str:
        WebDriverWait(browser, 10).until(lambda _: (downloads / name).exists())
        return (downloads / name).read_text(encoding="utf-8")

    from selenium.webdriver.support.ui import WebDriverWait

    browser.find_element(By.ID, "export-csv").click()
    rows = list(csvlib.reader(io.StringIO(fetched("demanddiff.csv"))))
    keys = ("status", "oldId", "old", "newId", "new", "changes", "score")
    assert rows[0] == ["status", "old_id", "old_demand", "new_id", "new_demand", "what_changed", "score"]
    assert rows[1:] == [[r[k] for k in keys] for r in visible]
    browser.find_element(By.ID, "export-json").click()
    records = json.loads(fetched("demanddiff.json"))
    assert [list(r.values()) for r in records] == [[r[k] for k in keys] for r in visible]
    by_id = {(i["old"] or {}).get("id"): i for i in data["items"]}
    assert all(r["old_demand"] == by_id[r["old_id"]]["old"]["text"] for r in records if r["old_id"])


def test_sources_expand_below_their_row(browser, sourced_page):
    from selenium.webdriver.common.by import By

    page, _ = sourced_page
    browser.get(page.as_uri())
    (toggle,) = browser.find_elements(By.CSS_SELECTOR, "button.toggle")  # only o1 -> n1 has sources
    sources = browser.find_element(By.ID, toggle.get_attribute("aria-controls"))
    assert not sources.is_displayed()
    toggle.click()
    assert sources.is_displayed() and toggle.get_attribute("aria-expanded") == "true"
    assert "We said then that a ceasefire must last 30 days, no less." in sources.text
    assert "new n1, 2025-02-20" in sources.text


def test_print_layout_shows_what_changed_and_the_redline(browser, sourced_page, artefacts):
    from selenium.webdriver.common.by import By

    page, data = sourced_page
    browser.get(page.as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element(By.CSS_SELECTOR, ".filters").is_displayed()
        changes = [c.text for c in browser.find_elements(By.CSS_SELECTOR, ".kind") if c.is_displayed()]
        assert "number: 30 days → 60 days" in changes  # written out, no hovering needed
        assert any("semantic" in s.text for s in browser.find_elements(By.CSS_SELECTOR, "td.score"))
        assert browser.find_element(By.CSS_SELECTOR, "tr.item del").is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, "tr.sources").is_displayed()
        browser.set_window_size(900, 1200)
        assert browser.save_screenshot(str(artefacts / "report-print.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        browser.set_window_size(1280, 1000)


# ---- review mode --------------------------------------------------------------------------

EXAMPLE = [str(Path(__file__).parent.parent / "docs" / "examples" / n) for n in ("old.yaml", "new.md")]


def test_review_mode_is_only_for_the_html_of_two_rounds(runner):
    result = runner.invoke(cli, ["report", *EXAMPLE, "--review", "--format", "markdown"])
    assert result.exit_code == 2 and "--review is for the HTML report of two rounds" in result.stderr
    page = runner.invoke(cli, ["report", *EXAMPLE, "--review"]).stdout
    assert 'id="download-decisions"' in page and page.count('data-action="accept"') == 6
    assert 'id="download-decisions"' not in runner.invoke(cli, ["report", *EXAMPLE]).stdout


@pytest.mark.slow
def test_review_mode_in_a_browser_writes_the_decisions_its_clicks_mean(runner, browser, tmp_path, artefacts):
    """Clicks in headless Chromium; the file the page downloads equals compare.review.answer's decisions
    for the same answers, and compare --decisions applies it."""
    import time

    from selenium.webdriver.common.by import By

    from demanddiff.compare.review import answer, key
    from demanddiff.positions.decisions import Decisions, read_decisions

    page = tmp_path / "report.html"
    assert runner.invoke(cli, ["report", *EXAMPLE, "--review", "-o", str(page)]).exit_code == 0
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.get(page.as_uri())
    from demanddiff import compare as run_compare

    old, new = (load(p) for p in EXAMPLE)
    c = run_compare(old, new)
    clicks = [(("o5", None), "accept"), (("o1", "2"), "persisted"), (("o2", "1"), "unlink"), (("o1", "2"), "changed")]
    expected = Decisions(old, new)
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.item")
    for ident, action in clicks:
        index = next(k for k, item in enumerate(c.items) if key(item) == ident)
        rows[index].find_element(By.CSS_SELECTOR, f'[data-action="{action}"]').click()
        expected = answer(expected, c, c.items[index], action)
    assert "4 answered" in browser.find_element(By.ID, "review-count").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "tr.item.reviewed")) == 3
    browser.save_screenshot(str(artefacts / "review-mode.png"))
    browser.find_element(By.ID, "download-decisions").click()
    written = downloads / "decisions.yaml"
    for _ in range(100):
        if written.exists():
            break
        time.sleep(0.1)
    got = read_decisions(written)
    assert (set(got.links), got.dropped, got.added) == (set(expected.links), expected.dropped, expected.added)
    assert got.old == old and got.new == new
    applied = runner.invoke(cli, ["compare", *EXAMPLE, "--decisions", str(written), "--format", "json"])
    assert applied.exit_code == 0 and applied.stderr == ""
    decided = {(i["old"] or {}).get("id"): i for i in json.loads(applied.stdout)["items"] if i["decided_by"]}
    assert decided["o1"]["status"] == "changed" and decided["o2"]["status"] == "dropped"
