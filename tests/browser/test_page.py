"""The web page end to end: the map, the list view, logging in, adding, voting, escaping."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, expect

from tests.browser.conftest import Site

XSS = "<img src=x onerror=alert(1)>"
TIMEOUT = 10_000


@pytest.fixture
def page(chromium: Browser, site: Site) -> Iterator[Page]:
    """A fresh browser context (no cookies) and page; fails on any dialog or console error."""
    context = chromium.new_context(base_url=site.url, viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield page
    finally:
        context.close()
    assert dialogs == [], f"dialogs appeared: {dialogs}"
    assert errors == [], f"console errors (CSP violations show here too): {errors}"


def log_in(page: Page, site: Site) -> None:
    page.get_by_role("button", name="Log in").click()
    dialog = page.locator("#auth-dialog")
    dialog.get_by_label("User name").fill(site.user)
    dialog.get_by_label("Password").fill(site.password)
    dialog.locator("#auth-submit").click()
    expect(page.locator("#whoami")).to_have_text(f"Signed in as {site.user}")


def add_argument(page: Page, title: str, text: str = "", kind: str = "support") -> None:
    page.get_by_role("button", name="Add argument").click()
    form = page.locator("#add-form")
    form.get_by_label("Title").fill(title)
    form.get_by_label("Text").fill(text)
    form.locator("select[name=kind]").select_option(kind)
    form.get_by_role("button", name="Add").click()
    expect(form).to_be_hidden()


def test_page_headers(site: Site) -> None:
    """The page and its files: a strict CSP (no inline script), and the vendored library."""
    with httpx.Client(base_url=site.url) as client:
        for path in ("/", f"/d/{site.key}"):
            r = client.get(path)
            assert r.status_code == 200
            csp = r.headers["content-security-policy"]
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp
            assert "default-src 'none'" in csp
            assert "<script>" not in r.text and "innerHTML" not in r.text
        for path in ("/static/app.js", "/static/app.css", "/static/vendor/cytoscape.min.js"):
            assert client.get(path).status_code == 200, path
        script = client.get("/static/app.js").text
        assert "innerHTML" not in script.replace("Never innerHTML", "")
        assert client.get("/debates").status_code == 200  # the API is still there


def test_map_and_list_view(page: Page, site: Site, tmp_path: Path) -> None:
    """Anyone sees the public debates, then the map and the ten arguments as a list."""
    page.goto("/")
    link = page.get_by_role("link", name=site.motion)
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(rf"/d/{re.escape(site.key)}$"))
    expect(page.locator("#motion-title")).to_have_text(site.motion)
    expect(page.locator("#map canvas").first).to_be_attached()
    assert page.locator("#map canvas").count() >= 1
    expect(page.locator("#verdict")).to_contain_text("Verdict:")
    buttons = page.locator("#tree .title-button")
    expect(buttons).to_have_count(len(site.titles) + 1)
    assert len(site.titles) == 10
    shown = buttons.all_text_contents()
    for title in site.titles:
        assert title in shown
    # The crux is marked; the pro and con sides are labelled.
    assert page.locator("#tree .side.pro").count() >= 1
    assert page.locator("#tree .side.con").count() >= 1
    # The hash route shows the same debate.
    page.goto(f"/#/debates/{site.key}")
    expect(page.locator("#motion-title")).to_have_text(site.motion)
    # Click an argument: its full text in the side panel.
    page.locator("#tree .title-button", has_text=site.titles[0]).click()
    expect(page.locator("#detail-title")).to_have_text(site.titles[0])
    expect(page.locator("#detail-text")).not_to_be_empty()
    page.screenshot(path=tmp_path / "page_anonymous.png", full_page=True)


def test_log_in_add_vote(page: Page, site: Site, tmp_path: Path) -> None:
    """Log in, add an argument, vote on it with the slider: the verdict follows each change."""
    page.goto(f"/d/{site.key}")
    expect(page.locator("#motion-title")).to_have_text(site.motion)
    log_in(page, site)
    verdict = page.locator("#verdict")
    expect(verdict).to_contain_text("Verdict:")
    before = verdict.text_content()

    add_argument(page, "Talks save lives now", "Every month of fighting costs thousands.")
    expect(verdict).not_to_have_text(before or "")
    after_add = verdict.text_content()
    item = page.locator("#tree .title-button", has_text="Talks save lives now")
    expect(item).to_be_visible()
    expect(page.locator("#detail-title")).to_have_text("Talks save lives now")

    slider = page.locator("#vote-slider")
    expect(slider).to_be_visible()
    slider.focus()
    page.keyboard.press("End")  # full weight; fires "change", which PUTs the vote
    expect(page.locator("#vote-value")).to_have_text("100%")
    expect(verdict).not_to_have_text(after_add or "")
    page.screenshot(path=tmp_path / "page.png", full_page=True)


def test_user_text_is_text(page: Page, site: Site) -> None:
    """A title that is HTML shows as literal text in the list and the panel, and runs nothing."""
    page.goto(f"/d/{site.key}")
    log_in(page, site)
    add_argument(page, XSS, text=f"{XSS} and <script>alert(2)</script>", kind="attack")
    item = page.locator("#tree .title-button", has_text=XSS)
    expect(item).to_have_count(1)
    assert item.text_content() == XSS
    item.click()
    expect(page.locator("#detail-title")).to_have_text(XSS)
    assert page.locator("#detail-title").text_content() == XSS
    expect(page.locator("#detail-text")).to_contain_text("<script>alert(2)</script>")
    assert page.locator("img").count() == 0
    assert page.locator("#detail-text script, #tree script").count() == 0
    page.reload()
    expect(page.locator("#tree .title-button", has_text=XSS)).to_have_count(1)
    assert page.locator("img").count() == 0


def test_import_by_drop_and_export(page: Page, site: Site) -> None:
    """Drop a native JSON file on the page: it is uploaded and shown; the export menu links."""
    page.goto("/")
    log_in(page, site)
    doc = {
        "argmap": 1,
        "id": "walk",
        "motion": "m",
        "statements": [
            {"id": "m", "title": "Should we walk to work?", "kind": "motion"},
            {"id": "pro", "title": "Walking is healthy"},
            {"id": "con", "title": "It takes too long"},
        ],
        "relations": [
            {"source": "pro", "target": "m", "kind": "support"},
            {"source": "con", "target": "m", "kind": "attack"},
        ],
    }
    data = page.evaluate_handle(
        """(text) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text], "walk.json", { type: "application/json" }));
            return dt;
        }""",
        json.dumps(doc),
    )
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": data})
    expect(page.locator("#motion-title")).to_have_text("Should we walk to work?")
    expect(page.locator("#tree .title-button")).to_have_count(3)
    key = page.url.rsplit("/d/", 1)[1]
    page.locator("#export-menu summary").click()
    link = page.locator("#export-list a", has_text="argmap native JSON")
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert href == f"/debates/{key}/export?format=json"
    response = page.request.get(href)
    assert response.ok and response.json()["motion"] == "m"


def test_edit_and_link(page: Page, site: Site) -> None:
    """Edit an argument's title, text and sources; link it to another argument."""
    page.goto(f"/d/{site.key}")
    log_in(page, site)
    add_argument(page, "Ceasefires can hold", kind="support")
    page.get_by_role("button", name="Edit", exact=True).click()
    form = page.locator("#edit-form")
    form.get_by_label("Title").fill("Some ceasefires have held")
    form.get_by_label("Text").fill("Korea, 1953.")
    form.get_by_label("Sources (one per line)").fill("https://example.org/korea\nA history book")
    form.get_by_role("button", name="Save").click()
    edited = page.locator("#tree .title-button", has_text="Some ceasefires have held")
    expect(edited).to_be_visible()
    expect(page.locator("#detail-text")).to_have_text("Korea, 1953.")
    source = page.locator("#detail-sources a")
    expect(source).to_have_attribute("href", "https://example.org/korea")
    expect(page.locator("#detail-sources li").nth(1)).to_have_text("A history book")

    page.get_by_role("button", name="Link…").click()
    link = page.locator("#link-form")
    link.locator("select[name=kind]").select_option("attack")
    target = site.titles[-1]
    link.locator("select[name=target]").select_option(label=target)
    link.get_by_role("button", name="Link").click()
    expect(link).to_be_hidden()
    replies = page.get_by_role("list", name=f"Replies to {target}")
    reply = replies.locator("li.node", has_text="Some ceasefires have held")
    expect(reply.locator(":scope > .row > .rel")).to_have_text("attacks")
