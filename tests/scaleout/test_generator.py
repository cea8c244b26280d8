"""The synthetic installation generator (`dialogwerk generate_installation`): proportions, a second run
beside the first, and the pages of a generated municipality."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.funding.models import FundingApplication, FundingBody
from dialogwerk.live.models import Contribution, Participant, Session, Vote
from dialogwerk.measures.models import Measure
from dialogwerk.synthesis.models import Cluster, ClusterCard
from dialogwerk.synthetic.plan import plan_installation, totals
from dialogwerk.tenancy.models import Membership, Municipality, User

pytestmark = pytest.mark.django_db

ARGS = {"municipalities": 6, "cards": 900, "showcase_cards": 200, "seed": 7}


def generate(**overrides) -> dict:
    out = io.StringIO()
    call_command(
        "generate_installation",
        "--json",
        *[f"--{k.replace('_', '-')}={v}" for k, v in {**ARGS, **overrides}.items()],
        stdout=out,
        stderr=io.StringIO(),
    )
    return json.loads(out.getvalue())


def test_it_writes_the_planned_rows_in_realistic_proportions():
    summary = generate()
    expected = totals(plan_installation(municipalities=6, cards=900, seed=7, showcase_cards=200))
    municipalities = Municipality.objects.filter(ags__startswith=summary["ags_prefix"])
    dialogues = Dialogue.objects.filter(municipality__in=municipalities)

    assert municipalities.count() == 6
    assert dialogues.count() == expected["dialogues"]
    assert Contribution.objects.filter(session__dialogue__in=dialogues).count() == 900
    assert Session.objects.filter(dialogue__in=dialogues).count() == expected["sessions"]
    assert Participant.objects.filter(session__dialogue__in=dialogues).count() == expected["participants"]
    assert Cluster.objects.filter(dialogue__in=dialogues).count() == expected["clusters"]
    assert Measure.objects.filter(dialogue__in=dialogues).count() == expected["measures"]
    assert FundingApplication.objects.filter(dialogue__in=dialogues).count() == expected["applications"]
    # Every participant spent three dots; most cards of finished dialogues are bundled.
    assert Vote.objects.filter(participant__session__dialogue__in=dialogues).count() == 3 * expected["participants"]
    assert ClusterCard.objects.filter(cluster__dialogue__in=dialogues).exists()
    # Four roles in every municipality; the state-wide funding body covers them all.
    assert Membership.objects.filter(municipality__in=municipalities).count() == 4 * 6
    state_body = FundingBody.objects.get(name=f"Förderstelle Land (Lauf {summary['run']})")
    assert state_body.covered_municipalities().count() == 6
    showcase = dialogues.get(title__endswith="(Schaufenster)")
    assert showcase.municipality.ags == summary["showcase_ags"]
    assert Contribution.objects.filter(session__dialogue=showcase).count() == 200
    assert summary["total_rows"] > 900 and summary["rows_per_second"] > 0


def test_a_second_run_adds_a_second_installation_beside_the_first():
    first, second = generate(), generate()
    assert first["run"] != second["run"]
    assert Municipality.objects.filter(ags__startswith=first["ags_prefix"]).count() == 6
    assert Municipality.objects.filter(ags__startswith=second["ags_prefix"]).count() == 6


def test_it_refuses_a_bad_size():
    with pytest.raises(CommandError):
        generate(municipalities=0)
    assert not Municipality.objects.filter(ags__startswith="99").exists()


def test_the_pages_of_a_generated_municipality_render(client):
    summary = generate()
    run = summary["run"]
    showcase = Dialogue.objects.get(municipality__ags=summary["showcase_ags"], title__endswith="(Schaufenster)")
    admin = User.objects.get(email=f"m0-verwaltung@s{run:02d}.synthetic.invalid")
    assert client.login(username=admin.email, password=summary["password"])
    for url in [
        reverse("dashboard"),
        reverse("dialogues:overview", args=[showcase.pk]),
        reverse("synthesis:board", args=[showcase.pk]),
        reverse("synthesis:decisions", args=[showcase.pk]),
        reverse("measures:catalogue", args=[showcase.pk]),
        reverse("measures:steering", args=[showcase.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert showcase.title in client.get(reverse("dashboard")).content.decode()

    client.logout()
    assert client.get(reverse("measures:public_status", args=[showcase.pk])).status_code == 200
    funder = User.objects.get(email=f"foerderstelle-0@s{run:02d}.synthetic.invalid")
    client.force_login(funder)
    body = FundingBody.objects.get(memberships__user=funder)
    page = client.get(reverse("funding:body_overview", args=[body.pk]))
    assert page.status_code == 200 and f"Gemeinde 0006 (Lauf {run})" in page.content.decode()
