"""``python -m tools.publish.pdf``: build the print PDFs (and refresh the pages that list them),
or ``--verify`` PDFs (staff can check any PDF).

Exit codes: 0 done / all checks pass, 1 build failed or findings, 2 chromium or fonts
missing, or a PDF that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tools.diagnostics import command


def _verify(paths: list[Path], fmt: str, ruby: bool) -> int:
    from pypdf.errors import PdfReadError

    from tools.outputs import PDFS
    from tools.publish.pdf.verify import check, inspect

    ruby_files = {spec.filename for spec in PDFS if spec.ruby}
    reports, findings, unreadable = [], [], 0
    for path in paths:
        try:
            report = inspect(path)
        except (OSError, PdfReadError) as exc:
            print(f"{path}: error: cannot read this PDF ({exc})", file=sys.stderr)
            unreadable += 1
            continue
        reports.append(report)
        findings += check(report, ruby=ruby or path.name in ruby_files)
    if fmt == "json":
        print(json.dumps({"reports": [r.to_dict() for r in reports],
                          "findings": [f.__dict__ for f in findings]},
                         ensure_ascii=False, indent=2))
    else:
        for report in reports:
            tags = ", ".join(f"{tag} {n}" for tag, n in report.tags.items())
            fonts = ", ".join(f.name for f in report.fonts)
            print(f"{report.path}: {report.pages} pages, {report.size} bytes, "
                  f"lang {report.lang!r}, title {report.title!r}\n"
                  f"  bookmarks {len(report.outline)}; tags: {tags}\n"
                  f"  fonts: {fonts}")
            for skipped in report.pdfua_skipped:
                print(f"  pdfua could not evaluate {skipped}")
        for finding in findings:
            print(finding)
        print(f"Found {len(findings)} problem(s) in {len(reports)} PDF(s).")
    if unreadable:
        return 2
    return 1 if findings else 0


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.pdf", description=__doc__)
    parser.add_argument("--verify", action="store_true",
                        help="check PDFs instead of building them")
    parser.add_argument("pdfs", nargs="*", metavar="PDF", type=Path,
                        help="with --verify: the PDFs to check (default: the published PDFs)")
    parser.add_argument("--ruby", action="store_true", help="with --verify: require Ruby/RT tags")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)

    from tools.outputs import pdf_folder

    if args.pdfs and not args.verify:
        parser.error("PDF files are only read with --verify")
    if args.verify:
        paths = args.pdfs or sorted(pdf_folder().glob("*.pdf"))
        if not paths:
            print(f"error: no PDFs in {pdf_folder()}; build them first "
                  "(`python -m tools.publish.pdf`)", file=sys.stderr)
            return 2
        return _verify(paths, args.format, args.ruby)

    # The PDFs are one stage of the pipeline: pages that list them are rebuilt when sizes change.
    from tools.publish.build import main as build

    return build([])


if __name__ == "__main__":
    sys.exit(main())
