"""The funding body's overview: aggregate figures of its municipalities, a CSV, and nothing for others."""

import csv
import io
from decimal import Decimal

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.funding.models import FundingProgramme
from dialogwerk.tenancy.models import Municipality


def test_a_funding_body_member_sees_aggregates_of_its_municipalities(
    client_for, funder, funding_body, application, outsider, other_municipality
):
    application.status, application.approved_amount = "approved", Decimal("2800")
    application.save()
    dialogue_create(actor=outsider, municipality=other_municipality, title="Nicht abgedeckt")
    page = client_for(funder).get(f"/foerderstelle/{funding_body.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Dialoge nach Phase" in html and "Kommune A" in html
    assert "Kommune B" not in html and "Nicht abgedeckt" not in html
    assert "Jörg Müller" not in html and "DE89" not in html  # no personal data
    assert "2.800,00 €" in html  # written as in the documents
    assert html.count('<img class="chart"') >= 1


def test_the_entry_page_leads_to_the_only_funding_body(client_for, funder, funding_body):
    response = client_for(funder).get("/foerderstelle/")
    assert response.status_code == 302 and response.url.endswith(f"/foerderstelle/{funding_body.pk}/")


def test_the_csv_has_one_row_per_dialogue(client_for, funder, funding_body, application):
    response = client_for(funder).get(f"/foerderstelle/{funding_body.pk}/uebersicht.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Kommune" and len(rows) == 2
    assert rows[1][0] == "Kommune A" and rows[1][3] == "Entwurf" and rows[1][4] == "3000,00"


def test_municipality_members_do_not_see_the_funding_body(client_for, admin_user, consultant, funding_body):
    for user in (admin_user, consultant):
        assert client_for(user).get(f"/foerderstelle/{funding_body.pk}/").status_code == 404
        assert client_for(user).get(f"/foerderstelle/{funding_body.pk}/uebersicht.csv").status_code == 404
        assert client_for(user).get("/foerderstelle/").status_code == 404


def test_a_funding_body_member_does_not_see_the_municipalitys_pages(client_for, funder, application):
    assert client_for(funder).get(f"/dialoge/{application.dialogue_id}/foerderung/").status_code == 404


def test_a_funding_body_edits_its_programmes_cap(client_for, funder, funding_body):
    programme = FundingProgramme.objects.create(funding_body=funding_body)
    url = f"/foerderstelle/{funding_body.pk}/programme/{programme.pk}/"
    data = {
        "name": programme.name,
        "funder": programme.funder,
        "cap_amount": "3500.00",
        "min_own_share_percent": "10",
        "max_funding_rate_percent": "100",
        "deviation_threshold_percent": "20",
        "report_due_weeks": "12",
        "review_due_weeks": "6",
        "is_active": "on",
    }
    assert client_for(funder).post(url, data).status_code == 302
    programme.refresh_from_db()
    assert programme.cap_amount == Decimal("3500.00") and programme.min_own_share_percent == Decimal("10")
    assert client_for(funder).post(url, {**data, "cap_amount": "-1"}).status_code == 422
    programme.refresh_from_db()
    assert programme.cap_amount == Decimal("3500.00")


def test_a_programme_without_funding_body_cannot_be_edited_there(client_for, funder, funding_body):
    programme = FundingProgramme.objects.create()
    assert client_for(funder).get(f"/foerderstelle/{funding_body.pk}/programme/{programme.pk}/").status_code == 404


def _covered(funding_body, count: int, district: str, first_ags: int) -> None:
    made = Municipality.objects.bulk_create(
        Municipality(name=f"{district} Gemeinde {i:03d}", ags=f"{first_ags + i:08d}", district=district, state="BW")
        for i in range(count)
    )
    funding_body.municipalities.add(*made)


def test_the_table_of_municipalities_is_paged_and_filtered_by_district(client_for, funder, funding_body, consultant):
    _covered(funding_body, 55, "Landkreis Nord", 8100000)
    _covered(funding_body, 3, "Landkreis Süd", 8200000)
    for municipality in Municipality.objects.filter(
        name__in=["Landkreis Nord Gemeinde 054", "Landkreis Süd Gemeinde 001"]
    ):
        dialogue_create(actor=consultant, municipality=municipality, title=f"Dialog in {municipality.name}")
    client = client_for(funder)
    url = f"/foerderstelle/{funding_body.pk}/"
    everything = client.get(url).content.decode()
    assert "Landkreis Süd Gemeinde 001" in everything and "Landkreis Nord Gemeinde 054" in everything
    south = client.get(url, {"kreis": "Landkreis Süd"}).content.decode()
    assert (
        "Landkreis Süd Gemeinde 001" in south
        and "Landkreis Nord Gemeinde 054" not in south
        and "Kommune A" not in south
    )
    assert "Landkreis Süd" in south.split('role="status"')[1].split("</p>")[0]
    assert "uebersicht.csv?kreis=Landkreis%20S%C3%BCd" in south
    csv_rows = list(
        csv.reader(
            io.StringIO(client.get(f"{url}uebersicht.csv", {"kreis": "Landkreis Süd"}).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert [row[0] for row in csv_rows[1:]] == ["Landkreis Süd Gemeinde 001"]
    unknown = client.get(url, {"kreis": "Atlantis"})
    assert unknown.status_code == 400 and "Wählen Sie einen der Landkreise aus der Liste." in unknown.content.decode()


def test_more_than_fifty_municipalities_come_in_pages(client_for, funder, funding_body, consultant):
    _covered(funding_body, 60, "Landkreis Nord", 8100000)
    for municipality in Municipality.objects.filter(district="Landkreis Nord"):
        Dialogue.objects.create(municipality=municipality, title=f"Dialog {municipality.name}")
    client = client_for(funder)
    url = f"/foerderstelle/{funding_body.pk}/"
    first, second = client.get(url).content.decode(), client.get(url, {"page": 2}).content.decode()
    table = lambda html: html.split('id="municipalities-heading"')[1].split("</table>")[0]  # noqa: E731
    assert table(first).count("<tr><td>") == 50 and table(second).count("<tr><td>") == 10
    assert "Landkreis Nord Gemeinde 059" in table(second) and "Landkreis Nord Gemeinde 059" not in table(first)
    assert ">60<" in first  # the figures above count all of them


def test_someone_not_logged_in_is_sent_to_the_login(client, funding_body):
    for path in ("", "uebersicht.csv"):
        response = client.get(f"/foerderstelle/{funding_body.pk}/{path}", {"kreis": "Kreis A"})
        assert response.status_code == 302 and "/konto/anmelden/" in response.url
