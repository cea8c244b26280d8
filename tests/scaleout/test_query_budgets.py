"""Page cost budgets (issue #5, item 3): a page's number of SQL queries does not grow with its rows.

Each case loads the Musterstadt demo, tops the rows the page lists up to 10, counts the queries of one GET,
tops them up to 1,000 (bulk_create) and counts again: the two counts must be equal. On failure the message
names the statement that repeats. docs/performance.md has the figures.
"""

import datetime
import hashlib
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dialogwerk.design.models import Agenda, AgendaItem
from dialogwerk.dialogues.models import Dialogue, Theme
from dialogwerk.funding.models import CostLine, FundingApplication
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Contribution, Participant, Session
from dialogwerk.live.views import token_cookie
from dialogwerk.measures.models import Measure, SteeringGroup, SteeringMember
from dialogwerk.preparation.models import Actor, Invitation, Perspective
from dialogwerk.reports.models import GeneratedDocument
from dialogwerk.synthesis.models import Cluster, ClusterCard, Decision
from dialogwerk.tenancy.models import Membership, Role

SMALL, LARGE = 10, 1000
KINDS = ["situation", "field", "conflict", "idea"]


class World:
    """The demo dialogue and what the growers need; `grow(n)` functions top a kind of row up to n."""

    def __init__(self):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        self.dialogue = Dialogue.objects.select_related("municipality").get(municipality__name="Musterstadt")
        self.consultant = (
            Membership.objects.filter(municipality=self.dialogue.municipality, role=Role.CONSULTANT).first().user
        )
        self.themes = list(self.dialogue.themes.order_by("position"))
        self.session = Session.objects.filter(dialogue=self.dialogue).order_by("pk").first()
        self.participant, self.token = live_services.participant_join(
            session=self.session, display_name="Messung", consent=True
        )

    # --- growers ------------------------------------------------------------------------------------------
    def dialogues(self, n):
        have = Dialogue.objects.filter(municipality=self.dialogue.municipality).count()
        Dialogue.objects.bulk_create(
            Dialogue(municipality=self.dialogue.municipality, title=f"Dialog {i}", starts_on=datetime.date(2027, 1, 1))
            for i in range(have, n)
        )

    def actors(self, n):
        perspectives = list(Perspective.objects.filter(dialogue=self.dialogue)) or [
            Perspective.objects.create(dialogue=self.dialogue, name="Verwaltung")
        ]
        have = Actor.objects.filter(dialogue=self.dialogue).count()
        new = Actor.objects.bulk_create(
            Actor(
                dialogue=self.dialogue,
                name=f"Akteur {i:04d}",
                perspective=perspectives[i % len(perspectives)],
                email=f"a{i}@example.org",
            )
            for i in range(have, n)
        )
        Actor.themes.through.objects.bulk_create(
            Actor.themes.through(actor_id=actor.pk, theme_id=self.themes[i % len(self.themes)].pk)
            for i, actor in enumerate(new)
        )
        uninvited = Actor.objects.filter(dialogue=self.dialogue, invitations__isnull=True)
        Invitation.objects.bulk_create(
            Invitation(
                dialogue=self.dialogue, actor=actor, expires_on=datetime.date(2030, 1, 1), sent_at=timezone.now()
            )
            for actor in uninvited
        )

    def _participants(self, count):
        now = timezone.now()
        return Participant.objects.bulk_create(
            Participant(
                session=self.session,
                token_hash=hashlib.sha256(f"p{self.session.pk}-{i}-{now}".encode()).hexdigest(),
                display_name=f"P{i}",
                consented_at=now,
                notice_version=self.session.notice_version,
            )
            for i in range(count)
        )

    def cards(self, n, mine: bool = False):
        have = Contribution.objects.filter(session=self.session).count()
        people = [self.participant] if mine else self._participants(20)
        Contribution.objects.bulk_create(
            Contribution(
                session=self.session,
                kind=KINDS[i % 4],
                theme=self.themes[i % len(self.themes)],
                text=f"Karte {i}",
                language="de",
                participant=people[i % len(people)],
            )
            for i in range(have, n)
        )

    def my_cards(self, n):
        self.cards(n, mine=True)

    def clusters(self, n):
        self.cards(n)  # every new card goes into a bundle (the board's suggestions for 1,000 loose cards take minutes)
        have = Cluster.objects.filter(dialogue=self.dialogue).count()
        new = Cluster.objects.bulk_create(
            Cluster(
                dialogue=self.dialogue,
                session=self.session,
                title=f"Bündel {i}",
                theme=self.themes[i % len(self.themes)],
                position=i,
            )
            for i in range(have, n)
        )
        free = list(
            Contribution.objects.filter(session=self.session, cluster_placements__isnull=True).values_list(
                "pk", flat=True
            )
        )
        ClusterCard.objects.bulk_create(
            ClusterCard(cluster=cluster, contribution_id=card) for cluster, card in zip(new, free)
        )
        Decision.objects.bulk_create(
            Decision(
                dialogue=self.dialogue,
                cluster=cluster,
                title=f"Beschluss {cluster.title}",
                outcome="adopted",
                decided_by=self.consultant,
                decided_at=timezone.now(),
            )
            for cluster in new
        )

    def measures(self, n):
        have = Measure.objects.filter(dialogue=self.dialogue).count()
        Measure.objects.bulk_create(
            Measure(
                dialogue=self.dialogue,
                number=i + 1,
                title=f"Maßnahme {i}",
                theme=self.themes[i % len(self.themes)],
                public=True,
                responsible_person="Frau Kaya",
                due_on=datetime.date(2027, 6, 30),
                status=["planned", "in_progress", "done"][i % 3],
            )
            for i in range(have, n)
        )

    def steering(self, n):
        self.measures(n)
        group, _ = SteeringGroup.objects.get_or_create(dialogue=self.dialogue)
        have = group.members.count()
        SteeringMember.objects.bulk_create(
            SteeringMember(steering_group=group, name=f"Mitglied {i}") for i in range(have, n)
        )

    def agenda_items(self, n):
        agenda, _ = Agenda.objects.get_or_create(dialogue=self.dialogue)
        have = agenda.items.count()
        AgendaItem.objects.bulk_create(
            AgendaItem(agenda=agenda, position=i, title=f"Schritt {i}", duration_minutes=1) for i in range(have, n)
        )

    def cost_lines(self, n):
        application = FundingApplication.objects.get(dialogue=self.dialogue)
        have = application.cost_lines.count()
        CostLine.objects.bulk_create(
            CostLine(
                application=application,
                category="venue",
                description=f"Posten {i}",
                planned_amount=Decimal("10"),
                position=i,
            )
            for i in range(have, n)
        )

    def documents(self, n):
        have = GeneratedDocument.objects.filter(dialogue=self.dialogue).count()
        GeneratedDocument.objects.bulk_create(
            GeneratedDocument(
                dialogue=self.dialogue,
                kind="documentation",
                format="pdf",
                status="failed",
                requested_by=self.consultant,
            )
            for _ in range(have, n)
        )


# page: (URL name, URL kwargs from the world, growers, as participant)
PAGES = {
    "dashboard": ("dashboard", lambda w: {}, ["dialogues"]),
    "dialogue overview": (
        "dialogues:overview",
        lambda w: {"dialogue_id": w.dialogue.pk},
        ["actors", "cards", "measures"],
    ),
    "actors list": ("preparation:actors", lambda w: {"dialogue_id": w.dialogue.pk}, ["actors"]),
    "coverage matrix": ("preparation:coverage", lambda w: {"dialogue_id": w.dialogue.pk}, ["actors"]),
    "invitations": ("preparation:invitations", lambda w: {"dialogue_id": w.dialogue.pk}, ["actors"]),
    "agenda": ("design:agenda", lambda w: {"dialogue_id": w.dialogue.pk}, ["agenda_items"]),
    "bundling board": ("synthesis:board", lambda w: {"dialogue_id": w.dialogue.pk}, ["clusters"]),
    # Loose cards (the suggestions are computed by the task worker, not by the board).
    "bundling board, loose cards": ("synthesis:board", lambda w: {"dialogue_id": w.dialogue.pk}, ["cards"]),
    "decisions": ("synthesis:decisions", lambda w: {"dialogue_id": w.dialogue.pk}, ["clusters"]),
    "measures catalogue": ("measures:catalogue", lambda w: {"dialogue_id": w.dialogue.pk}, ["measures"]),
    "Begleitkreis dashboard": ("measures:steering", lambda w: {"dialogue_id": w.dialogue.pk}, ["steering"]),
    "status page": ("measures:public_status", lambda w: {"dialogue_id": w.dialogue.pk}, ["measures"]),
    "documents": ("reports:documents", lambda w: {"dialogue_id": w.dialogue.pk}, ["documents"]),
    "funding": ("funding:overview", lambda w: {"dialogue_id": w.dialogue.pk}, ["cost_lines"]),
    "live console": ("live:console", lambda w: {"session_id": w.session.pk}, ["cards"]),
    "wall": ("live:wall", lambda w: {"session_id": w.session.pk}, ["cards"]),
    "participant page": ("live:participant", lambda w: {"code": w.session.code}, ["my_cards"]),
}
XFAIL: dict[str, str] = {}


def _shape(sql: str) -> str:
    return re.sub(r"\b\d+\b", "N", re.sub(r"'[^']*'", "'…'", sql))


def measure(client, url: str) -> tuple[int, list[str], int]:
    cache.clear()  # count a page's queries without its cache (the public status page caches its content)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    body = response.content.decode() if not getattr(response, "streaming", False) else ""
    return len(queries), [q["sql"] for q in queries.captured_queries], body.count("<tr") + body.count("<li")


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(name, marks=[pytest.mark.xfail(strict=True, reason=XFAIL[name])] if name in XFAIL else [])
        for name in PAGES
    ],
)
def test_query_count_does_not_grow_with_rows(page, db, client, record_property):
    url_name, kwargs, growers = PAGES[page]
    world = World()
    if url_name == "live:participant":
        client.cookies[token_cookie(world.session)] = world.token
    else:
        client.force_login(world.consultant)
    url = reverse(url_name, kwargs=kwargs(world))

    for grower in growers:
        getattr(world, grower)(SMALL)
    measure(client, url)  # warm caches (translations, content types, session) before counting
    small, small_sql, small_items = measure(client, url)
    for grower in growers:
        getattr(world, grower)(LARGE)
    measure(client, url)  # the bundling board queues its new suggestions once, on the first view
    large, large_sql, large_items = measure(client, url)

    record_property("queries", f"{small}->{large}")
    record_property("items", f"{small_items}->{large_items}")
    print(
        f"\nQUERY-BUDGET {page}: {small} queries at {SMALL} rows, {large} at {LARGE}; <tr>/<li> {small_items} -> {large_items}"
    )
    if small != large:
        before = Counter(map(_shape, small_sql))
        grown = Counter(map(_shape, large_sql)) - before
        worst = grown.most_common(3)
        detail = "\n".join(f"  +{count} × {sql[:300]}" for sql, count in worst)
        pytest.fail(f"{page}: {small} queries with {SMALL} rows, {large} with {LARGE}; repeating:\n{detail}")
