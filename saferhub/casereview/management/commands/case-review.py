"""``saferhub case-review check FILE.json``: evaluate an application against the threshold without saving it.

Input: ``{"application_date": "YYYY-MM-DD", "area": "<area slug, optional>", "complaints":
[{"behaviour_date": "YYYY-MM-DD", "reported_date": "YYYY-MM-DD", "agency": "<name>"}]}``.
Output (stdout, JSON): ``{"threshold_met", "automatic", "qualifying_complaints", "required",
"complaints": [{"index", "qualifies", "reason"}]}``, complaints numbered from 1 in the order given.
Bad input exits with status 2 and a message naming the complaint and the field.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from saferhub.casereview.threshold import ThresholdInputError, evaluate, parse
from saferhub.incidents.models import RepeatVictimRules
from saferhub.incidents.rules import rules_for
from saferhub.partnerships.models import Area


class Command(BaseCommand):
    help = "ASB Case Review tools. check FILE.json: evaluate an application against the threshold, saving nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        check = commands.add_parser("check", help="evaluate an application (JSON file, or - for stdin)")
        check.add_argument("file", help="the application as JSON (see the command's help)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}", returncode=2) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not valid JSON: {error.msg} at line {error.lineno}", returncode=2) from None
        try:
            application_date, area_slug, complaints = parse(data)
        except ThresholdInputError as error:
            raise CommandError(str(error), returncode=2) from None
        rules = RepeatVictimRules()
        if area_slug is not None:
            area = Area.objects.filter(slug=area_slug).first()
            if area is None:
                raise CommandError(f"area: no area has the slug {area_slug!r}", returncode=2)
            rules = rules_for(area)
        result = evaluate(application_date, complaints, rules)
        self.stdout.write(json.dumps(result, indent=2))
