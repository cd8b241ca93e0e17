"""Finish a chromium PDF with pypdf: language, title display, document info, fixed dates.

The writer is cloned from the reader (``PdfWriter(clone_from=...)``) because
``PdfWriter().append(...)`` drops the structure tree that makes the PDF tagged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str
    lang: str = "ja"


def pdf_date(moment: datetime) -> str:
    """A PDF date string (``D:YYYYMMDDHHmmSS+00'00'``) in UTC."""
    return moment.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")


def build_time() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except ValueError as exc:
            raise ValueError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}"
            ) from exc
    return datetime.now(tz=timezone.utc)


def finish(source: Path, target: Path, info: DocumentInfo) -> None:
    """Write *source* to *target* with /Lang, DisplayDocTitle, metadata and dates set."""
    writer = PdfWriter(clone_from=PdfReader(source))
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject(info.lang)
    prefs = root.get("/ViewerPreferences")
    prefs = prefs.get_object() if prefs is not None else DictionaryObject()
    prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    root[NameObject("/ViewerPreferences")] = prefs
    # Open with the bookmarks panel, which mirrors the headings.
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    date = pdf_date(build_time())
    writer.add_metadata(
        {
            "/Title": info.title,
            "/Author": info.author,
            "/Subject": info.subject,
            "/CreationDate": date,
            "/ModDate": date,
        }
    )
    with target.open("wb") as stream:
        writer.write(stream)
