"""Write a planned synthetic installation into the database, a chunk of municipalities per transaction.

Rows are built as plain model instances by the `*_rows` factories and written with `bulk_create` in large
batches (PostgreSQL and SQLite return the new keys). Each run gets its own number: its municipalities'
official keys (AGS) start with "99" and the run number, its accounts' addresses end in
"@sNN.synthetic.invalid", so a second run adds a second installation beside the first instead of
colliding with it.
"""

import datetime
import hashlib
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from dialogwerk.dialogues.models import DEFAULT_THEMES, Dialogue, Theme
from dialogwerk.funding.models import CostLine, FundingApplication, FundingBody, FundingBodyMembership, FundingProgramme
from dialogwerk.live.models import NOTICE_VERSION, Contribution, DotVoting, Method, Participant, Session, Vote
from dialogwerk.live.models import Status as SessionStatus
from dialogwerk.measures.models import Measure, ProgressUpdate, SteeringGroup, SteeringMember
from dialogwerk.preparation.models import Actor, Invitation, Perspective
from dialogwerk.synthesis.models import Cluster, ClusterCard, Decision
from dialogwerk.tenancy.models import Membership, Municipality, Role

from . import texts
from .plan import AFTER, DOTS, MUNICIPALITIES_PER_CONSULTANT, MunicipalityPlan

AGS_PREFIX = "99"
PASSWORD = "synthetic"  # every generated account's password: the data is for load tests only
PERSPECTIVES = [
    "Verwaltung",
    "Politik",
    "Ehrenamt",
    "Geflüchtete",
    "Nachbarschaft",
    "Wirtschaft",
    "Bildung",
    "Kirchen/Religion",
]
MEASURE_STATUSES = ["planned", "in_progress", "in_progress", "done", "paused", "dropped"]
LANGUAGES = ["de"] * 8 + ["ar", "uk", "fa", "en"]
BATCH = 5000


def next_run() -> int:
    """The first run number whose key range is unused (1–99)."""
    used = {ags[2:4] for ags in Municipality.objects.filter(ags__startswith=AGS_PREFIX).values_list("ags", flat=True)}
    for run in range(1, 100):
        if f"{run:02d}" not in used:
            return run
    raise RuntimeError("all 99 synthetic runs are used: drop the database or delete the synthetic municipalities")


def ags(run: int, index: int) -> str:
    return f"{AGS_PREFIX}{run:02d}{index:04d}"


def email(run: int, local: str) -> str:
    return f"{local}@s{run:02d}.synthetic.invalid"


@dataclass
class Stats:
    rows: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, name: str, objects: list) -> list:
        self.rows[name] += len(objects)
        return objects

    @property
    def total(self) -> int:
        return sum(self.rows.values())


class Writer:
    """bulk_create with a row count per table."""

    def __init__(self, stats: Stats, batch: int = BATCH):
        self.stats, self.batch = stats, batch

    def __call__(self, model, objects: list) -> list:
        if not objects:
            return objects
        created = model.objects.bulk_create(objects, batch_size=self.batch)
        return self.stats.add(model._meta.label, created)


# --- the factories: plain rows, no writes ------------------------------------------------------------------


def dialogue_dates(rng: random.Random, phase: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    offset = {
        "preparation": rng.randint(20, 200),
        "dialogue": rng.randint(-10, 0),
        "follow_up": rng.randint(-300, -20),
        "closed": rng.randint(-900, -300),
    }[phase]
    starts = today + datetime.timedelta(days=offset)
    return starts, starts + datetime.timedelta(days=rng.choice([0, 0, 1]))


def participant_rows(session: Session, count: int, run: int, rng: random.Random, now) -> list[Participant]:
    return [
        Participant(
            session=session,
            token_hash=hashlib.sha256(f"synthetic-{run}-{session.pk}-{i}".encode()).hexdigest(),
            display_name=f"Teilnehmende {i + 1}",
            language=rng.choice(LANGUAGES),
            perspective=rng.choice(PERSPECTIVES),
            consented_at=now,
            notice_version=NOTICE_VERSION,
        )
        for i in range(count)
    ]


def card_rows(
    session: Session, count: int, themes: list[Theme], people: list[Participant], rng: random.Random
) -> list[Contribution]:
    rows = []
    for _ in range(count):
        kind, language, text = texts.card(rng)
        rows.append(
            Contribution(
                session=session,
                kind=kind,
                theme=rng.choice(themes),
                text=text,
                language=language,
                participant=rng.choice(people) if people else None,
            )
        )
    return rows


def vote_rows(
    voting: DotVoting, people: list[Participant], cards: list[Contribution], rng: random.Random
) -> list[Vote]:
    if len(cards) < DOTS:
        return []
    return [
        Vote(voting=voting, participant=person, contribution=card, slot=slot)
        for person in people
        for slot, card in enumerate(rng.sample(cards, DOTS))
    ]


def measure_rows(dialogue: Dialogue, count: int, themes, decisions, rng: random.Random, today) -> list[Measure]:
    rows = []
    for i in range(count):
        status = rng.choice(MEASURE_STATUSES)
        progress = {"planned": 0, "done": 100, "dropped": 0}.get(status, rng.randint(5, 95))
        starts = today - datetime.timedelta(days=rng.randint(0, 300))
        rows.append(
            Measure(
                dialogue=dialogue,
                number=i + 1,
                title=f"Maßnahme {i + 1}: {rng.choice(texts.SUBJECTS)} {rng.choice(texts.REMARKS['idea'])}"[:200],
                theme=rng.choice(themes),
                decision=decisions[i] if i < len(decisions) else None,
                responsible_person=f"Person {rng.randint(1, 999)}",
                responsible_organisation="Bürgermeisteramt",
                starts_on=starts,
                due_on=starts + datetime.timedelta(days=rng.randint(30, 400)),
                status=status,
                progress=progress,
                public=rng.random() < 0.6,
                priority=rng.choice(["high", "medium", "low"]),
            )
        )
    return rows


# --- the run ------------------------------------------------------------------------------------------


class Installation:
    def __init__(self, *, run: int, seed: int, stdout=None, chunk: int = 25):
        self.run, self.seed, self.chunk = run, seed, chunk
        self.stats = Stats()
        self.write = Writer(self.stats)
        self.stdout = stdout
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.password = make_password(PASSWORD)  # hashed once: hashing per account would take minutes

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    def user(self, local: str, first: str, last: str):
        User = get_user_model()
        return User(
            username=email(self.run, local),
            email=email(self.run, local),
            first_name=first,
            last_name=last,
            password=self.password,
        )

    def generate(self, plans: list[MunicipalityPlan]) -> Stats:
        started = time.monotonic()
        with transaction.atomic():
            self._bodies(len(plans))
        for start in range(0, len(plans), self.chunk):
            with transaction.atomic():
                self._municipalities(plans[start : start + self.chunk])
            done = min(start + self.chunk, len(plans))
            elapsed = time.monotonic() - started
            self.log(
                f"{done}/{len(plans)} municipalities, {self.stats.total:,} rows, {self.stats.total / elapsed:,.0f} rows/s"
            )
        self.stats.seconds = time.monotonic() - started
        return self.stats

    def _bodies(self, municipalities: int) -> None:
        """A state-wide funding body with its programme, one per administrative region, and the consultants."""
        names = [f"Förderstelle Land (Lauf {self.run})"] + [
            f"Regierungspräsidium {r} (Lauf {self.run})" for r in ("Stuttgart", "Karlsruhe", "Freiburg", "Tübingen")
        ]
        self.bodies = self.write(FundingBody, [FundingBody(name=name) for name in names])
        users = self.write(
            get_user_model(), [self.user(f"foerderstelle-{i}", "Förderstelle", str(i)) for i in range(len(names))]
        )
        self.write(
            FundingBodyMembership, [FundingBodyMembership(user=u, funding_body=b) for u, b in zip(users, self.bodies)]
        )
        self.programme = self.write(FundingProgramme, [FundingProgramme(funding_body=self.bodies[0])])[0]
        consultants = -(-municipalities // MUNICIPALITIES_PER_CONSULTANT)
        self.consultants = self.write(
            get_user_model(), [self.user(f"beratung-{i}", "Beratung", str(i)) for i in range(consultants)]
        )

    def _municipalities(self, plans: list[MunicipalityPlan]) -> None:
        rng = random.Random(f"{self.seed}-{plans[0].index}")
        municipalities = self.write(
            Municipality,
            [
                Municipality(
                    name=f"{p.name} (Lauf {self.run})",
                    ags=ags(self.run, p.index),
                    district=f"Landkreis {p.district + 1:02d}",
                    population=p.population,
                )
                for p in plans
            ],
        )
        regions = {
            name: body for name, body in zip(["Stuttgart", "Karlsruhe", "Freiburg", "Tübingen"], self.bodies[1:])
        }
        through = FundingBody.municipalities.through
        self.write(
            through,
            [through(fundingbody_id=self.bodies[0].pk, municipality_id=m.pk) for m in municipalities]
            + [
                through(fundingbody_id=regions[p.region].pk, municipality_id=m.pk)
                for p, m in zip(plans, municipalities)
            ],
        )
        people = []
        for p in plans:
            people += [
                self.user(f"m{p.index}-verwaltung", "Verwaltung", p.name),
                self.user(f"m{p.index}-moderation", "Moderation", p.name),
                self.user(f"m{p.index}-begleitkreis", "Begleitkreis", p.name),
            ]
        people = self.write(get_user_model(), people)
        memberships = []
        for i, (p, m) in enumerate(zip(plans, municipalities)):
            admin, moderator, steering = people[3 * i : 3 * i + 3]
            memberships += [
                Membership(user=admin, municipality=m, role=Role.MUNICIPALITY_ADMIN),
                Membership(user=moderator, municipality=m, role=Role.MODERATOR),
                Membership(user=steering, municipality=m, role=Role.STEERING_MEMBER),
                Membership(
                    user=self.consultants[p.index // MUNICIPALITIES_PER_CONSULTANT],
                    municipality=m,
                    role=Role.CONSULTANT,
                ),
            ]
        self.write(Membership, memberships)
        for i, (p, m) in enumerate(zip(plans, municipalities)):
            self._dialogues(p, m, people[3 * i + 2], self.consultants[p.index // MUNICIPALITIES_PER_CONSULTANT], rng)

    def _dialogues(
        self, plan: MunicipalityPlan, municipality: Municipality, steering_user, consultant, rng: random.Random
    ) -> None:
        dialogues = []
        for number, d in enumerate(plan.dialogues):
            starts, ends = dialogue_dates(rng, d.phase, self.today)
            title = f"Flüchtlingsdialog {plan.name}" + (
                " (Schaufenster)" if d.showcase else f" {starts.year}" + (f" – {number + 1}" if number else "")
            )
            dialogues.append(
                Dialogue(
                    municipality=municipality,
                    title=title,
                    phase=d.phase,
                    starts_on=starts,
                    ends_on=ends,
                    expected_participants=d.participants or 60,
                    purpose="Wie wollen wir in Zukunft zusammenleben? Die Ergebnisse gehen an den Gemeinderat.",
                )
            )
        dialogues = self.write(Dialogue, dialogues)
        themes = self.write(
            Theme,
            [
                Theme(dialogue=dialogue, name=name, key_question=question, position=i)
                for dialogue in dialogues
                for i, (name, question) in enumerate(DEFAULT_THEMES)
            ],
        )
        themes_of = {dialogue.pk: themes[5 * i : 5 * i + 5] for i, dialogue in enumerate(dialogues)}
        perspectives = self.write(
            Perspective,
            [
                Perspective(dialogue=dialogue, name=name, position=i)
                for dialogue in dialogues
                for i, name in enumerate(PERSPECTIVES)
            ],
        )
        perspectives_of = {dialogue.pk: perspectives[8 * i : 8 * i + 8] for i, dialogue in enumerate(dialogues)}
        actors = self.write(
            Actor,
            [
                Actor(
                    dialogue=dialogue,
                    name=f"Akteur {n + 1}",
                    perspective=rng.choice(perspectives_of[dialogue.pk]),
                    email=f"akteur{n + 1}@example.invalid",
                    consent=rng.random() < 0.7,
                )
                for dialogue, d in zip(dialogues, plan.dialogues)
                for n in range(d.actors)
            ],
        )
        self.write(
            Actor.themes.through,
            [Actor.themes.through(actor_id=a.pk, theme_id=rng.choice(themes_of[a.dialogue_id]).pk) for a in actors],
        )
        phase_of = {dialogue.pk: d.phase for dialogue, d in zip(dialogues, plan.dialogues)}
        self.write(
            Invitation,
            [
                Invitation(
                    dialogue_id=a.dialogue_id,
                    actor=a,
                    expires_on=self.today + datetime.timedelta(days=60),
                    sent_at=self.now,
                    status=rng.choice(["accepted", "accepted", "declined", "pending"])
                    if phase_of[a.dialogue_id] != "preparation"
                    else "pending",
                    token=hashlib.sha256(f"synthetic-{self.run}-{a.pk}".encode()).hexdigest(),
                )
                for a in actors
                if phase_of[a.dialogue_id] != "preparation" or rng.random() < 0.5
            ],
        )
        for dialogue, d in zip(dialogues, plan.dialogues):
            if d.held:
                self._event(dialogue, d, themes_of[dialogue.pk], consultant, rng)
        self._funding(plan, municipality, dialogues, rng)
        steering = self.write(
            SteeringGroup,
            [SteeringGroup(dialogue=dialogue) for dialogue, d in zip(dialogues, plan.dialogues) if d.phase in AFTER],
        )
        self.write(
            SteeringMember,
            [
                SteeringMember(steering_group=g, user=steering_user, name=str(steering_user), role="chair")
                for g in steering
            ]
            + [
                SteeringMember(steering_group=g, name=f"Mitglied {i + 1}", organisation="Freundeskreis Asyl")
                for g in steering
                for i in range(3)
            ],
        )

    def _event(self, dialogue: Dialogue, d, themes: list[Theme], consultant, rng: random.Random) -> None:
        """The live event and what came of it: participants, cards, dots, bundles, decisions, measures."""
        session = self.write(
            Session,
            [
                Session(
                    dialogue=dialogue,
                    title="Dialogabend",
                    code=f"S{self.run:02d}{dialogue.pk:09d}"[-12:],
                    method=Method.WORLD_CAFE,
                    status=SessionStatus.CLOSED if d.phase in AFTER else SessionStatus.RUNNING,
                )
            ],
        )[0]
        people = self.write(Participant, participant_rows(session, d.participants, self.run, rng, self.now))
        cards = self.write(Contribution, card_rows(session, d.cards, themes, people, rng))
        voting = self.write(
            DotVoting,
            [
                DotVoting(
                    session=session,
                    title="Was ist am wichtigsten?",
                    all_cards=True,
                    budget=DOTS,
                    is_open=False,
                    closed_at=self.now,
                )
            ],
        )[0]
        self.write(Vote, vote_rows(voting, people, cards, rng))
        if not d.clusters:
            return
        bundled = cards[: int(len(cards) * d.bundled_share)]
        clusters = self.write(
            Cluster,
            [
                Cluster(
                    dialogue=dialogue,
                    session=session,
                    theme=rng.choice(themes),
                    title=f"Bündel {i + 1}: {rng.choice(texts.SUBJECTS)}",
                    position=i,
                    created_by=consultant,
                )
                for i in range(d.clusters)
            ],
        )
        self.write(
            ClusterCard,
            [ClusterCard(cluster=clusters[i % len(clusters)], contribution=card) for i, card in enumerate(bundled)],
        )
        decisions = []
        if d.phase in AFTER:
            for cluster in clusters[: int(len(clusters) * 0.6)]:
                outcome = rng.choice(["adopted", "adopted", "adopted", "rejected"])
                decisions.append(
                    Decision(
                        dialogue=dialogue,
                        cluster=cluster,
                        title=cluster.title,
                        outcome=outcome,
                        reason="Bereits in Planung." if outcome == "rejected" else "",
                        decided_by=consultant,
                        decided_at=self.now,
                    )
                )
        decisions = self.write(Decision, decisions)
        adopted = [x for x in decisions if x.outcome == "adopted"]
        measures = self.write(Measure, measure_rows(dialogue, d.measures, themes, adopted, rng, self.today))
        self.write(
            ProgressUpdate,
            [
                ProgressUpdate(
                    measure=m,
                    reported_on=self.today - datetime.timedelta(days=rng.randint(1, 200)),
                    text="Erste Gespräche geführt, nächster Termin steht.",
                    status=m.status,
                    progress=m.progress,
                )
                for m in measures
                for _ in range(rng.randint(0, 4))
            ],
        )

    def _funding(
        self, plan: MunicipalityPlan, municipality: Municipality, dialogues: list[Dialogue], rng: random.Random
    ) -> None:
        applications = []
        for dialogue, d in zip(dialogues, plan.dialogues):
            if not d.application_status:
                continue
            approved = d.application_status == "approved"
            applications.append(
                FundingApplication(
                    dialogue=dialogue,
                    programme=self.programme,
                    applicant=municipality.name,
                    project_title=dialogue.title,
                    status=d.application_status,
                    own_share=Decimal("300.00"),
                    approved_amount=Decimal(rng.choice([2000, 2500, 3000])) if approved else None,
                    submitted_on=dialogue.starts_on - datetime.timedelta(days=60)
                    if d.application_status != "draft"
                    else None,
                    expected_participants=d.participants or 60,
                )
            )
        applications = self.write(FundingApplication, applications)
        categories = ["moderation", "venue", "catering", "interpreters"]
        self.write(
            CostLine,
            [
                CostLine(application=a, category=c, planned_amount=Decimal(rng.randint(2, 15) * 100), position=i)
                for a in applications
                for i, c in enumerate(categories)
            ],
        )
