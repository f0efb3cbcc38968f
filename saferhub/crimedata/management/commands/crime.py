"""``saferhub crime``: police.uk crime data.

``saferhub crime import PATH...``: import street, outcomes and stop-and-search CSVs given as files,
folders (walked recursively) or police.uk .zip archives. Prints one JSON document on stdout, a list
with one object per imported file: ``{"file", "kind", "force", "month", "accepted", "rejected",
"duplicate_crime_ids", "replaced", "report"}``; ``report`` is the path of the rejected-rows CSV, or
null when every row was accepted. Progress goes to stderr. A path that does not exist or a file
not named in the police.uk layout is reported on stderr by name, the rest are imported, and the
command exits with status 1.

``saferhub crime summary (--partnership SLUG | --local-authority CODE | --force NAME | --area SLUG)
--from YYYY-MM --to YYYY-MM --format json``: street crimes of that scope, ``{"months", "counts":
{"<crime type>": [...]}, "total": [...]}``. ``--force`` counts by the "Reported by" column; the
others by the local authority of each record's LSOA (see ``crimedata.scope``). ``--every-partnership``
prints ``{"<partnership slug>": {summary}, ...}`` for every partnership from one scan of the store. An
unknown scope or a bad --from or --to exits with status 2 saying what to fix.

``saferhub crime reference FOLDER...``: load the LSOA reference data (IMD 2019, populations,
lookups, centroids, boundaries) found under the folders. Prints a JSON summary: the files read with
rows accepted and rejected, the files passed over, LSOA codes by attach method and the
rejected-rows report; progress goes to stderr. A missing folder or file exits with status 1.
"""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from saferhub.crimedata import store
from saferhub.crimedata.importer import ImportFileError, discover
from saferhub.crimedata.reference import ReferenceDataError, load_reference
from saferhub.crimedata.scope import ScopeError, partnership_scope, scope_for
from saferhub.crimedata.selectors import street_summaries, street_summary
from saferhub.crimedata.services import crime_files_import
from saferhub.lib.periods import MONTH
from saferhub.partnerships.models import Partnership

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Police.uk crime data. import PATH...: import files, folders or zips. summary: monthly counts by type. "
        "reference FOLDER...: load the LSOA reference data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        importing = commands.add_parser("import", help="import police.uk CSVs (files, folders or .zip archives)")
        importing.add_argument("paths", nargs="+", metavar="PATH")
        summary = commands.add_parser("summary", help="monthly street-crime counts by crime type")
        scope = summary.add_mutually_exclusive_group(required=True)
        scope.add_argument("--partnership", metavar="SLUG", help="a partnership's short name, e.g. braintree")
        scope.add_argument("--local-authority", metavar="CODE", help="an ONS code, e.g. E07000067")
        scope.add_argument("--force", metavar="NAME", help='the "Reported by" force, e.g. "Essex Police"')
        scope.add_argument("--area", metavar="SLUG", help="an area's short name, e.g. essex")
        scope.add_argument(
            "--every-partnership",
            action="store_true",
            help="every partnership at once, in one scan: {slug: summary}",
        )
        summary.add_argument("--from", dest="first", required=True, metavar="YYYY-MM")
        summary.add_argument("--to", dest="last", required=True, metavar="YYYY-MM")
        summary.add_argument("--format", choices=["json"], default="json")
        reference = commands.add_parser("reference", help="load the LSOA reference data found under folders")
        reference.add_argument("folders", nargs="+", metavar="FOLDER")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["paths"])
        elif options["action"] == "reference":
            self._reference(options["folders"])
        else:
            self._summary(options)

    def _import(self, paths: list[str]) -> None:
        sources, errors = discover(paths)
        results = []
        self._progress(0, len(sources), "")
        # Files are read side by side (see crime_files_import); each is recorded in turn, in order.
        for number, (source, record) in enumerate(crime_files_import(sources=sources, by=None), start=1):
            self._progress(number, len(sources), source.name)
            if isinstance(record, ImportFileError):
                errors.append(str(record))
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
        if options.get("every_partnership"):
            scopes = [partnership_scope(p) for p in Partnership.objects.filter(archived_at__isnull=True)]
            every = street_summaries(scopes, first=options["first"], last=options["last"])
            self.stdout.write(json.dumps(every, indent=2))
            return
        kind = next(k for k in ("partnership", "local_authority", "force", "area") if options.get(k) is not None)
        try:
            scope = scope_for(kind, options[kind])
        except ScopeError as error:
            raise CommandError(f"--{kind.replace('_', '-')}: {error}", returncode=2) from None
        result = street_summary(scope, first=options["first"], last=options["last"])
        self.stdout.write(json.dumps(result, indent=2))
        if scope.force and not any(result["total"]):
            self._name_forces(scope.force)

    def _name_forces(self, force: str) -> None:
        """A force name with no records at all is more likely misspelt than quiet: name the forces there are."""
        with store.connect() as con:
            forces = [f for (f,) in con.execute("SELECT DISTINCT reported_by FROM street ORDER BY 1").fetchall()]
        if forces and force not in forces:
            self.stderr.write(
                f"crime summary: no street records are reported by {force!r}; forces: {', '.join(forces)}"
            )

    def _reference(self, folders: list[str]) -> None:
        started = time.monotonic()
        try:
            record = load_reference(*folders, progress=lambda message: self.stderr.write(f"crime reference: {message}"))
        except ReferenceDataError as error:
            raise CommandError(f"crime reference: {error}", returncode=1) from None
        summary = {
            "files": record.files,
            "skipped": record.skipped,
            "codes": record.codes,
            "attached": record.attached,
            "report": record.report_path or None,
            "seconds": round(time.monotonic() - started, 2),
        }
        self.stdout.write(json.dumps(summary, indent=2))
