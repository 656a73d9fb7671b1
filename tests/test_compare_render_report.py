import base64
import hashlib
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
