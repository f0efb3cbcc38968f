"""``saferhub crime``: police.uk crime data.

``saferhub crime import PATH...``: import street, outcomes and stop-and-search CSVs given as files,
folders (walked recursively) or police.uk .zip archives. Prints one JSON document on stdout, a list
with one object per imported file: ``{"file", "kind", "force", "month", "accepted", "rejected",
"duplicate_crime_ids", "replaced", "report"}``; ``report`` is the path of the rejected-rows CSV, or
null when every row was accepted. Progress goes to stderr. A path that does not exist or a file
not named in the police.uk layout is reported on stderr by name, the rest are imported, and the
command exits with status 1.

``saferhub crime summary --force "Essex Police" --from YYYY-MM --to YYYY-MM --format json``:
street crimes whose "Reported by" is that force, ``{"months", "counts": {"<crime type>": [...]},
"total": [...]}``. A bad --from or --to exits with status 2 naming the option.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from saferhub.crimedata.importer import MONTH, ImportFileError, discover
from saferhub.crimedata.selectors import street_summary_by_force
from saferhub.crimedata.services import crime_file_import

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Police.uk crime data. import PATH...: import files, folders or zips. summary: monthly counts by type."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        importing = commands.add_parser("import", help="import police.uk CSVs (files, folders or .zip archives)")
        importing.add_argument("paths", nargs="+", metavar="PATH")
        summary = commands.add_parser("summary", help="monthly street-crime counts by crime type")
        summary.add_argument("--force", required=True, help='the "Reported by" force, e.g. "Essex Police"')
        summary.add_argument("--from", dest="first", required=True, metavar="YYYY-MM")
        summary.add_argument("--to", dest="last", required=True, metavar="YYYY-MM")
        summary.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["paths"])
        else:
            self._summary(options)

    def _import(self, paths: list[str]) -> None:
        sources, errors = discover(paths)
        results = []
        for number, source in enumerate(sources, start=1):
            self._progress(number - 1, len(sources), source.name)
            try:
                record = crime_file_import(source=source, by=None)
            except ImportFileError as error:
                errors.append(str(error))
                continue
            results.append(
                {
                    "file": source.name,
                    "kind": record.kind,
                    "force": record.force,
                    "month": record.month,
                    "accepted": record.rows_accepted,
                    "rejected": record.rows_rejected,
                    "duplicate_crime_ids": record.duplicate_crime_ids,
                    "replaced": record.replaced,
                    "report": record.report_path or None,
                }
            )
        self._progress(len(sources), len(sources), "done")
        self.stdout.write(json.dumps(results, indent=2))
        for error in errors:
            self.stderr.write(f"crime import: error: {error}")
        if errors:
            raise CommandError(f"{len(errors)} path(s) or file(s) not imported (see above)", returncode=1)

    def _progress(self, done: int, total: int, label: str) -> None:
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        self.stderr.write(f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} {label}")

    def _summary(self, options: dict[str, Any]) -> None:
        for option, value in (("--from", options["first"]), ("--to", options["last"])):
            if not MONTH.match(value):
                raise CommandError(f"{option}: {value!r} is not a month as YYYY-MM", returncode=2)
        if options["first"] > options["last"]:
            raise CommandError(f"--from: {options['first']} is after --to {options['last']}", returncode=2)
        result = street_summary_by_force(reported_by=options["force"], first=options["first"], last=options["last"])
        self.stdout.write(json.dumps(result, indent=2))
