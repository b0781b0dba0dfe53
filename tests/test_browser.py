"""The HTML editions in a real browser (headless Chromium via Selenium), at phone, tablet and laptop widths,
as the offline renderer writes them and, where `quarto` is on the PATH, as Quarto does.

At each width: the page does not scroll sideways, every table is visible or scrolls inside its own
box (first column kept in view), every figure opens its full-size SVG. Screenshots go to
`_build/<release>/screenshots/` for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import FIRST_RELEASE, shown_figures

from analysis import paths

EDITIONS = ("report", "report-es")
ENGINES = {"offline": "out", "quarto": "quarto_out"}  # each engine's rendered folder (conftest fixtures)
WIDTHS = (360, 390, 768, 1280)
HEIGHT = 800
BROWSERS = ("chromium", "chromium-browser", "google-chrome")

# One script per width: what the page looks like to the browser. Table boxes are scrolled to
# their right end to see whether the first column stayed in view, then scrolled back. A table or
# figure is named by the id around it (the table's own offline, the float's Quarto writes around it).
MEASURE = """
const view = document.documentElement.clientWidth;
const tables = [...document.querySelectorAll('main table')].map(table => {
  const box = table.closest('.table-scroll') || table.parentElement;
  const style = getComputedStyle(box);
  const scrolls = box.scrollWidth > box.clientWidth + 1 && ['auto', 'scroll'].includes(style.overflowX);
  const boxRect = box.getBoundingClientRect(), rect = table.getBoundingClientRect();
  let firstColumnShift = 0, firstColumnShare = 0;
  if (scrolls) {
    const cell = table.querySelector('tr > :first-child');
    firstColumnShare = cell.getBoundingClientRect().width / box.clientWidth;
    const before = cell.getBoundingClientRect().left;
    box.scrollLeft = box.scrollWidth;
    firstColumnShift = Math.abs(cell.getBoundingClientRect().left - before);
    box.scrollLeft = 0;
  }
  return {id: table.closest('[id^="tbl-"]').id, scrolls, firstColumnShift, firstColumnShare,
          visible: rect.left >= -1 && rect.right <= view + 1,
          boxInView: boxRect.left >= -1 && boxRect.right <= view + 1};
});
const figures = [...document.querySelectorAll('main figure img')].map(img => {
  const link = img.closest('a[href]');
  return {id: img.closest('[id^="fig-"]').id, alt: img.alt,
          caption: (img.closest('figure').querySelector('figcaption') || {}).textContent || '',
          scale: img.getBoundingClientRect().width / img.naturalWidth,
          href: link ? link.getAttribute('href') : null,
          linkHeight: link ? link.getBoundingClientRect().height : 0};
});
const left = selector => document.querySelector(selector).getBoundingClientRect().left;
return {view, scrollWidth: document.documentElement.scrollWidth, tables, figures,
        titleShift: Math.abs(left('h1.title') - left('main h2'))};
"""


def find_browser() -> tuple[str, str] | None:
    browser = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def driver():
    """One headless Chromium for every page and width of this module."""
    found = find_browser()
    if found is None:
        pytest.skip("chromium and chromedriver are not installed (.ci/run installs them with apt-get)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (the `test` extra)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--hide-scrollbars")
    chrome = webdriver.Chrome(options=options, service=Service(found[1]))
    yield chrome
    chrome.quit()


def set_width(driver, width: int) -> None:
    """Emulate a device `width` CSS pixels wide (a phone's viewport rules below 800 px)."""
    metrics = {"width": width, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": width < 800}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


@pytest.fixture(scope="module", params=[(e, p) for e in ENGINES for p in EDITIONS], ids="-".join)
def measured(request, driver) -> tuple[Path, dict[int, dict]]:
    """One edition by one engine measured at every width, with screenshots of its top, a wide table and a
    figure (named <engine>-<edition>-<width>-<place>.png)."""
    engine, edition = request.param
    page = request.getfixturevalue(ENGINES[engine]) / f"{edition}.html"
    shots = paths.build_dir(FIRST_RELEASE) / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    driver.get(page.as_uri())
    results = {}
    for width in WIDTHS:
        set_width(driver, width)
        results[width] = driver.execute_script(MEASURE)
        for place, selector in (("top", "body"), ("table", "#tbl-events"), ("figure", "#fig-map")):
            driver.execute_script(f"document.querySelector('{selector}').scrollIntoView()")
            driver.save_screenshot(str(shots / f"{engine}-{edition}-{width}-{place}.png"))
        driver.execute_script("window.scrollTo(0, 0)")
    return page, results


@pytest.mark.parametrize("width", WIDTHS)
def test_page_does_not_scroll_sideways(measured, width):
    result = measured[1][width]
    assert result["view"] == width
    assert result["scrollWidth"] <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_the_title_lines_up_with_the_sections(measured, width):
    assert measured[1][width]["titleShift"] <= 1


@pytest.mark.parametrize("width", WIDTHS)
def test_every_table_is_visible_or_scrolls_in_its_box_with_its_first_column_kept(measured, width):
    tables = measured[1][width]["tables"]
    assert len(tables) > 10
    hidden = [t["id"] for t in tables if not (t["visible"] or (t["scrolls"] and t["boxInView"]))]
    assert not hidden
    moved = [t["id"] for t in tables if t["scrolls"] and t["firstColumnShift"] > 1]
    assert not moved
    crowding = [t["id"] for t in tables if t["firstColumnShare"] > 0.5]  # the kept column leaves room
    assert not crowding
    if width == 360:  # the wide tables the issue names do need their box at phone width
        assert {"tbl-events", "tbl-tolls"} <= {t["id"] for t in tables if t["scrolls"]}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_figure_opens_its_full_size_svg_and_has_alt_text_of_its_own(measured, width):
    page, results = measured
    figures = results[width]["figures"]
    assert len(figures) == len(shown_figures(page.parent, "es" if page.stem.endswith("-es") else "en"))
    for figure in figures:
        assert figure["href"] and figure["linkHeight"] > 0, figure["id"]
        target = page.parent / unquote(urlparse(figure["href"]).path)
        assert target.suffix == ".svg" and target.read_bytes().startswith(b"<?xml"), figure["id"]
        assert figure["alt"] and figure["alt"] not in figure["caption"], figure["id"]


def test_contents_stay_in_reach_on_a_wide_screen(driver, out):
    driver.get((out / "report.html").as_uri())
    set_width(driver, 1280)
    driver.execute_script("document.querySelector('#lethal-events').scrollIntoView()")
    top, bottom, position = driver.execute_script(
        "const toc = document.querySelector('nav#TOC'); const r = toc.getBoundingClientRect();"
        "return [r.top, r.bottom, getComputedStyle(toc).position]"
    )
    assert position == "sticky"
    assert top >= 0 and bottom > 100


AXE = Path(os.environ.get("AXE_CORE", Path.home() / ".cache/peru-axe/node_modules/axe-core/axe.min.js"))
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # WCAG 2.2 AA, target size included


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_core_finds_no_wcag_2_2_violation(request, driver, engine, edition, width):
    """axe-core with the WCAG 2.2 A and AA rules (target size among them) on each page, on a phone and a laptop."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE} (.ci/run installs it with npm; or set AXE_CORE)")
    page = request.getfixturevalue(ENGINES[engine]) / f"{edition}.html"
    driver.get(page.as_uri())
    set_width(driver, width)
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(120)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(r.violations));",
        WCAG,
    )
    found = [f"{v['id']} ({len(v['nodes'])}): {v['nodes'][0]['target']}" for v in result]
    assert not found, found


def measured_when(driver, script: str, ready, seconds: float = 10) -> dict:
    """What `script` measures once `ready` holds of it, or its last measure after `seconds`: on a busy machine a
    page of some 200 screens may be measured before the browser has scrolled to the link's fragment."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    measures = []
    try:
        WebDriverWait(driver, seconds, poll_frequency=0.2).until(
            lambda d: ready(measures.append(d.execute_script(script)) or measures[-1])
        )
    except TimeoutException:
        pass
    return measures[-1]


CASEFILES = tuple(paths.CASEFILES.values())
# A case file's tables and the rest of its section, as a phone shows them: each table visible or scrolling in
# its own box, and where the deep link lands.
CASEFILE_MEASURE = """
const view = document.documentElement.clientWidth;
const hidden = [...document.querySelectorAll('main table')].filter(table => {
  const box = table.closest('.table-scroll') || table.parentElement;
  const scrolls = box.scrollWidth > box.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
  const rect = (scrolls ? box : table).getBoundingClientRect();
  return rect.left < -1 || rect.right > view + 1;
}).length;
const target = document.getElementById(location.hash.slice(1));
return {view, scrollWidth: document.documentElement.scrollWidth, hidden,
        landed: target ? Math.round(target.getBoundingClientRect().top) : null};
"""


@pytest.mark.parametrize("width", (360, 390))
@pytest.mark.parametrize("stem", CASEFILES)
def test_a_case_file_opens_at_its_person_and_fits_a_phone(driver, out, stem, width):
    """A deep link (`casefiles.html#V002`) lands on the person's heading; the page does not scroll sideways and
    every table is visible or scrolls in its box."""
    set_width(driver, width)
    driver.get("about:blank")  # a fresh load: the same page and fragment again would not scroll to the person
    driver.get((out / f"{stem}.html").as_uri() + "#V002")
    result = measured_when(driver, CASEFILE_MEASURE, lambda r: r["landed"] is not None and 0 <= r["landed"] < 100)
    shots = paths.build_dir(FIRST_RELEASE) / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(shots / f"offline-{stem}-{width}-V002.png"))
    assert result["view"] == width and result["scrollWidth"] <= width
    assert result["hidden"] == 0
    assert result["landed"] is not None and 0 <= result["landed"] < 100
