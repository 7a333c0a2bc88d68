"""Browser test harness: headless Debian Chromium driven by Playwright, no browser download.

A facade over `tests.chromium` (which the map-page, CLI, OGC and tile tests already import), so
there is one launcher, one server runner and one axe runner. What it adds is `open_page(...,
offline=False)`: record the requests that would leave the host without blocking them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route

from tests.chromium import (
    ARTIFACTS,
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    PageReport,
    launch_browser,
    require_chromium,
    run_axe,
    serious_violations,
    serve_app,
)

__all__ = [
    "ARTIFACTS",
    "AXE",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "PageReport",
    "is_local",
    "launch_browser",
    "open_page",
    "require_chromium",
    "run_axe",
    "serious_violations",
    "serve_app",
]

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# URLs with no host that never touch the network.
HOSTLESS_SCHEMES = frozenset({"data", "blob", "about", "file"})


def is_local(url: str) -> bool:
    """True if fetching `url` stays on this machine."""
    parts = urlsplit(url)
    return parts.scheme in HOSTLESS_SCHEMES or parts.hostname in LOCAL_HOSTS


def _record_console(message: ConsoleMessage, report: PageReport) -> None:
    if message.type != "error":
        return
    # Chromium logs each failed load as "Failed to load resource: ..."; for another host that
    # is just the echo of a request already listed in external_requests, not a page error.
    if message.text.startswith("Failed to load resource") and not is_local(
        message.location.get("url", "")
    ):
        return
    report.console_errors.append(message.text)


def open_page(
    browser: Browser, url: str, *, offline: bool = True, **context_options: Any
) -> tuple[Page, PageReport]:
    """Open `url` in a fresh context and record what the page does.

    offline=True aborts every request to another host, so "nothing leaves the host" is enforced,
    not just observed; the attempts are still listed in `external_requests`.
    """
    report = PageReport()
    context = browser.new_context(**context_options)

    def on_request(request: Request) -> None:
        if not is_local(request.url):
            report.external_requests.append(request.url)

    def on_failed(request: Request) -> None:
        # External failures are expected when offline; only our own server's count.
        if is_local(request.url):
            report.failed_requests.append(f"{request.url} ({request.failure})")

    def guard(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    if offline:
        # A context-wide route also catches iframes, workers and popups, not just the main frame.
        context.route("**/*", guard)
    # Listen on the context so requests from popups and iframes are recorded too.
    context.on("request", on_request)
    context.on("requestfailed", on_failed)
    page = context.new_page()
    page.on("console", lambda message: _record_console(message, report))
    page.on("pageerror", lambda error: report.page_errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    return page, report
