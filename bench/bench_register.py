"""How the register's duplicate check and search, and recording an incident, hold up as a partnership grows.

Run:  .venv/bin/python bench/bench_register.py [--people 50000]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferhub_bench .venv/bin/python bench/bench_register.py

It builds a throwaway database with the test cast, then N people in one partnership (bulk
inserted, half recorded by the council and half by the police), and times, for a manager (who
sees everyone) and an officer (who sees their own agency's): the duplicate check run while
recording a person, a name search, and recording an incident about a victim with repeat reports
(which evaluates the repeat-victim rules). It prints its figures; it never fails on a time.
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

GIVEN = ["Alex", "Sam", "Jo", "Robin", "Charlie", "Jamie", "Taylor", "Morgan", "Casey", "Riley", "Jordan", "Avery"]
FAMILY = ["Example", "Sample", "Placeholder", "Testington", "Demo", "Specimen", "Mockington", "Fictional", "Madeup"]


def timed(label: str, call: Callable[[], object], repeat: int = 20) -> None:
    call()  # warm the caches, as a second use in a real session would
    started = time.perf_counter()
    for _ in range(repeat):
        call()
    each = (time.perf_counter() - started) * 1000 / repeat
    print(f"{label}: {each:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50000)
    args = parser.parse_args()

    with throwaway_database() as connection:
        from saferhub.incidents.services import incident_record
        from saferhub.register.models import Person
        from saferhub.register.normalise import name_key
        from saferhub.register.selectors import possible_duplicate_people, search_register
        from saferhub.testing.world import build_world

        world = build_world()
        home = world.home
        chance = random.Random(2026)  # noqa: S311 - fictional data, not secrets
        started = time.perf_counter()
        batch = []
        for number in range(args.people):
            given, family = chance.choice(GIVEN), f"{chance.choice(FAMILY)}{number % 997}"
            batch.append(
                Person(
                    partnership=home.partnership,
                    recorded_by_organisation=home.council if number % 2 else world.police,
                    kind="person",
                    given_name=given,
                    family_name=family,
                    date_of_birth=datetime.date(1940, 1, 1) + datetime.timedelta(days=chance.randrange(25000)),
                    search_name=name_key(f"{given} {family}"),
                )
            )
        Person.objects.bulk_create(batch, batch_size=2000)
        print(f"database: {connection.vendor}")
        print(f"people in the partnership: {args.people} (loaded in {time.perf_counter() - started:.1f} s)")

        sample = batch[args.people // 2]
        for who in ("manager", "council_officer"):
            user = getattr(world, who)
            timed(
                f"duplicate check while recording a person, as {who}",
                lambda user=user: possible_duplicate_people(
                    user,
                    partnership=home.partnership,
                    given_name=sample.given_name,
                    family_name=sample.family_name,
                    date_of_birth=sample.date_of_birth,
                ),
            )
            timed(
                f"register search by name, as {who}",
                lambda user=user: search_register(user, text=sample.family_name),
            )

        victim = Person.objects.filter(recorded_by_organisation=home.council).first()
        today = datetime.date.today()
        for days_ago in range(60, 0, -5):
            day = today - datetime.timedelta(days=days_ago)
            incident_record(
                partnership=home.partnership,
                by=world.council_officer,
                organisation=home.council,
                behaviour_from=day,
                reported_on=day,
                channel="phone",
                category="asb_nuisance",
                description="Noise",
                involvements=[(victim, "victim")],
            )
        timed(
            "record an incident about a victim with 12 earlier reports (rules evaluated)",
            lambda: incident_record(
                partnership=home.partnership,
                by=world.council_officer,
                organisation=home.council,
                behaviour_from=today,
                reported_on=today,
                channel="phone",
                category="asb_nuisance",
                description="Noise",
                involvements=[(victim, "victim")],
            ),
            repeat=10,
        )


if __name__ == "__main__":
    main()
