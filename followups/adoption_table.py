"""The half-yearly adoption-status table of a trip report's recommendations
(建議事項採行情形追蹤表), as rows, .docx and .xlsx."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from followup_dates import dates
from followups.models import AdoptionStatus, Recommendation
from meetings.models import Meeting
from tracker.spreadsheet import safe_cell

TAIPEI = "Asia/Taipei"  # the agencies report on Taiwan's calendar


@dataclass(frozen=True)
class Row:
    position: int
    title: str
    responsible: str
    status: str
    reason: str
    updated_on: date | None


def half_period(year: int, half: int) -> dates.DueDate:
    """The half-year (raises DateInputError for a half that is not 1 or 2)."""
    return dates.DueDate.half(year, half)


def adoption_rows(*, meeting: Meeting, year: int, half: int) -> list[Row]:
    """Each recommendation as it stood at the end of the half (the last update by then)."""
    period = half_period(year, half)
    end_at = dates.end_of_day(period.on, TAIPEI)
    rows = []
    for rec in (
        Recommendation.objects.filter(meeting=meeting)
        .select_related("item__responsible")
        .prefetch_related("updates")
        .order_by("position")
    ):
        updates = [u for u in rec.updates.all() if u.at <= end_at]
        last = updates[-1] if updates else None
        status = AdoptionStatus(last.status if last else AdoptionStatus.PENDING)
        rows.append(
            Row(
                position=rec.position,
                title=rec.item.title,
                responsible=str(rec.item.responsible) if rec.item.responsible_id else "",
                status=str(status.label),
                reason=last.reason if last else "",
                updated_on=last.at.astimezone(dates.validate_zone(TAIPEI)).date() if last else None,
            )
        )
    return rows


def half_label(year: int, half: int, *, style: str, language: str) -> str:
    """ "114年上半年" (ROC), "2025年上半年", "H1 2025"."""
    if language.startswith("zh"):
        shown = dates.gregorian_to_roc(year) if style == "roc" else year
        return f"{shown}年{'上' if half == 1 else '下'}半年"
    return f"H{half} {year}"


def _title(meeting: Meeting, period: dates.DueDate, style: str, language: str) -> str:
    half = 1 if period.on.month == 6 else 2
    half_text = half_label(period.on.year, half, style=style, language=language)
    return _("Adoption of the recommendations of %(report)s — %(half)s") % {
        "report": meeting.report_title or str(meeting),
        "half": half_text,
    }


def _headers() -> list[str]:
    return [
        _("No."),
        _("Recommendation"),
        _("Responsible organization"),
        _("Adoption status"),
        _("Reason or progress"),
        _("Updated"),
    ]


def _cells(row: Row, style: str, language: str) -> list[str]:
    updated = dates.format_date(row.updated_on, style=style, language=language) if row.updated_on else "—"
    return [str(row.position), row.title, row.responsible, row.status, row.reason, updated]


def adoption_docx(*, meeting: Meeting, year: int, half: int, style: str, language: str) -> bytes:
    from docx import Document

    with translation.override(language):
        period = half_period(year, half)
        rows = adoption_rows(meeting=meeting, year=year, half=half)
        document = Document()
        document.add_heading(_title(meeting, period, style, language), level=1)
        table = document.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, _headers(), strict=True):
            cell.text = text
        for row in rows:
            for cell, text in zip(table.add_row().cells, _cells(row, style, language), strict=True):
                cell.text = text
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


def adoption_xlsx(*, meeting: Meeting, year: int, half: int, style: str, language: str) -> bytes:
    from openpyxl import Workbook

    with translation.override(language):
        period = half_period(year, half)
        rows = adoption_rows(meeting=meeting, year=year, half=half)
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = f"{year}-H{half}"
        sheet.append([safe_cell(_title(meeting, period, style, language))])
        sheet.append(_headers())
        for row in rows:
            # Titles come from a report: no cell may run as a formula.
            sheet.append([safe_cell(value) for value in _cells(row, style, language)])
        for column, width in zip("ABCDEF", (6, 60, 24, 14, 40, 16), strict=True):
            sheet.column_dimensions[column].width = width
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()
