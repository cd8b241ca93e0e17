"""The print PDFs, read back with pypdf and pdfplumber: real chromium, real files."""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pdfplumber
import pytest
from conftest import EPOCH, soup, squash
from plan_facts import KADAI
from pypdf import PdfReader, PdfWriter

from tools import ROOT
from tools.errors import BuildError
from tools.outputs import PDFS, downloads, format_size
from tools.publish.pdf import pdfua_check
from tools.publish.pdf.build import build_pdfs
from tools.publish.pdf.verify import A4, Report, check, content_roles, inspect

pytestmark = pytest.mark.browser

EPOCH_PDF_DATE = "D:20231001000000+00'00'"
SPEC = {spec.key: spec for spec in PDFS}


@pytest.fixture(scope="module")
def build_root(pdfs: dict[str, Path]) -> Path:
    """The PDFs' own build folder: they republish the site, which other tests read meanwhile."""
    return pdfs["standard"].parents[2]


@pytest.fixture(scope="module")
def site_with_pdfs(pdf_site: Path) -> Path:
    """The standard website built after the PDFs, as `python -m tools.publish.build` does."""
    return pdf_site / "ja"


@functools.cache
def read_report(path: Path) -> Report:
    """What tools.publish.pdf.verify reads from a fixture PDF (pypdf and the pdfua checker,
    seconds per file): once per file, as the fixture's files do not change."""
    return inspect(path)


@pytest.fixture(scope="module")
def plumbed(pdfs: dict[str, Path]) -> Iterator[dict[str, pdfplumber.PDF]]:
    """Each fixture PDF opened once with pdfplumber: its pages are parsed once for all tests."""
    with contextlib.ExitStack() as stack:
        yield {key: stack.enter_context(pdfplumber.open(path)) for key, path in pdfs.items()}


def opened(plumbed: dict[str, pdfplumber.PDF], key: str) -> contextlib.nullcontext:
    """``with opened(plumbed, key) as pdf``: the shared pdfplumber document, left open."""
    return contextlib.nullcontext(plumbed[key])


def singlehtml(build_root: Path, edition: str) -> Path:
    return build_root / "singlehtml" / edition / "index.html"


def mcids_inside(roles: dict, page: pdfplumber.page.Page, kinds: set[str]) -> set[int]:
    """Marked-content ids on *page* that lie inside a structure element of one of *kinds*."""
    index = page.page_number - 1
    return {mcid for (at, mcid), path in roles.items() if at == index and kinds & set(path)}


def test_all_three_print_editions_are_built(pdfs: dict[str, Path]) -> None:
    assert list(pdfs) == ["standard", "large", "easy"]
    for key, path in pdfs.items():
        assert path.parent.name == "pdf" and path.parent.parent.name == "site"
        assert path.name == SPEC[key].filename
        assert path.read_bytes().startswith(b"%PDF-")
    # Nothing left behind from the staging step.
    assert not any(path.parent.glob(".*"))


@pytest.mark.parametrize("key", ["standard", "large", "easy"])
def test_pdf_passes_every_accessibility_check(pdfs: dict[str, Path], key: str) -> None:
    report = read_report(pdfs[key])
    assert check(report, ruby=SPEC[key].ruby) == []
    assert report.marked and report.struct_tree
    assert report.lang == "ja"
    assert report.display_doc_title
    assert "骨子" in report.title or "けいかく" in report.title
    assert report.author and report.subject == SPEC[key].subject
    assert report.tags.get("H1") == 1 and report.tags.get("H2", 0) >= 9
    assert report.tags.get("P", 0) > 50 and report.tags.get("L", 0) > 5
    assert report.tags.get("Table", 0) >= 5 and report.tags.get("TH", 0) > 0
    # Every page is A4.
    for width, height in report.page_sizes:
        assert width == pytest.approx(A4[0], abs=1.5) and height == pytest.approx(A4[1], abs=1.5)


@pytest.mark.parametrize("key", ["standard", "large", "easy"])
def test_dates_come_from_source_date_epoch(pdfs: dict[str, Path], key: str) -> None:
    reader = PdfReader(pdfs[key])
    assert reader.metadata["/CreationDate"] == EPOCH_PDF_DATE
    assert reader.metadata["/ModDate"] == EPOCH_PDF_DATE
    xmp = reader.xmp_metadata
    moment = datetime.fromtimestamp(EPOCH, tz=UTC).replace(tzinfo=None)
    assert xmp.xmp_create_date == moment and xmp.xmp_modify_date == moment
    assert xmp.dc_title["x-default"] == reader.metadata["/Title"]
    assert xmp.dc_language == ["ja"]


@pytest.mark.parametrize("key", ["standard", "large", "easy"])
def test_figures_carry_the_alt_text_of_the_page(
    pdfs: dict[str, Path], build_root: Path, key: str
) -> None:
    page = soup(singlehtml(build_root, SPEC[key].edition))
    alts = [img["alt"] for img in page.select("article figure img")]
    assert alts, "the plan has figures"
    assert read_report(pdfs[key]).figures == alts


@pytest.mark.parametrize("key", ["standard", "large", "easy"])
def test_bookmarks_mirror_the_headings(pdfs: dict[str, Path], build_root: Path, key: str) -> None:
    page = soup(singlehtml(build_root, SPEC[key].edition))
    # Bookmarks carry the base text of ruby, not the readings.
    for extra in page.select("a.headerlink, rt, rp"):
        extra.decompose()
    headings = [squash(h.get_text()) for h in page.select("article h1, article h2, article h3, "
                                                          "article h4, article h5, article h6")]
    # The contents list adds its own heading right after the cover's title.
    expected = [headings[0], SPEC[key].contents_title, *headings[1:]]
    outline = read_report(pdfs[key]).outline
    assert [squash(title) for _, title in outline] == expected
    assert outline[0][0] == 1 and {depth for depth, _ in outline} >= {1, 2, 3}


@pytest.mark.parametrize("key", ["standard", "large", "easy"])
def test_fonts_are_embedded_with_unicode_maps(pdfs: dict[str, Path], key: str) -> None:
    fonts = read_report(pdfs[key]).fonts
    assert fonts and all(f.embedded and f.to_unicode for f in fonts)
    names = " ".join(f.name for f in fonts)
    expected = {"standard": ("BIZUDMincho", "BIZUDGothic"), "large": ("BIZUDPGothic",),
                "easy": ("BIZUDPGothic",)}[key]
    for family in expected:
        assert family in names
    # No fallback font slipped in (a generic monospace, a glyph missing from BIZ UD).
    assert all("BIZUD" in f.name for f in fonts), names


def test_standard_pdf_text_gives_the_plans_sentences_in_order(
    plumbed: dict[str, pdfplumber.PDF], build_root: Path
) -> None:
    with opened(plumbed, "standard") as pdf:
        # Page numbers are marked as artifacts, so tag-aware readers skip them; so do we.
        text = squash("".join(
            page.filter(lambda obj: obj.get("tag") != "Artifact").extract_text() or ""
            for page in pdf.pages))
    page = soup(singlehtml(build_root, "ja"))
    for link in page.select("a.headerlink"):
        link.decompose()
    # Every paragraph outside tables (table cells wrap side by side, so their lines
    # interleave in any text extraction) must appear, in reading order.
    paragraphs = [squash(p.get_text()) for p in page.select("article p")
                  if not p.find_parent("table") and len(squash(p.get_text())) >= 8]
    assert len(paragraphs) > 40
    position = 0
    for paragraph in paragraphs:
        found = text.find(paragraph, position)
        assert found >= 0, f"not found (in order) in the PDF text: {paragraph}"
        position = found + len(paragraph)
    assert squash("地域共生社会") in text
    # The page about the website's own accessibility testing is not printed.
    assert "ウェブアクセシビリティ方針" not in text


@pytest.mark.parametrize("key", ["standard", "large"])
def test_contents_give_each_sections_page(
    pdfs: dict[str, Path], plumbed: dict[str, pdfplumber.PDF], key: str
) -> None:
    reader = PdfReader(pdfs[key])
    entries = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, str(item.title), reader.get_destination_page_number(item)))

    walk(reader.outline, 1)
    contents_at = next(page for _, title, page in entries if title == SPEC[key].contents_title)
    first_chapter = entries[2][2]  # after the title and the contents heading
    with opened(plumbed, key) as pdf:
        contents = squash("".join(pdf.pages[i].extract_text() for i in
                                  range(contents_at, first_chapter)))
    listed = [(title, page) for depth, title, page in entries[2:] if depth in (2, 3)]
    assert len(listed) > 20
    for title, page in listed:
        assert f"{squash(title)}{page + 1}" in contents, title


def test_standard_pdf_typography(pdfs: dict[str, Path], plumbed: dict[str, pdfplumber.PDF]
                                  ) -> None:
    with opened(plumbed, "standard") as pdf:
        assert len(pdf.pages) >= 10
        cover = pdf.pages[0]
        assert "旭川市・旭川市社会福祉協議会" in squash(cover.extract_text())
        assert "令和5年" in squash(cover.extract_text())
        contents = squash(pdf.pages[1].extract_text())
        first = next(number for number, page in enumerate(pdf.pages[2:], start=3)
                     if "はじめに（計画の趣旨）" in squash(page.extract_text()))
        # The contents list gives each chapter's page number (second rendering pass).
        assert contents.startswith("目次") and f"はじめに（計画の趣旨）{first}" in contents
        # Body text: outside tables (set smaller, 9.5pt) and figures.
        chars = []
        roles = content_roles(pdfs["standard"])
        for page in pdf.pages[2:]:
            skip = mcids_inside(roles, page, {"Table", "Figure"})
            chars += [c for c in page.chars if c.get("mcid") not in skip]
    body = [c for c in chars if "Mincho" in c["fontname"]]
    assert 10.45 <= statistics.median(c["size"] for c in body) <= 11.05
    headings = [c for c in chars if "Gothic" in c["fontname"] and c["size"] >= 12]
    assert headings, "headings are set in BIZ UDゴシック"
    # Page numbers at the foot of every page after the contents, marked as artifacts.
    with opened(plumbed, "standard") as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            artifacts = [c for c in page.chars if c.get("tag") == "Artifact"]
            if number <= 2:
                assert artifacts == []  # cover and contents carry no number
                continue
            assert "".join(c["text"] for c in artifacts) == str(number)
            assert all(c["top"] > page.height - 60 for c in artifacts)


def test_large_print_glyph_sizes(pdfs: dict[str, Path], plumbed: dict[str, pdfplumber.PDF]
                                  ) -> None:
    sizes: list[float] = []
    figure_glyphs = 0
    roles = content_roles(pdfs["large"])
    with opened(plumbed, "large") as pdf:
        for page in pdf.pages:
            figure = mcids_inside(roles, page, {"Figure"})
            for char in page.chars:
                if not char["text"].strip():
                    continue
                # The drawings' labels are figure content, identified by their Figure tag;
                # what they show is also in the body text next to them.
                if char.get("mcid") in figure and char.get("tag") == "Figure":
                    figure_glyphs += 1
                    continue
                sizes.append(round(char["size"], 2))
    assert figure_glyphs > 0
    assert statistics.median(sizes) >= 22
    small = [s for s in sizes if s < 18]
    assert small == [], f"{len(small)} body glyphs under 18pt: {sorted(set(small))}"


def test_large_print_line_height_and_left_alignment(plumbed: dict[str, pdfplumber.PDF]
                                                    ) -> None:
    with opened(plumbed, "large") as pdf:
        page = pdf.pages[5]  # running text of はじめに
        lines = sorted({round(c["top"], 1) for c in page.chars if round(c["size"]) == 22})
        starts = {round(min(c["x0"] for c in page.chars if round(c["top"], 1) == top), 0)
                  for top in lines}
    gaps = [b - a for a, b in itertools.pairwise(lines)]
    assert len(lines) > 8
    assert min(gaps) >= 1.7 * 22 - 0.5  # line-height ≥ 1.7
    assert len(starts) <= 3  # one column: every line starts at the same left edge (or indents)


def test_large_print_tables_reflow_one_record_per_block(
    pdfs: dict[str, Path], plumbed: dict[str, pdfplumber.PDF]
) -> None:
    reader = PdfReader(pdfs["large"])
    widths: list[int] = []
    scopes: set[str] = set()

    def walk(node) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if node.get("/S") == "/TH":
                attributes = node.get("/A")
                attributes = attributes if isinstance(attributes, list) else [attributes]
                scopes.update(str(a.get_object().get("/Scope")) for a in attributes if a)
            if node.get("/S") == "/TR":
                kids = node["/K"] if isinstance(node["/K"], list) else [node["/K"]]
                widths.append(sum(1 for k in kids if k.get_object().get("/S") in ("/TH", "/TD")))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    assert widths and max(widths) <= 2
    assert "/Row" in scopes  # each record pairs a row header (the column's name) with its value
    with opened(plumbed, "large") as pdf:
        text = squash("".join(page.extract_text() or "" for page in pdf.pages))
    for sentence in KADAI.values():
        assert squash(sentence)[:12] in text


def test_easy_pdf_draws_ruby_above_the_base_text(
    pdfs: dict[str, Path], plumbed: dict[str, pdfplumber.PDF]
) -> None:
    pairs = 0
    base_sizes: list[float] = []
    roles = content_roles(pdfs["easy"])
    with opened(plumbed, "easy") as pdf:
        for page in pdf.pages:
            readings = mcids_inside(roles, page, {"RT"})
            rubies = mcids_inside(roles, page, {"Ruby"})
            bases = rubies - readings
            rt = [c for c in page.chars if c.get("mcid") in readings]
            rb = [c for c in page.chars if c.get("mcid") in bases]
            figure = mcids_inside(roles, page, {"Figure"})
            base_sizes += [c["size"] for c in page.chars if c.get("mcid") is not None
                           and c["mcid"] not in readings | figure]
            for reading in rt:
                over = [b for b in rb if b["x0"] - 8 <= reading["x0"] <= b["x1"] + 8
                        and 0 <= b["top"] - reading["top"] <= 2 * b["size"]]
                assert over, f"reading {reading['text']!r} has no base text right below it"
                assert reading["bottom"] <= min(b["top"] for b in over) + 1
                assert reading["size"] < min(b["size"] for b in over)
                pairs += 1
    assert pairs > 20
    assert round(min(base_sizes), 2) >= 12


def test_pages_link_the_pdfs_with_type_and_size(
    site_with_pdfs: Path, pdfs: dict[str, Path], build_root: Path
) -> None:
    listed = downloads(build_root, formats=("pdf",))
    assert [d.key for d in listed] == list(pdfs)
    pages = sorted(site_with_pdfs.glob("*.html"))
    assert len(pages) >= 9
    for page in pages:
        links = soup(page).select('.sidebar-downloads a[type="application/pdf"]')
        assert [link["href"] for link in links] == [f"../{d.path}" for d in listed], page
        for link, download in zip(links, listed, strict=True):
            target = (page.parent / link["href"]).resolve()
            assert target.is_file()
            assert link["type"] == "application/pdf"
            size = format_size(target.stat().st_size)
            assert link.get_text() == f"{download.label}（PDF {size}）"
            assert size.endswith(("KB", "MB"))
    landing = (build_root / "site" / "index.html").read_text(encoding="utf-8")
    for download in listed:
        assert f'href="{download.path}"' in landing
        assert download.link_text in landing


def test_failed_build_keeps_the_last_good_pdfs(
    pdfs: dict[str, Path], build_root: Path, tmp_path: Path
) -> None:
    before = {path: path.read_bytes() for path in pdfs.values()}
    broken = tmp_path / "docs"
    broken.mkdir()
    (broken / "index.md").write_text("# 表題\n\n```{figure} missing.svg\n:alt: なし\n```\n",
                                     encoding="utf-8")
    with pytest.raises(BuildError):
        build_pdfs(build_root=build_root, source=broken, specs=[SPEC["standard"]])
    assert {path: path.read_bytes() for path in pdfs.values()} == before


def run_tool(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, check=False)


@pytest.mark.parametrize("command", [("tools.publish.pdf",), ("tools.publish.build",)])
def test_missing_chromium_exits_2_with_a_message(command: tuple[str, ...]) -> None:
    result = run_tool(*command, env={"CHROMIUM": "/nonexistent"})
    assert result.returncode == 2, result.stderr
    assert "chromium was not found" in result.stderr
    assert "tools.publish.sysdeps browser" in result.stderr


def test_missing_fonts_exit_2_with_a_message(tmp_path: Path) -> None:
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><fontconfig><dir>/nonexistent</dir></fontconfig>',
                     encoding="utf-8")
    result = run_tool("tools.publish.pdf", env={"FONTCONFIG_FILE": str(empty)})
    assert result.returncode == 2, result.stderr
    assert "BIZ UD fonts are not installed" in result.stderr
    assert "fonts-morisawa-bizud-mincho" in result.stderr


def test_verify_cli_reports_and_fails_on_an_untagged_pdf(
    pdfs: dict[str, Path], tmp_path: Path
) -> None:
    good = run_tool("tools.publish.pdf", "--verify", str(pdfs["standard"]))
    assert good.returncode == 0, good.stdout
    assert "TH " in good.stdout and "Found 0 problem(s)" in good.stdout
    plain = tmp_path / "plain.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.write(plain)
    bad = run_tool("tools.publish.pdf", "--verify", str(plain))
    assert bad.returncode == 1
    for code in ("PDF001", "PDF002", "PDF003", "PDF015"):
        assert f"{plain}: {code} " in bad.stdout
    as_json = run_tool("tools.publish.pdf", "--verify", "--format", "json", str(plain))
    findings = json.loads(as_json.stdout)["findings"]
    assert as_json.returncode == 1 and {"PDF001", "PDF002"} <= {f["code"] for f in findings}
    missing = run_tool("tools.publish.pdf", "--verify", str(tmp_path / "none.pdf"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr


@pytest.mark.parametrize("key", ["standard", "large", "easy"])
def test_pdfua_checker_finds_nothing_and_links_are_described(
    pdfs: dict[str, Path], key: str
) -> None:
    """The independent PDF/UA-1 checker (PyPI pdfua), as the build runs it: 0 errors,
    0 warnings."""
    report = pdfua_check.validate(str(pdfs[key]))
    assert [f"{f.rule_id} {f.message}" for f in report.findings] == []
    reader = PdfReader(pdfs[key])
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots") or ()
             if a.get_object().get("/Subtype") == "/Link"]
    assert len(links) >= 20
    contents = [str(link["/Contents"]) for link in links]
    assert all(text.strip() for text in contents)
    # Link text, not bare targets: the contents entries name their chapters.
    assert sum(not text.startswith(("pdf-heading-", "http")) for text in contents) >= 20
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp


def test_pdfua_runs_on_the_same_structure_as_upstream(pdfs: dict[str, Path]) -> None:
    """The build's linear walk of the structure tree gives pdfua's own elements, in order."""
    import pdfua

    def elements(document_type: type) -> list[tuple]:
        with document_type.open(str(pdfs["standard"])) as doc:
            return [(e.role, e.page, e.alt, e.actual_text, e.has_scope, e.has_headers,
                     e.obj.objgen, len(e.children)) for e in doc.struct_elements]

    upstream = elements(pdfua.PdfDocument)
    assert len(upstream) > 1000 and elements(pdfua_check.LinearDocument) == upstream


@pytest.mark.parametrize("key", ["standard", "large", "easy"])
def test_creator_and_producer_name_the_tools_not_a_user_agent(
    pdfs: dict[str, Path], key: str
) -> None:
    info = PdfReader(pdfs[key]).metadata
    assert info["/Creator"].startswith("Sphinx ") and "Mozilla" not in info["/Creator"]
    assert info["/Producer"].startswith("Chromium ") and "pypdf" in info["/Producer"]


def test_two_clean_builds_give_byte_identical_pdfs(
    pdfs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Reproducible: a second build from the same sources into a fresh build root writes the
    same bytes (no random IDs, no clock, no user agent)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    try:
        again = build_pdfs(build_root=tmp_path_factory.mktemp("rebuild"))
    finally:
        mp.undo()
    differing = [path.name for path in again
                 if path.read_bytes() != pdfs[SPEC_BY_FILE[path.name]].read_bytes()]
    assert len(again) == len(pdfs) and differing == []


SPEC_BY_FILE = {spec.filename: spec.key for spec in PDFS}


@pytest.mark.parametrize("key", ["standard", "large", "easy"])
def test_table_header_ids_are_numbered_in_order_and_referenced(
    pdfs: dict[str, Path], key: str
) -> None:
    """Chromium's run-dependent node ids are renumbered; every /Headers names a header."""
    reader = PdfReader(pdfs[key])
    ids, headers = [], []

    def walk(node) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict) and "/S" in node:
            if "/ID" in node:
                ids.append(str(node["/ID"]))
            attributes = node.get("/A")
            attributes = attributes.get_object() if attributes is not None else []
            for item in attributes if isinstance(attributes, list) else [attributes]:
                headers.extend(str(h) for h in item.get_object().get("/Headers", ()))
            walk(node.get("/K", []))

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    assert ids and sorted(ids) == [f"id{n:06d}" for n in range(1, len(ids) + 1)]
    assert headers and set(headers) <= set(ids)


def test_the_renderer_runs_beside_a_sync_playwright() -> None:
    """A caller already driving a browser with playwright's sync API (a test module's
    ``browser``, the benchmark) has an event loop running: the renderer's loop runs in a
    thread of its own instead of failing."""
    from playwright.sync_api import sync_playwright

    from tools.publish.pdf.render import run_coroutine

    async def answer() -> int:
        return 42

    assert run_coroutine(answer()) == 42
    with sync_playwright():
        assert run_coroutine(answer()) == 42
