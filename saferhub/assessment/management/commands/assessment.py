"""``saferhub assessment build``: write a partnership's strategic assessment document from the data held.

``saferhub assessment build --partnership SLUG --from YYYY-MM --to YYYY-MM --pdf PATH [--html PATH]
[--year YYYY]`` analyses the partnership's police.uk records over the months given, takes the year's
scoring matrix and priorities (``--year``: the financial year it sets priorities for; by default the
first April after ``--to``), and writes the PDF (and the HTML it is drawn from). It stores nothing:
versions and approval are kept through the pages. A bad option exits with status 2 saying what to fix.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from saferhub.assessment import document
from saferhub.assessment.document_services import check_period
from saferhub.partnerships.models import Partnership


def first_april_after(month: str) -> int:
    """The financial year that starts on the first 1 April after ``month`` (YYYY-MM)."""
    year, number = int(month[:4]), int(month[5:7])
    return year if number < 4 else year + 1


class Command(BaseCommand):
    help = "Strategic assessment documents. build: write one partnership's document as PDF (and HTML)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        build = commands.add_parser("build", help="write a partnership's strategic assessment as PDF")
        build.add_argument("--partnership", required=True, metavar="SLUG")
        build.add_argument("--from", dest="first", required=True, metavar="YYYY-MM")
        build.add_argument("--to", dest="last", required=True, metavar="YYYY-MM")
        build.add_argument("--pdf", required=True, metavar="PATH", help="where to write the PDF")
        build.add_argument("--html", metavar="PATH", help="also write the HTML the PDF is drawn from")
        build.add_argument("--year", type=int, metavar="YYYY", help="the financial year it sets priorities for")

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = Partnership.objects.filter(slug=options["partnership"], archived_at__isnull=True).first()
        if partnership is None:
            known = ", ".join(Partnership.objects.filter(archived_at__isnull=True).values_list("slug", flat=True))
            raise CommandError(
                f"--partnership: no partnership {options['partnership']!r} (known: {known})", returncode=2
            )
        first, last = options["first"], options["last"]
        try:
            check_period(first, last)
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            option = "--from" if field == "first_month" else "--to"
            raise CommandError(f"{option}: {messages[0]}", returncode=2) from None
        year = options["year"] or first_april_after(last)
        sys.stderr.write(f"assessment build: analysing {partnership.name}, {first} to {last}\n")
        snap = document.snapshot(partnership=partnership, year=year, first=first, last=last)
        if options["html"]:
            Path(options["html"]).write_text(document.render_html(snap), encoding="utf-8")
        sys.stderr.write("assessment build: drawing the PDF\n")
        Path(options["pdf"]).write_bytes(document.render_pdf(snap))
        self.stdout.write(str(Path(options["pdf"]).resolve()))
