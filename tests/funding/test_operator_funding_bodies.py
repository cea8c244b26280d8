"""Platform operators (superusers) create funding bodies, name the municipalities they oversee and invite
their staff; nobody else may (a municipality's administrator gets 404, learning nothing)."""

import pytest
from django.core import mail

from dialogwerk.funding.models import FundingBody, FundingBodyMembership
from tests.conftest import make_user

LIST = "/betrieb/foerderstellen/"


@pytest.fixture
def operator(db):
    from dialogwerk.tenancy.models import User

    return User.objects.create_superuser(
        username="betrieb@example.de", email="betrieb@example.de", password="x-correct-horse"
    )


def test_an_operator_creates_a_district_for_two_municipalities(client_for, operator, municipality, other_municipality):
    client = client_for(operator)
    assert client.get(LIST).status_code == 200
    response = client.post(
        LIST,
        {"name": "Landratsamt Kreis A", "covers_state": "", "municipalities": [municipality.pk, other_municipality.pk]},
    )
    body = FundingBody.objects.get(name="Landratsamt Kreis A")
    assert response.status_code == 302 and response["Location"] == f"{LIST}{body.pk}/"
    assert set(body.covered_municipalities()) == {municipality, other_municipality}
    html = client.get(f"{LIST}{body.pk}/").content.decode()
    assert "Kommune A, Kommune B" in html and 'class="guide-help"' in html


def test_an_operator_changes_what_a_body_covers(client_for, operator, municipality, other_municipality):
    body = FundingBody.objects.create(name="LpB")
    body.municipalities.add(municipality)
    response = client_for(operator).post(f"{LIST}{body.pk}/", {"body-name": "LpB BW", "body-covers_state": "BW"})
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.name == "LpB BW" and body.covers_state == "BW" and not body.municipalities.exists()


def test_inviting_a_new_person_creates_the_account_and_sends_the_link(client_for, operator, municipality):
    body = FundingBody.objects.create(name="LpB")
    body.municipalities.add(municipality)
    client = client_for(operator)
    response = client.post(
        f"{LIST}{body.pk}/mitglieder/", {"member-email": "Referentin@LpB.example", "member-first_name": "Jana"}
    )
    assert response.status_code == 302
    membership = FundingBodyMembership.objects.get(funding_body=body)
    assert membership.user.email == "referentin@lpb.example" and not membership.user.has_usable_password()
    assert mail.outbox[0].to == ["referentin@lpb.example"] and "/konto/passwort/neu/" in mail.outbox[0].body
    client.force_login(membership.user)  # the new member sees the overview, and only that
    assert client.get(f"/foerderstelle/{body.pk}/").status_code == 200
    assert client.get(LIST).status_code == 404


def test_an_existing_account_is_assigned_without_a_new_password(client_for, operator, consultant):
    body = FundingBody.objects.create(name="LpB")
    client_for(operator).post(f"{LIST}{body.pk}/mitglieder/", {"member-email": consultant.email})
    assert FundingBodyMembership.objects.filter(funding_body=body, user=consultant).exists()
    assert not mail.outbox


def test_an_operator_removes_a_person(client_for, operator):
    body = FundingBody.objects.create(name="LpB")
    membership = FundingBodyMembership.objects.create(funding_body=body, user=make_user("alt@lpb.example"))
    response = client_for(operator).post(f"{LIST}{body.pk}/mitglieder/{membership.pk}/entfernen/")
    assert response.status_code == 302 and not FundingBodyMembership.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Bitte benennen Sie die Förderstelle."),
        ({"name": "LpB"}, "Eine Förderstelle mit diesem Namen gibt es schon."),
        ({"name": "Neu", "covers_state": "XX"}, "ist keine gültige Auswahl."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_created(client_for, operator, data, message):
    FundingBody.objects.create(name="LpB")
    response = client_for(operator).post(LIST, data)
    assert response.status_code == 422 and message in response.content.decode()
    assert FundingBody.objects.count() == 1


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-address", "Bitte geben Sie eine gültige E-Mail-Adresse ein."),
        ("jana@lpb.example", "Diese Person gehört schon zu dieser Förderstelle."),
    ],
)
def test_bad_invitations_are_refused(client_for, operator, email, message):
    body = FundingBody.objects.create(name="LpB")
    FundingBodyMembership.objects.create(funding_body=body, user=make_user("jana@lpb.example"))
    response = client_for(operator).post(f"{LIST}{body.pk}/mitglieder/", {"member-email": email})
    assert response.status_code == 422 and message in response.content.decode()
    assert FundingBodyMembership.objects.count() == 1 and not mail.outbox


@pytest.mark.parametrize("who", ["admin_user", "consultant", "funder"])
def test_nobody_but_an_operator_may_set_up_funding_bodies(request, client_for, who, funding_body):
    client = client_for(request.getfixturevalue(who))
    membership = FundingBodyMembership.objects.first() or FundingBodyMembership.objects.create(
        funding_body=funding_body, user=make_user("x@lpb.example")
    )
    for url in (LIST, f"{LIST}{funding_body.pk}/"):
        assert client.get(url).status_code == 404
    assert client.post(LIST, {"name": "Eigene Förderstelle"}).status_code == 404
    assert client.post(f"{LIST}{funding_body.pk}/mitglieder/", {"member-email": "ich@a.example"}).status_code == 404
    assert client.post(f"{LIST}{funding_body.pk}/mitglieder/{membership.pk}/entfernen/").status_code == 404
    assert list(FundingBody.objects.values_list("name", flat=True)) == [funding_body.name]
    assert FundingBodyMembership.objects.filter(pk=membership.pk).exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
