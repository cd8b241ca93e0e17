"""Every command line, given bad input, prints what is wrong and exits 1 or 2, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_cli

BROKEN_PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
             'msgid "a"\nmsgstr "b\n')
NOT_UTF8 = "# 表題\n\n本文".encode() + b"\xff\xfe\n"

# (command line, files to write under tmp_path, exit code, text the output must contain)
COMMANDS = [
    (["tools.publish.build", "ja", "--html-only", "--source", "{tmp}/docs", "--build-root",
      "{tmp}/build"], {"docs/index.md": "# 表題\n\n{notarole}`x`\n"}, 1, r"index\.md:3:"),
    (["tools.publish.pdf", "--verify", "{tmp}/bad.pdf"], {"bad.pdf": "not a PDF"}, 2,
     "cannot read this PDF"),
    (["tools.catalogs", "update", "--pot-dir", "{tmp}", "--locale", "{tmp}/locale"], {}, 1,
     "no .pot files"),
    (["tools.checks.catalog_check", "{tmp}/broken.po"], {"broken.po": BROKEN_PO}, 1,
     r"broken\.po:6:10: PO001"),
    (["tools.checks.catalog_stats", "{tmp}/broken.po"], {"broken.po": BROKEN_PO}, 2,
     r"broken\.po:6:10: PO001"),
    (["tools.checks.yasashii", "{tmp}/broken.po"], {"broken.po": BROKEN_PO}, 2,
     r"broken\.po:6:10: PO001"),
    (["tools.po_syntax", "{tmp}/broken.po"], {"broken.po": BROKEN_PO}, 1,
     r"broken\.po:6:10: PO001"),
    (["tools.checks.altlint", "{tmp}/page.md"], {"page.md": NOT_UTF8}, 2, "page.md"),
    (["tools.checks.lint", "{tmp}/page.md"], {"page.md": NOT_UTF8}, 2, "page.md"),
    (["tools.checks.vnu", "{tmp}/none.html"], {}, 2, "none.html"),
    (["tools.checks.links", "{tmp}/no-site"], {}, 2, "no-site"),
    (["tools.furigana.lint", "{tmp}/broken.po"], {"broken.po": BROKEN_PO}, 2,
     r"broken\.po:6:10: PO001"),
    (["tools.furigana.suggest", "{tmp}/page.md"], {"page.md": NOT_UTF8}, 2, "page.md"),
    (["tools.furigana.accuracy", "{tmp}/page.md"], {"page.md": NOT_UTF8}, 2, "UTF-8"),
    (["tools.a11y.report", "{tmp}/results.json"], {"results.json": "{bad"}, 2,
     "results.json"),
    (["tools.publish.landing", "{tmp}/no-site"], {}, 2, "no-site"),
]


@pytest.mark.parametrize(("argv", "files", "code", "expect"), COMMANDS,
                         ids=[argv[0] for argv, *_ in COMMANDS])
def test_bad_input_gives_a_message_and_an_exit_code_not_a_traceback(
    tmp_path: Path, argv: list[str], files: dict[str, str | bytes], code: int, expect: str
) -> None:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    module, *args = (arg.replace("{tmp}", str(tmp_path)) for arg in argv)
    returned, output = run_cli(module, *args)
    assert returned == code, output
    assert "Traceback" not in output, output
    assert re.search(expect, output), output
    assert re.search(r"(^|: )error: ", output, re.MULTILINE) or re.search(r":\d+:\d+: [A-Z]+\d+ ",
                                                                   output), output
