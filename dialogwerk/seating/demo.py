"""Demo part of seating: a table plan for Musterstadt's World Café (join code DEMO42), 25 people, 3 rounds.

Idempotent: a plan is made only when the demo session has none; nothing that exists is changed.
"""

from dialogwerk.live.models import Session

from .models import SeatingPlan
from .services import plan_create

DEMO_PEOPLE = """\
Ursula Brenner; Verwaltung; Tisch 1
Thomas Keller; Ehrenamt; Tisch 2
Aylin Demir; Bildung; Tisch 3
Markus Hahn; Nachbarschaft; Tisch 4
Petra Lindner; Kirchen/Religion; Tisch 5
Ahmad Karimi; Geflüchtete
Yasmin Al-Hassan; Geflüchtete
Olena Kovalenko; Geflüchtete
Dawit Tesfaye; Geflüchtete
Jürgen Schäfer; skeptische Bürger
Monika Groß; skeptische Bürger
Klaus Wagner; Nachbarschaft
Sabine Fröhlich; Nachbarschaft
Stefan Bauer; Wirtschaft
Claudia Roth-Meier; Wirtschaft
Hans-Peter Vogt; Politik
Elif Yıldız; Politik
Andreas König; Sicherheit
Karin Zimmermann; Ehrenamt
Fatemeh Rahimi; Ehrenamt
Lukas Neumann; Bildung
Mariam Nasser; Bildung
Bernd Schulze; Verwaltung
Renate Köhler; Kirchen/Religion
Samir Haddad; Geflüchtete
"""


def load(context: dict) -> None:
    session = context.get("live_session") or Session.objects.filter(code="DEMO42").first()
    if session is None or SeatingPlan.objects.filter(session=session).exists():
        return
    context["seating_plan"] = plan_create(
        actor=context["users"]["moderator"],
        session=session,
        rounds=3,
        tables=5,
        distinct_tables=True,
        include_participants=False,
        include_invitations=False,
        people_text=DEMO_PEOPLE,
        seconds=1.0,
    )
