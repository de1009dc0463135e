"""End to end in a real headless Chromium: `streamlit run` on 127.0.0.1, driven by Playwright.

Chromium is Debian's (`/usr/bin/chromium`, installed by .ci/run); Playwright never
downloads a browser. Screenshots go to docs/screenshots/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant import Settings
from assistant.feedback import FeedbackLog
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
        # opened at the passage, highlighted; the whole brief on request
        expect(dialog.get_by_text("Wiener Lab", exact=False).first).to_be_in_viewport()
        expect(dialog.get_by_text("Show the whole document")).to_be_visible()
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

        # A rate's series: one line, its axis titled with the unit, nothing clipped.
        ask("What was the exchange rate from 2020 to 2024?", "2024: 17.5 per USD (estimate)")
        chart = page.locator("[data-testid='stVegaLiteChart']").last
        chart.evaluate("e => e.scrollIntoView({block: 'center'})")  # clear of the chat box
        expect(chart.locator("svg, canvas").first).to_be_visible()
        drawn, frame = chart.locator("svg, canvas").first.bounding_box(), chart.bounding_box()
        assert drawn and frame and drawn["x"] + drawn["width"] <= frame["x"] + frame["width"] + 1
        chart.screenshot(path=str(SHOTS / "rate-chart.png"))

        # A paste over the limit is kept to shorten, with the limit said; nothing is lost.
        pasted = "Who is Héctor Barillas? " + "Tell me everything. " * 120
        chat.fill(pasted)
        expect(chat).to_have_value(pasted)
        chat.press("Enter")
        warning = page.get_by_text("a question can have up to 2,000").last
        expect(warning).to_be_visible()
        box = page.get_by_label("Your question")
        expect(box).to_have_value(pasted)
        warning.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(SHOTS / "long-question.png"))
        box.fill("Who is Jorge Melendez?")
        page.get_by_role("button", name="Ask this question").click()
        expect(page.get_by_text("General Director, INMEGEN").last).to_be_visible(timeout=60_000)

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


def cold_chain_brief(path: Path) -> Path:
    """A long brief (about 70 KB) whose one answer is near its end: a deep link must still
    open with it in view."""
    lines = [
        f"Dispatch {n}: the cold-chain depot in district {n} logged {n * 3 + 11} refrigerated"
        " parcels of vaccines and insulin during the quarter, with no spoilage reported."
        for n in range(400)
    ]
    lines.insert(
        380,
        "The Andean Cold Chain Authority, led by Director Mariela Quispe, certifies every"
        " refrigerated depot in the region before it may store vaccines.",
    )
    path.write_text("# Andean cold chain log\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_workspace_end_to_end(real_settings: Settings, tmp_path: Path) -> None:
    """Upload a brief and watch it read, search only it, ask, open the citation's link in a
    new page with the passage in view, give feedback, reload and find the conversation,
    export it; then a web address in an abstention and a phone-sized facts table."""
    from playwright.sync_api import expect, sync_playwright

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(real_settings.corpus_dir, corpus)
    shutil.copytree(real_settings.index_dir, index)  # the shipped briefs are not embedded again
    brief = cold_chain_brief(tmp_path / "andean-cold-chain.md")
    with streamlit_app(corpus, index) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.goto(url)
        chat = page.get_by_test_id("stChatInputTextArea")
        expect(chat).to_be_visible(timeout=120_000)

        def ask(question: str, wait_for: str) -> None:
            chat.fill(question)
            chat.press("Enter")
            expect(page.get_by_text(wait_for, exact=False).last).to_be_visible(timeout=60_000)

        # Upload: the file is saved, read in the background, its progress shown.
        page.get_by_text("Add or remove briefs").click()
        page.locator("input[type=file]").set_input_files(str(brief))
        page.get_by_role("button", name="Add to the corpus").click()
        expect(page.get_by_text("[1/1] andean-cold-chain.md", exact=False)).to_be_visible(
            timeout=240_000
        )
        expect(page.get_by_text("Ingested: 1 added", exact=False)).to_be_visible(timeout=240_000)
        assert (corpus / "andean-cold-chain.md").read_bytes() == brief.read_bytes()
        page.screenshot(path=str(SHOTS / "upload.png"), full_page=True)

        # Search only the new brief, and ask.
        for other in ("Mexico healthcare market trade", "Personalized Medicine"):
            page.get_by_role("button", name=re.compile(f"^Remove {other}")).click()
            expect(page.get_by_role("button", name=re.compile(f"^Remove {other}"))).to_have_count(0)
        ask("Who certifies refrigerated depots?", "Andean Cold Chain Authority")
        expect(page.get_by_text("Searched: Andean cold chain log")).to_be_visible()

        # The citation's link, opened in a new page: the passage highlighted, in view.
        page.get_by_role("button", name="Copy link").last.click()
        code = page.get_by_test_id("stCode").filter(has_text="doc=").last
        expect(code).to_be_visible()
        link = code.inner_text().strip()
        assert "doc=andean-cold-chain.md" in link
        page.keyboard.press("Escape")
        linked = context.new_page()
        linked.goto(link)
        mark = linked.locator("span", has_text="certifies every refrigerated depot").last
        expect(mark).to_be_visible(timeout=120_000)
        box, height = mark.bounding_box(), 1000
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, box
        assert mark.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
        linked.screenshot(path=str(SHOTS / "deep-link.png"))
        linked.close()

        # Feedback, kept in the index folder.
        page.get_by_role("radio", name="Thumbs down").last.click()
        note = page.get_by_label("Note (optional)").last
        note.fill("the director's name should be the answer")
        note.press("Enter")
        log, wanted = (
            FeedbackLog(index / "feedback.sqlite"),
            "the director's name should be the answer",
        )
        for _ in range(60):  # the rating is kept on the click, the note on Enter
            asked = "Who certifies refrigerated depots?"
            kept = [(k["rating"], k["note"]) for k in log.lines() if k["q"] == asked]
            if kept == [("down", wanted)]:
                break
            time.sleep(0.5)
        assert kept == [("down", wanted)]

        # A reload finds the conversation; the export reads well.
        page.reload()
        expect(page.get_by_text("Who certifies refrigerated depots?")).to_be_visible(
            timeout=120_000
        )
        expect(page.get_by_text("Andean Cold Chain Authority").last).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("button", name="Download conversation (.md)").click()
        exported = Path(download.value.path()).read_text(encoding="utf-8")
        assert "**Q:** Who certifies refrigerated depots?" in exported
        assert "1. Andean cold chain log" in exported and "\n   > " in exported

        # A web address in an abstention: shown as text, its closing quote not in a link.
        chat = page.get_by_test_id("stChatInputTextArea")
        ask("What does https://www.example.com/depots say?", "do not contain an answer")
        links = page.get_by_test_id("stMain").locator("a").all_inner_texts()
        assert not any("”" in text or "example.com" in text for text in links), links

        # On a 390 px phone the facts table fits.
        phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        phone.goto(url)
        chat = phone.get_by_test_id("stChatInputTextArea")
        expect(chat).to_be_visible(timeout=120_000)
        chat.fill("What were total exports from 2020 to 2024?")
        chat.press("Enter")
        table = phone.get_by_test_id("stTable").last
        expect(table).to_be_visible(timeout=60_000)
        scroll, client, right = table.evaluate(
            "e => [e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right]"
        )
        assert scroll <= client and right <= 390, (scroll, client, right)
        table.scroll_into_view_if_needed()
        phone.screenshot(path=str(SHOTS / "phone-facts.png"))
        browser.close()
