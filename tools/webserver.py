"""Serve a built site on 127.0.0.1 as a static host does: under any path prefix, gzip on request.

GitHub Pages serves a project site under ``/<repository>/`` and compresses text with gzip;
the tests and the benchmark serve ``_build/site`` the same way, so page weight is what a
reader downloads and a link that only works at ``/`` shows up as a 404.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

COMPRESSED = (".html", ".css", ".js", ".svg", ".json", ".txt", ".xml", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    compress = True

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # http.server's own hook
        if not self.path.startswith(self.prefix):
            self.send_error(404, f"outside {self.prefix}")
            return None
        requested = self.path
        self.path = "/" + self.path[len(self.prefix):]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not self.path.split("?", 1)[0].endswith("/"):
            self.send_response(301)  # http.server's own redirect would lose the prefix
            self.send_header("Location", requested.split("?", 1)[0] + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants_gzip and path.is_file()
                and path.suffix.lower() in COMPRESSED):
            return super().send_head()
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@contextmanager
def serve(folder: Path, prefix: str = "/", *, compress: bool = True) -> Iterator[str]:
    """Serve *folder* at ``http://127.0.0.1:<port><prefix>``; yields that URL (ending in /)."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("Handler", (_Handler,), {"prefix": prefix, "compress": compress})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
