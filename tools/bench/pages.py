"""What a reader downloads for each page: bytes on the wire, requests, fonts, layout shift.

Each page is opened in a fresh browser context (empty cache) from a server that
compresses like GitHub Pages (``tools.webserver``); every request the page makes until
the network is idle is counted with its encoded body and headers. Layout shift is
summed from the browser's ``layout-shift`` entries (no CPU slowdown: Lighthouse gives
the throttled figure).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tools.a11y.audit import site_pages
from tools.browser import launch
from tools.webserver import serve

LAYOUT_SHIFT_JS = """
() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})
"""
# Lighthouse's mobile screen (Moto G Power).
MOBILE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75,
          "is_mobile": True, "has_touch": True}


def all_pages(site: Path) -> list[str]:
    """The site's landing page and every page of every edition, relative to *site*."""
    pages = sorted(p.name for p in site.glob("*.html"))
    for edition in sorted(p.name for p in site.iterdir() if (p / "index.html").is_file()):
        pages += [f"{edition}/{page}" for page in site_pages(site / edition)]
    return pages


def measure(browser: Any, url: str) -> dict[str, Any]:
    """Requests, bytes and layout shift of one page load with an empty cache."""
    context = browser.new_context(**MOBILE)
    try:
        page = context.new_page()
        finished: list[Any] = []
        failed: list[str] = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.on("requestfailed", lambda request: failed.append(request.url))
        response = page.goto(url, wait_until="networkidle")
        shift = page.evaluate(LAYOUT_SHIFT_JS)
        requests = []
        for request in finished:
            if request.url.startswith("data:"):
                continue
            sizes = request.sizes()
            answer = request.response()
            requests.append({
                "url": request.url,
                "type": request.resource_type,
                "status": answer.status if answer else None,
                "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"],
            })
        return {
            "status": response.status if response else None,
            "requests": len(requests),
            "bytes": sum(r["bytes"] for r in requests),
            "fonts": [r["url"] for r in requests if r["type"] == "font"],
            "font_count": sum(r["type"] == "font" for r in requests),
            "failed": failed + [r["url"] for r in requests if (r["status"] or 0) >= 400],
            "cls": round(shift, 4),
            "detail": requests,
        }
    finally:
        context.close()


def weigh_site(site: Path, pages: list[str] | None = None, *, prefix: str = "/"
               ) -> dict[str, dict[str, Any]]:
    """Measure *pages* (default: all) of the built *site*, served with gzip under *prefix*."""
    from playwright.sync_api import sync_playwright

    pages = pages if pages is not None else all_pages(site)
    with serve(site, prefix) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return {page: measure(browser, base + page) for page in pages}
        finally:
            browser.close()
