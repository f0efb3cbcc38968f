"""Demo partner data: the fire service's deliberate fires in Braintree, 2023 and 2024, made up for the demo.

The figures are invented from a fixed seed (more grass and refuse fires in spring and summer, as fire
services report), and the dataset's description says so. Each row carries Braintree's local authority
code and, when the LSOA reference table is loaded, one of Braintree's real 2021 LSOA codes. The file
goes through the same upload and mapping services an analyst uses, so it has provenance and audit.
"""

from __future__ import annotations

import csv
import datetime
import io
import random

from saferhub.crimedata import store as crime_store
from saferhub.demo import data
from saferhub.demo.loader import DemoLoad, step
from saferhub.partnerdata import services
from saferhub.partnerdata.mapping import ColumnMapping
from saferhub.partnerdata.models import PartnerDataset, PartnerUpload

PARTNERSHIP = "braintree"
BRAINTREE = "E07000067"
NAME = "Deliberate fires"
FIRST_YEAR, LAST_YEAR = 2023, 2024
# (category, rows in an average month, how much more in spring and summer)
KINDS = [
    ("Deliberate primary fire - vehicle", 4, 0.2),
    ("Deliberate primary fire - dwelling", 2, 0.0),
    ("Deliberate secondary fire - loose refuse", 9, 0.6),
    ("Deliberate secondary fire - grassland", 5, 1.5),
]
HEADER = ["Incident Number", "Date of Call", "Incident Type", "LSOA Code", "District Code", "Incidents"]
MAPPING = ColumnMapping(
    date_column="Date of Call",
    date_format="dmy",
    category_column="Incident Type",
    lsoa_column="LSOA Code",
    lad_column="District Code",
    count_column="Incidents",
)


def _braintree_lsoas() -> list[str]:
    """Braintree's 2021 LSOA codes from the reference table, or none when it is not loaded."""
    if not crime_store.reference_file("lsoa").is_file():
        return []
    with crime_store.connect() as con:
        rows = con.execute(
            "SELECT lsoa_code FROM lsoa WHERE lad_code = ? AND vintage = '2021' ORDER BY lsoa_code", [BRAINTREE]
        ).fetchall()
    return [code for (code,) in rows]


def fires_csv(lsoas: list[str], *, seed: int = 2024) -> bytes:
    """The made-up file, as a fire service exports it: dd/mm/yyyy dates, a row per incident record."""
    chooser = random.Random(seed)  # noqa: S311 (repeatable demo figures, not a secret)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    number = 0
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for month in range(1, 13):
            summer = 1.0 if 4 <= month <= 8 else 0.0
            for kind, average, seasonal in KINDS:
                # A little drift between the years, so the change has something to test.
                expected = average * (1 + seasonal * summer) * (1.12 if year == LAST_YEAR and seasonal > 1 else 1.0)
                for _ in range(max(0, round(chooser.gauss(expected, expected**0.5)))):
                    number += 1
                    day = datetime.date(year, month, chooser.randint(1, 28))
                    writer.writerow(
                        [
                            f"ECFRS/{year % 100}/{number:05d}",
                            f"{day:%d/%m/%Y}",
                            kind,
                            chooser.choice(lsoas) if lsoas else "",
                            BRAINTREE,
                            chooser.choice([1, 1, 1, 1, 2]),
                        ]
                    )
    return out.getvalue().encode("utf-8")


@step
def partner_data(run: DemoLoad) -> None:
    """Braintree's deliberate fires from the fire service (made up), mapped and imported once."""
    partnership = run.partnership(PARTNERSHIP)
    dataset = PartnerDataset.objects.filter(partnership=partnership, name=NAME).first()
    if dataset is None:
        dataset = services.partner_dataset_create(
            partnership=partnership,
            organisation=run.organisation(data.FIRE.name),
            name=NAME,
            unit="incidents",
            description="Deliberate primary and secondary fires attended in Braintree district. Demonstration "
            "figures, made up for the demo: not real fire service data.",
            by=None,
        )
        run.created(dataset)
    if PartnerUpload.objects.filter(dataset=dataset).exists():
        return
    upload = services.partner_upload_receive(
        dataset=dataset, file_name="deliberate-fires-2023-2024.csv", data=fires_csv(_braintree_lsoas()), by=None
    )
    if upload.status == "awaiting_mapping":
        upload = services.partner_dataset_map(upload=upload, mapping=MAPPING, by=None)
    run.created(upload)
