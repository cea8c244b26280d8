import pytest

# /healthz is liveness only: it stays 200 while the database is down (tests/ops/test_readyz.py shows
# that, and that /readyz is what answers 503 then).


@pytest.mark.django_db
def test_it_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
