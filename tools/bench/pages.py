"""What a reader downloads for each page: bytes on the wire, requests, fonts, layout shift.

Each page is opened in a fresh browser context (empty cache) from a server that
compresses like GitHub Pages (``tools.webserver``); every request the page makes until
the network is idle is counted with its encoded body and headers. Layout shift is
summed from the browser's ``layout-shift`` entries (no CPU slowdown: Lighthouse gives
the throttled figure). The same load records what went wrong: failed requests, script
errors, Content Security Policy violations and the status of the page's icon, so one
pass over the site serves the budgets (bench, tests/test_hosting.py) and the request
checks (tests/test_requests.py).
"""

from __future__ import annotations

from contextlib import ExitStack
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
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || ""}:${event.lineNumber || 0}`);
});
"""
ICON_JS = "document.querySelector('link[rel~=icon]')?.href || ''"
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
    context.add_init_script(script=WATCH_CSP)
    try:
        page = context.new_page()
        finished: list[Any] = []
        failed: list[str] = []
        errors: list[str] = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.on("requestfailed", lambda request: failed.append(
            f"{request.url} ({request.failure})"))
        page.on("console", lambda message: message.type == "error"
                and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        response = page.goto(url, wait_until="networkidle")
        shift = page.evaluate(LAYOUT_SHIFT_JS)
        csp_violations = page.evaluate("window.__cspViolations")
        icon = page.evaluate(ICON_JS)
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
            "failed": failed + [f"{r['url']} ({r['status']})" for r in requests
                                if (r["status"] or 0) >= 400],
            "cls": round(shift, 4),
            "detail": requests,
            "script_errors": errors,
            "csp_violations": csp_violations,
            "icon_status": page.request.get(icon).status if icon else None,
        }
    finally:
        context.close()


def weigh_site(site: Path, pages: list[str] | None = None, *, prefix: str = "/",
               browser: Any = None) -> dict[str, dict[str, Any]]:
    """Measure *pages* (default: all) of the built *site*, served with gzip under *prefix*,
    in *browser* (default: a chromium of its own)."""
    from playwright.sync_api import sync_playwright

    pages = pages if pages is not None else all_pages(site)
    with serve(site, prefix) as base, ExitStack() as stack:
        if browser is None:
            browser = launch(stack.enter_context(sync_playwright()))
            stack.callback(browser.close)
        return {page: measure(browser, base + page) for page in pages}
