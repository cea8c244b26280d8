"""The funding body's overview sums what each dialogue asks for from its cost lines (read as sums in the
database, for 1,100 municipalities at once): the plan's total less the own share, never below zero."""

import csv
import io
from decimal import Decimal

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.funding.services import application_create


def csv_rows(client, funding_body):
    response = client.get(f"/foerderstelle/{funding_body.pk}/uebersicht.csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]


def test_a_plan_without_cost_lines_asks_for_nothing(
    client_for, funder, funding_body, application, consultant, municipality, programme
):
    second = dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    application_create(
        actor=consultant,
        dialogue=second,
        programme=programme,
        applicant="Kommune A",
        project_title="Zweiter Dialog",
        own_share=Decimal("300.00"),
    )

    requested = sorted(row[4] for row in csv_rows(client_for(funder), funding_body))

    assert requested == ["0,00", "3000,00"]  # 3.500 € of lines less 500 € own share; no lines: nothing, not -300
    html = client_for(funder).get(f"/foerderstelle/{funding_body.pk}/").content.decode()
    assert "3.000,00 €" in html
