"""What the browser tests share: Debian's Chromium, screenshots, signing in."""

import os
import re
import shutil
from pathlib import Path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
DOCS = ROOT / "docs"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# What the accessibility checks refuse: axe-core's two worst impact levels.
BLOCKING_IMPACTS = {"serious", "critical"}


def install_axe(context) -> None:
    """axe-core (from npm, package.json) in every page of a browser context. An init script,
    not a <script> tag: the pages' Content-Security-Policy allows no inline script."""
    from tests.conftest import need_service

    need_service(AXE.exists(), f"{AXE} is missing (npm ci)")
    context.add_init_script(path=str(AXE))


def axe_violations(page) -> list[str]:
    """axe-core run on the page as it is now (install_axe first): the serious and critical
    violations, one line each (rule, impact, the first offending elements)."""
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in result["violations"]
        if v.get("impact") in BLOCKING_IMPACTS
    ]


def shoot(page, name: str, *, publish: bool, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000  # a real picture, not a blank page
    if publish and os.environ.get("TRACKER_PUBLISH_SCREENSHOTS") == "1":
        DOCS.mkdir(exist_ok=True)
        shutil.copyfile(path, DOCS / name)
    return path


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.click("form.stacked button[type=submit]")
    # Home: My tasks, or the overview for staff who own nothing open.
    page.wait_for_url(re.compile(re.escape(base) + r"/(overview/)?$"))
