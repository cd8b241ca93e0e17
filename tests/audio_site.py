"""A small page of the plan's kind, built like the site (project conf.py) with its audio.

Shared by the audio tests: the real speech builder, real synthesis, real lame, and a web
server that answers byte ranges, as every real one does (browsers seek media with them).
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

from tools.editions import EDITIONS, sphinx_build
from tools.publish.context import BuildContext

ROOTS = Path(__file__).parent / "roots"

PAGE = """\
# 健幸のまち

健幸のまちを目指します。旭川市と市社協が協力します。

- 課題①から⑭まで取り組みます。
- 除雪を支援します。

| 番号 | 内容 |
| --- | --- |
| 1 | 冬の暮らしを支えます。 |

```{figure} figure.svg
:alt: 住民が集まって話し合う様子の図

計画策定体制
```

最後の段落です。
"""


def make_source(folder: Path, page: str = PAGE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOTS / "test-speech" / "figure.svg", folder / "figure.svg")
    (folder / "index.md").write_text(page, encoding="utf-8")
    return folder


def context(build_root: Path, source: Path, cache: Path | None = None) -> BuildContext:
    return BuildContext(build_root, source, build_root / "site", cache or build_root / "cache")


def build_html(ctx: BuildContext, edition: str = "ja") -> Path:
    """The edition's HTML, published beside the audio as the pipeline does."""
    return sphinx_build(EDITIONS[edition], ctx.staging / edition, build_root=ctx.build_root,
                        source=ctx.source)


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with single byte ranges (``Range: bytes=a-b``), quietly."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        self.range_left = None
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        start = int(match.group(1) or 0)
        end = min(int(match.group(2)) if match.group(2) else size - 1, size - 1)
        if start >= size:
            self.send_error(416)
            return None
        handle = path.open("rb")
        handle.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        self.range_left = end - start + 1
        return handle

    def copyfile(self, source, outputfile) -> None:
        left = self.range_left
        if left is None:
            return super().copyfile(source, outputfile)
        try:
            while left > 0:
                chunk = source.read(min(left, 64 * 1024))
                if not chunk:
                    break
                outputfile.write(chunk)
                left -= len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser had what it wanted and closed the connection
        return None


def serve_with_ranges(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(RangeHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server
