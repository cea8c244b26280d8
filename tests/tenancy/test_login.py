import pytest

from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_the_login_page_is_german_by_default(client):
    response = client.get("/konto/anmelden/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de" dir="ltr">' in html
    assert "Anmelden" in html and "E-Mail-Adresse" in html


def test_a_user_logs_in_with_the_email_address_in_any_case(client, consultant):
    response = client.post("/konto/anmelden/", {"username": "Consultant@A.example", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/"
    assert "Zusammenleben" not in client.get("/").content.decode()  # no dialogue yet, but logged in
    assert client.get("/").status_code == 200


def test_a_wrong_password_gets_a_clear_german_message(client, consultant):
    response = client.post("/konto/anmelden/", {"username": "consultant@a.example", "password": "wrong"})
    assert response.status_code == 200
    assert "E-Mail-Adresse oder Passwort ist falsch" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logging_out_ends_the_session(client, consultant):
    client.force_login(consultant)
    response = client.post("/konto/abmelden/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302
