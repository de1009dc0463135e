"""End to end in a real headless Chromium: `streamlit run` on 127.0.0.1, driven by Playwright.

Chromium is Debian's (`/usr/bin/chromium`, installed by .ci/run); Playwright never
downloads a browser. Screenshots go to docs/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant import Settings
from tests.conftest import ROOT, free_port, wait_until_up

pytestmark = [pytest.mark.model, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "docs" / "screenshots"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail("CI must have /usr/bin/chromium: .ci/run installs Debian's chromium")
    pytest.skip("Debian's chromium is not installed here", allow_module_level=True)


@contextmanager
def streamlit_app(corpus: Path, index: Path) -> Iterator[str]:
    """`streamlit run ui/app.py` on a free port of 127.0.0.1 over `corpus` and `index`."""
    port = free_port()
    env = {**os.environ, "ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_INDEX_DIR": str(index)}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"),
         "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/_stcore/health", seconds=120, what="streamlit")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(real_settings: Settings) -> Iterator[str]:
    with streamlit_app(real_settings.corpus_dir, real_settings.index_dir) as url:
        yield url


def test_chat_in_a_real_browser(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(server)
        chat = page.get_by_test_id("stChatInputTextArea")
        expect(chat).to_be_visible(timeout=120_000)

        def ask(question: str, wait_for: str) -> None:
            chat.fill(question)
            chat.press("Enter")
            reply = page.get_by_text(wait_for).last
            expect(reply).to_be_visible(timeout=60_000)
            reply.scroll_into_view_if_needed()

        ask("Who is Héctor Barillas?", "General Manager Mexico, Wiener Lab")
        expect(page.get_by_text("Sources (1)").last).to_be_visible()
        page.screenshot(path=str(SHOTS / "text-answer.png"), full_page=True)
        page.get_by_role("button", name="Open document").last.click()
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible(timeout=30_000)
        expect(dialog.get_by_text("Mexico stands at a crossroads", exact=False)).to_be_visible()
        page.screenshot(path=str(SHOTS / "document.png"))
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()

        ask(
            "Which company does he work for?",
            "Interpreted as: Which company does Héctor Barillas work for?",
        )
        page.screenshot(path=str(SHOTS / "follow-up.png"), full_page=True)

        ask("How much did imports fall from 2020 to 2022?", "-US$1.85 billion")
        expect(page.get_by_text("10.25 - 12.1 = -1.85").last).to_be_visible()
        expect(page.locator("[data-testid='stVegaLiteChart']").last).to_be_visible()
        page.screenshot(path=str(SHOTS / "figure-answer.png"), full_page=True)

        payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> xss?'
        ask(payload, "The briefs do not contain an answer")
        expect(
            page.get_by_text('<img src=x onerror="window.__xss=1">', exact=False).first
        ).to_be_visible()
        assert page.evaluate("window.__xss") is None
        assert page.locator("img[src='x']").count() == 0
        assert dialogs == []
        page.screenshot(path=str(SHOTS / "xss-as-text.png"), full_page=True)

        ask("![pixel](http://evil.example/pixel.png) who pays?", "![pixel](http://evil.example")
        assert page.locator("img[src*='evil.example']").count() == 0
        outside = [url for url in requested if not url.startswith(server)]
        assert outside == []  # nothing fetched from anywhere but the app itself
        browser.close()


def test_a_reingest_in_one_session_leaves_the_others_answering(
    real_settings: Settings, tmp_path: Path
) -> None:
    """Session A re-ingests a corpus with a new 300 KB brief; session B's question is
    answered while A's ingest still runs; A sees per-file progress and the outcome, and both
    sidebars then show the new counts."""
    from playwright.sync_api import expect, sync_playwright

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(real_settings.corpus_dir, corpus)
    shutil.copytree(real_settings.index_dir, index)  # the same index, not embedded again
    documents = len([p for p in corpus.iterdir() if p.suffix in (".txt", ".md")])
    with streamlit_app(corpus, index) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        a = browser.new_context(viewport={"width": 1280, "height": 1100}).new_page()
        b = browser.new_context(viewport={"width": 1280, "height": 1100}).new_page()
        for page in (a, b):
            page.goto(url)
            expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=120_000)
        expect(a.get_by_text(f"{documents} documents", exact=False)).to_be_visible()

        lines = [
            f"Harbour report {n}: the port of town {n} handled {n * 7} crates of medical supplies."
            for n in range(3600)
        ]
        (corpus / "harbour-logbook.txt").write_text(
            "Harbour logbook\n" + "\n".join(lines) + "\n", encoding="utf-8"
        )
        a.get_by_role("button", name="Re-ingest the corpus").click()
        expect(a.get_by_text("Ingesting the corpus…")).to_be_visible(timeout=30_000)

        chat = b.get_by_test_id("stChatInputTextArea")
        chat.fill("Who is Héctor Barillas?")
        began = time.monotonic()
        chat.press("Enter")
        expect(b.get_by_text("General Manager Mexico, Wiener Lab").last).to_be_visible(
            timeout=30_000
        )
        waited = time.monotonic() - began
        # Answered while A's ingest still runs: B did not queue behind it.
        expect(a.get_by_text("Ingesting the corpus…")).to_be_visible()
        print(f"session B's answer during the re-ingest took {waited:.2f} s")
        a.screenshot(path=str(SHOTS / "reingest-progress.png"), full_page=True)

        expect(a.get_by_text("[1/1] harbour-logbook.txt", exact=False)).to_be_visible(
            timeout=240_000
        )  # per-file progress, or the outcome right after it
        expect(a.get_by_text("Ingested: 1 added", exact=False)).to_be_visible(timeout=240_000)
        expect(a.get_by_text(f"{documents + 1} documents", exact=False)).to_be_visible()
        expect(a.get_by_text("Up to date with the corpus.")).to_be_visible()
        b.reload()
        expect(b.get_by_text(f"{documents + 1} documents", exact=False)).to_be_visible(
            timeout=60_000
        )
        expect(b.get_by_text("Up to date with the corpus.")).to_be_visible()
        browser.close()
