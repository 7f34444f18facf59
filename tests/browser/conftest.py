"""The web page in a real browser: Debian's Chromium driven by Playwright.

One server for the whole session (uvicorn in a thread, on a free 127.0.0.1 port, over a
fresh SQLite file), with a registered user who imported the seed debate. Chromium is
installed with apt when it is missing; the tests are skipped, saying why, only if that
fails. Playwright never downloads a browser: it runs ``/usr/bin/chromium``.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, sync_playwright

from argmap.server import create_app_from_url
from argmap.server.pages import mount_pages
from tests.conftest import SEED

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
USER = "alice"
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Site:
    """The running server, its user, and the seed debate's key and argument titles."""

    url: str
    key: str
    motion: str
    titles: list[str]
    user: str = USER
    password: str = PASSWORD


def _ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    apt = shutil.which("apt-get")
    if apt is None:
        pytest.skip("no /usr/bin/chromium and no apt-get to install it")
    try:
        subprocess.run([apt, "update", "-qq"], check=True, capture_output=True, timeout=300)
        subprocess.run(
            [apt, "install", "-y", "-qq", "chromium"],
            check=True,
            capture_output=True,
            timeout=600,
            env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
        )
    except (OSError, subprocess.SubprocessError) as e:
        pytest.skip(f"no /usr/bin/chromium, and `apt-get install -y chromium` failed: {e}")
    if not CHROMIUM.exists():
        pytest.skip("`apt-get install -y chromium` ran but /usr/bin/chromium is still missing")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real server on a fresh SQLite file, with ``alice`` and the seed imported."""
    db = tmp_path_factory.mktemp("browser") / "argmap.db"
    app = create_app_from_url(f"sqlite:///{db}")
    mount_pages(app)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            r = client.post("/users", json={"name": USER, "password": PASSWORD})
            assert r.status_code == 201, r.text
            r = client.post("/tokens", json={"name": USER, "password": PASSWORD, "label": "t"})
            assert r.status_code == 201, r.text
            auth = {"Authorization": f"Bearer {r.json()['token']}"}
            files = {"file": (SEED.name, SEED.read_bytes(), "text/plain")}
            r = client.post("/debates/import", files=files, headers=auth)
            assert r.status_code == 201, r.text
            key = r.json()["key"]
            doc = client.get(f"/debates/{key}").json()
        motion = next(s["title"] for s in doc["statements"] if s["id"] == doc["motion"])
        titles = [s["title"] for s in doc["statements"] if s["id"] != doc["motion"]]
        yield Site(url=url, key=key, motion=motion, titles=titles)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, through Playwright (never a downloaded browser)."""
    _ensure_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
