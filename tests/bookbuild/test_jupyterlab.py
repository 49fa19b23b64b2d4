"""A student's notebook in a real JupyterLab (the pinned one) in Debian's chromium.

Chapter 3, completed with the reference except a wrong `loss` (its first
exercise), is opened and run with Run All: the Markdown reads cleanly (no MyST
left, equations numbered, the answers closed), the failing test shows its
report on stderr, and Run All goes on to the last cell's self-check report.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from autograder.examples import submission
from chapterkit.plain import equation_labels
from chapterkit.sources import CHAPTERS
from tests.browser import ARTIFACTS, chromium
from tests.corpus import VARIANTS

pytestmark = pytest.mark.slow
CHAPTER = "03_cross_entropy"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab")
    wrong = next(v for v in VARIANTS if v["chapter"] == CHAPTER and v["name"] == "wrong-loss_log10")
    nbformat.write(submission(CHAPTER, {"loss": wrong["path"].read_text(encoding="utf-8")}), home / f"{CHAPTER}.ipynb")
    # Every cell in the page, not only those scrolled into view, so the whole text can be read.
    settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "MPLBACKEND": "agg",
    }
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={home}",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabServerApp.extension_manager=readonly",
            "--allow-root",
        ],  # the test machine runs as root
        cwd=home,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"JupyterLab did not start:\n{server.stderr.read()[-3000:]}")
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()


def run_all(driver):
    driver.find_element(By.XPATH, "//div[contains(@class, 'lm-MenuBar-itemLabel') and text()='Run']").click()
    item = "//li[contains(@class, 'lm-Menu-item')][.//div[text()='Run All Cells']]"
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.XPATH, item))
    driver.find_element(By.XPATH, item).click()


def test_the_notebook_reads_cleanly_and_run_all_reaches_the_self_check(lab):
    with chromium() as driver:
        driver.get(f"{lab}/lab/tree/{CHAPTER}.ipynb")
        wait = WebDriverWait(driver, 180)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-MarkdownCell .jp-RenderedMarkdown"))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".jp-Notebook-ExecutionIndicator[data-status='idle']"))
        run_all(driver)
        report = "Visible tests:"
        wait.until(lambda d: report in d.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-CodeCell")[-1].text)
        wait.until(
            lambda d: d.execute_script("return document.querySelectorAll('.jp-Notebook mjx-container').length > 20")
        )
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for name, selector in [
            ("top", ".jp-MarkdownCell"),
            ("answers", ".jp-RenderedMarkdown details"),
            ("self-check", ".jp-Notebook .jp-CodeCell:last-child .jp-OutputArea"),
        ]:
            driver.execute_script("document.querySelector(arguments[0]).scrollIntoView()", selector)
            driver.save_screenshot(str(ARTIFACTS / f"jupyterlab-03-{name}.png"))

        markdown = driver.execute_script(
            "return Array.from(document.querySelectorAll('.jp-MarkdownCell .jp-RenderedMarkdown')).map(e => e.innerText).join('\\n')"
        )
        assert ":::{" not in markdown and "{eq}" not in markdown and ":class:" not in markdown
        labels = equation_labels((CHAPTERS / f"{CHAPTER}.md").read_text(encoding="utf-8"))
        assert [label for label in labels if f"({label})" in markdown] == []
        assert "(3.1)" in markdown  # the references and the \tag{3.1}
        assert driver.execute_script("return document.querySelectorAll('.jp-Notebook mjx-merror').length") == 0

        details = driver.find_elements(By.CSS_SELECTOR, ".jp-RenderedMarkdown details")
        assert details and not any(d.get_attribute("open") for d in details)
        for folded in details:  # the worked answers and the check-yourself answers
            summary = folded.find_element(By.TAG_NAME, "summary").get_attribute("textContent")
            body = folded.get_attribute("textContent").split(summary, 1)[1]
            answer = re.search(r"[A-Za-z][A-Za-z ,]{30,}", body).group(0)
            assert answer.strip() not in markdown, f"the answer under {summary!r} is visible"

        errors = [
            e.text
            for e in driver.find_elements(
                By.CSS_SELECTOR, ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
            )
        ]
        assert any("log base 10" in text for text in errors), errors[:3]
        last = driver.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-CodeCell")[-1].text
        assert "FAIL  test_loss_values" in last and "PASS  test_cost" in last
