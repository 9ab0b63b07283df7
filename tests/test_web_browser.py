"""The workbench in a real browser: Debian's headless Chromium driven by Playwright, against
``report-nlp serve``'s app run by uvicorn in a thread on a free loopback port.

When Chromium is missing these tests fail: the browser is part of what is tested
(``.ci/run`` installs it). Screenshots of every page are written to docs/screenshots/.
"""
from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import docx
import httpx
import pytest

from report_nlp import check, load, segment, write_docx
from report_nlp.checker import check_text
from tests.conftest import REFERENCE

import playwright.sync_api as playwright_api  # noqa: E402  (part of the [test] extra)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).parents[1] / "docs" / "screenshots"
EXAMPLE_YAML = Path(__file__).parents[1] / "examples" / "quarterly-2022q1.yaml"


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from report_nlp.web import Settings, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(Settings()), host="127.0.0.1", port=port,
                                        log_level="warning", access_log=False))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    # device_scale_factor < 1 keeps the committed screenshots small (layout is still 1280×800 CSS pixels)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True, locale="zh-CN",
                                  device_scale_factor=0.6)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.base = server
    yield pg
    context.close()


@pytest.fixture(scope="module")
def reference_docx(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "参考报告.docx"
    write_docx(REFERENCE.read_text(encoding="utf-8"), path)
    return path


def _highlighted(page) -> int:
    """How many distinct findings have a highlight in the editor."""
    return page.evaluate("""() => { const ids = new Set();
        document.querySelectorAll('#editor [data-fids]').forEach(n => n.dataset.fids.split(' ').forEach(i => ids.add(i)));
        return ids.size; }""")


def _wait_checked(page, previous: str | None = None) -> str:
    page.wait_for_function("prev => { const s = document.querySelector('#status').textContent;"
                           " return s.startsWith('已检查') && s !== prev; }", arg=previous, timeout=30000)
    return page.text_content("#status")


def _findings(page) -> list[dict]:
    return page.evaluate("() => Array.from(document.querySelectorAll('#findings .finding')).map(li => li.textContent)")


def _editor_text(page) -> str:
    return page.evaluate("() => document.querySelector('#editor').textContent")


def _caret_after(page, needle: str) -> None:
    page.evaluate("""needle => { const ed = document.querySelector('#editor'); ed.focus();
        const w = document.createTreeWalker(ed, NodeFilter.SHOW_TEXT); let n;
        while ((n = w.nextNode())) { const k = n.data.indexOf(needle);
          if (k >= 0) { const r = document.createRange(); r.setStart(n, k + needle.length); r.collapse(true);
            const s = getSelection(); s.removeAllRanges(); s.addRange(r); return; } }
        throw new Error('not found: ' + needle); }""", needle)


def test_check_reference_docx_highlights_focus_and_annotated_download(page, reference_docx, tmp_path):
    api = httpx.post(f"{page.base}/api/v1/check", files={"file": (reference_docx.name, reference_docx.read_bytes())}, timeout=60)
    expected = api.json()["files"][0]["findings"]
    assert expected
    page.goto(page.base + "/")
    page.set_input_files("#file", str(reference_docx))
    _wait_checked(page)
    assert _highlighted(page) == len(expected)
    assert page.locator("#findings .finding").count() == len(expected)
    assert "季度报告" in page.text_content("#kind")
    # click a finding in the side list: its highlight is focused and scrolled into view
    k = next(i for i, f in enumerate(expected) if f["end"] > f["start"] and f["start"] > 1500)
    page.click(f'#findings .pick[data-i="{k}"]')
    focused = page.locator(".hl.focused")
    assert focused.count() >= 1
    assert all(str(k) in focused.nth(j).get_attribute("data-fids").split() for j in range(focused.count()))
    assert focused.first.is_visible() and focused.first.evaluate(
        "n => { const r = n.getBoundingClientRect(); const w = n.closest('.paper-wrap').getBoundingClientRect();"
        " return r.top >= w.top && r.bottom <= w.bottom; }")
    # hover: message, suggestion and basis
    focused.first.hover()
    assert page.locator("#tip").is_visible() and expected[k]["message"] in page.text_content("#tip")
    page.screenshot(path=str(SHOTS / "check.png"))
    with page.expect_download() as info:
        page.click("#dl-docx")
    out = tmp_path / "annotated.docx"
    info.value.save_as(out)
    assert len(list(docx.Document(str(out)).comments)) == len(expected)
    assert page.errors == []


def test_typing_a_half_width_comma_adds_a_pun_finding(page):
    page.goto(page.base + "/")
    page.set_input_files("#file", str(REFERENCE))
    status = _wait_checked(page)
    before = [t for t in _findings(page) if t.startswith("PUN")]
    _caret_after(page, "一、深化")
    page.keyboard.type(",")
    _wait_checked(page, status)
    after = [t for t in _findings(page) if t.startswith("PUN")]
    assert len(after) == len(before) + 1
    assert "一、深化,学习教育" in _editor_text(page)
    new = page.locator("#editor .hl", has_text=",")
    assert any("深化" in (new.nth(j).evaluate("n => n.previousSibling && n.previousSibling.textContent") or "")
               for j in range(new.count()))
    assert page.errors == []


def test_apply_all_safe_fixes_removes_those_findings(page):
    page.goto(page.base + "/")
    page.set_input_files("#file", str(REFERENCE))
    status = _wait_checked(page)
    text = _editor_text(page)
    fixable = [f for f in check_text(text).findings if f.fix is not None and not f.rule.startswith("NUM")]
    assert fixable and page.locator(".fix-one").count() == len(fixable)
    page.click("#fix-all")
    _wait_checked(page, status)
    fixed = _editor_text(page)
    assert not [f for f in check_text(fixed).findings if f.fix is not None and not f.rule.startswith("NUM")]
    assert page.locator(".fix-one").count() == 0 and page.is_disabled("#fix-all")
    assert _highlighted(page) == len(check_text(fixed).findings)


def test_fix_one_and_insert_a_missing_part(page):
    page.goto(page.base + "/")
    page.set_input_files("#file", str(REFERENCE))
    status = _wait_checked(page)
    count = page.locator(".fix-one").count()
    page.locator(".fix-one").first.click()
    status = _wait_checked(page, status)
    assert page.locator(".fix-one").count() == count - 1
    closing = page.locator("#findings .finding", has_text="缺少“结束语”部分")
    closing.locator(".insert").click()
    _wait_checked(page, status)
    assert "特此报告。" in _editor_text(page)
    assert page.locator("#findings .finding", has_text="缺少“结束语”部分").count() == 0


def test_document_text_is_escaped(page):
    page.goto(page.base + "/")
    hostile = ('市纪委：\n我们认真学习<script>window.__pwned = 1</script>，落实" onmouseover="window.__pwned=3" title="要求,好的。\n'
               '一是加强学习,提高认识<img src=x onerror="window.__pwned=2">。')
    page.click("#editor")
    page.keyboard.insert_text(hostile)
    _wait_checked(page)
    assert _editor_text(page) == hostile
    assert page.locator("#editor script, #editor img").count() == 0
    marks = page.locator("#editor .hl:not(.zero)")
    assert marks.count() >= 2
    for j in range(marks.count()):
        marks.nth(j).hover()
    page.locator("#findings .pick").first.click()
    assert page.evaluate("() => window.__pwned") is None
    assert "<script>" in page.text_content("#editor")


def test_draft_form_to_a_docx_the_checker_passes(page, tmp_path):
    page.goto(page.base + "/draft")
    page.wait_for_selector('[data-path="organ"]')
    page.set_input_files("#load-yaml", str(EXAMPLE_YAML))
    page.wait_for_function("() => document.querySelector('#preview').textContent.includes('临江市统计局党组')")
    # a field error is shown next to its field, with the drafter's field path message
    page.select_option('[data-path="work[0].theme"]', "")
    page.wait_for_function("() => document.querySelector('[data-field=\"work[0].theme\"] .field-error').textContent !== ''")
    assert "work[0].theme" in page.text_content('[data-field="work[0].theme"] .field-error')
    page.select_option('[data-path="work[0].theme"]', "study")
    page.fill('[data-path="organ"]', "中共临江市审计局党组")
    page.fill('[data-path="opening.subject"]', "市审计局党组")
    page.wait_for_function("() => document.querySelector('#preview').textContent.includes('中共临江市审计局党组关于')")
    assert page.text_content('[data-field="work[0].theme"] .field-error') == ""
    page.screenshot(path=str(SHOTS / "draft.png"))
    with page.expect_download() as info:
        page.click("#dl-docx")
    out = tmp_path / "草稿.docx"
    info.value.save_as(out)
    result = check(segment(load(out)))
    assert [f for f in result.findings if f.severity == "error"] == []
    assert "临江市审计局" in result.doc.text
    with page.expect_download() as info:
        page.click("#dl-yaml")
    info.value.save_as(tmp_path / "in.yaml")
    assert "中共临江市审计局党组" in (tmp_path / "in.yaml").read_text(encoding="utf-8")
    # the only console line is Chromium's note on the 422 the emptied theme provoked
    assert all("status of 422" in e for e in page.errors)


def test_batch_with_one_corrupt_file(page, reference_docx, tmp_path):
    bad = tmp_path / "损坏.docx"
    bad.write_bytes(b"PK\x03\x04 not really a docx")
    other = tmp_path / "季度报告.txt"
    other.write_text(REFERENCE.read_text(encoding="utf-8").replace("市纪委：\n", ""), encoding="utf-8")
    page.goto(page.base + "/batch")
    page.set_input_files("#files", [str(reference_docx), str(bad), str(other)])
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('无法读取')", timeout=60000)
    rows = page.locator("#table tbody tr")
    assert rows.count() == 3
    error_row = page.locator("#table tbody tr.row-error")
    assert error_row.count() == 1 and "损坏.docx" in error_row.text_content() and "E108" in error_row.text_content()
    assert page.locator("#table tbody tr:not(.row-error)").count() == 2
    assert page.locator("#chart .bar-row").count() >= 1 and page.is_visible("#missing table")
    page.screenshot(path=str(SHOTS / "batch.png"))
    page.click('#table th[data-key="error"] button')
    assert page.get_attribute('#table th[data-key="error"]', "aria-sort") == "ascending"
    page.locator("#table .open").first.click()
    assert page.is_visible("#detail") and page.locator("#detail-text .hl").count() > 0
    with page.expect_download() as info:
        page.click("#dl-csv")
    info.value.save_as(tmp_path / "t.csv")
    assert "损坏.docx" in (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert page.errors == []


def test_classify_page(page, tmp_path):
    page.goto(page.base + "/classify")
    page.fill("#input", "个别干部纪律观念淡薄，存在迟到早退现象。\n对“一把手”监督不够有力。")
    page.click("#run")
    page.wait_for_selector("#table tbody tr")
    assert page.locator("#table tbody tr").count() == 2
    assert "干部作风纪律与廉洁自律" in page.text_content("#table tbody")
    page.screenshot(path=str(SHOTS / "classify.png"))
    assert page.errors == []


def test_rules_page_search(page):
    page.goto(page.base + "/rules")
    page.wait_for_selector("#table tbody tr")
    total = page.locator("#table tbody tr").count()
    page.fill("#q", "半角")
    assert 0 < page.locator("#table tbody tr").count() < total
    page.screenshot(path=str(SHOTS / "rules.png"))


PAGES = ["/", "/batch", "/draft", "/classify", "/rules", "/docs"]


@pytest.mark.parametrize("width", [1280, 1024])
def test_every_page_stays_on_its_origin_without_console_errors(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=0.6)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in PAGES:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, path
        if width == 1024 and path == "/docs":
            page.screenshot(path=str(SHOTS / "docs.png"))
    context.close()
    foreign = [u for u in requests if not u.startswith(server + "/")]
    assert foreign == [] and errors == []
    assert {json.dumps(u.split("?")[0].rsplit("/", 1)[-1]) for u in requests} >= {'"check.js"', '"app.css"', '"common.js"'}
