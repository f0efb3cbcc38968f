"""How the ASB Case Review's threshold engine and published figures hold up at a county's scale and more.

Run:  .venv/bin/python bench/bench_case_review.py [--applications 20000]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferhub_bench .venv/bin/python bench/bench_case_review.py

It times the threshold engine on one application of 50 complaints (the command line's and the
staff page's work), then builds a throwaway database with the test cast and N applications spread
over the two home partnerships and five financial years (bulk inserted, with complaints, findings and
recommendations), and times the published figures of one partnership for one year, and the county
comparison (every partnership of the area). It prints its figures; it never fails on a time.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throwaway import throwaway_database  # noqa: E402


def timed(label: str, call: Callable[[], object], repeat: int = 20) -> None:
    call()
    started = time.perf_counter()
    for _ in range(repeat):
        call()
    each = (time.perf_counter() - started) * 1000 / repeat
    print(f"{label}: {each:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=20000)
    args = parser.parse_args()

    with throwaway_database():
        from saferhub.casereview.figures import figures
        from saferhub.casereview.models import AgencyResponse, Application, Recommendation, Status
        from saferhub.casereview.threshold import ComplaintInput, evaluate
        from saferhub.incidents.models import RepeatVictimRules
        from saferhub.testing.world import build_world

        chance = random.Random(2026)  # noqa: S311 - fictional data, not secrets
        start = datetime.date(2026, 1, 1)
        complaints = []
        for _ in range(50):
            behaviour = start + datetime.timedelta(days=chance.randrange(150))
            complaints.append(ComplaintInput(behaviour, behaviour + datetime.timedelta(days=chance.randrange(45)), "X"))
        timed(
            "threshold engine, 50 complaints",
            lambda: evaluate(datetime.date(2026, 7, 1), complaints, RepeatVictimRules()),
        )

        world = build_world()
        partnerships = [world.home.partnership, world.other.partnership]
        statuses = [Status.ACKNOWLEDGED, Status.DUPLICATE, Status.NOT_MET, Status.MET, Status.REVIEWED, Status.CLOSED]
        started = time.perf_counter()
        batch = []
        for number in range(args.applications):
            status = chance.choice(statuses)
            received = datetime.date(2021, 4, 1) + datetime.timedelta(days=chance.randrange(5 * 365))
            reviewed = status in (Status.REVIEWED, Status.CLOSED)
            batch.append(
                Application(
                    partnership=partnerships[number % 2],
                    reference=f"CR-BENCH-{number:06d}",
                    received_on=received,
                    channel="online",
                    applicant_role="victim",
                    applicant_name="Bench Applicant",
                    contact_method="phone",
                    victim_kind="person",
                    victim_name=f"Bench Victim {number}",
                    problem_place="Bench Road",
                    problem="Noise",
                    status=status,
                    threshold_met=None
                    if status in (Status.ACKNOWLEDGED, Status.DUPLICATE)
                    else status != Status.NOT_MET,
                    review_held_on=received + datetime.timedelta(days=30) if reviewed else None,
                )
            )
        Application.objects.bulk_create(batch, batch_size=2000)
        reviewed_ids = list(Application.objects.filter(review_held_on__isnull=False).values_list("pk", flat=True))
        AgencyResponse.objects.bulk_create(
            [
                AgencyResponse(
                    application_id=pk, organisation=world.police, adequate=chance.random() < 0.7, reasons="-"
                )
                for pk in reviewed_ids
            ],
            batch_size=2000,
        )
        Recommendation.objects.bulk_create(
            [
                Recommendation(application_id=pk, text="-", owner=world.police, due_on=datetime.date(2026, 12, 1))
                for pk in reviewed_ids
                if chance.random() < 0.5
            ],
            batch_size=2000,
        )
        took = time.perf_counter() - started
        print(f"built {args.applications} applications ({len(reviewed_ids)} reviewed) in {took:.1f} s")
        home = [world.home.partnership.pk]
        both = [p.pk for p in partnerships]
        timed("published figures, one partnership, one year", lambda: figures(home, 2024))
        timed("county comparison, every partnership, one year", lambda: figures(both, 2024))


if __name__ == "__main__":
    main()
