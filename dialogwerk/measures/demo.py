"""Demo part of measures: Musterstadt's catalogue of 12 measures in various states, progress reports, a
Begleitkreis, a public response and the summary in German, Arabic and Ukrainian. Idempotent: each part is
created only when the dialogue has none of it yet."""

import datetime
from decimal import Decimal

from django.utils import timezone

from dialogwerk.synthesis.models import Outcome

from . import services
from .models import SteeringRole

# title, theme index, owner, organisation, status, progress, start (days from today), due (days), public,
# reports as (days ago, text)
DEMO_MEASURES = [
    (
        "Übergangsgruppe Kita im Gemeindehaus",
        1,
        "Frau Berger",
        "Stadt Musterstadt, Amt für Familie",
        "in_progress",
        40,
        -60,
        90,
        True,
        [
            (50, "Raum im Gemeindehaus zugesagt, Betriebserlaubnis beantragt."),
            (12, "Zwei Fachkräfte eingestellt, Start im Herbst."),
        ],
    ),
    (
        "Sprachcafé im Rathaus",
        3,
        "Herr Okafor",
        "Bürgerverein Musterstadt",
        "done",
        100,
        -120,
        -20,
        True,
        [(100, "Erstes Treffen mit 14 Teilnehmenden."), (25, "Läuft jeden Mittwoch, 20 bis 30 Gäste.")],
    ),
    (
        "Patenschaften alte und neue Nachbarn",
        3,
        "Frau Yilmaz",
        "Caritas Musterkreis",
        "in_progress",
        30,
        -90,
        120,
        True,
        [(80, "Zwölf Patenschaften vermittelt.")],
    ),
    (
        "Nachbarschaftsfest im Sommer",
        3,
        "Herr Wagner",
        "Stadt Musterstadt, Kulturamt",
        "planned",
        10,
        -30,
        20,
        True,
        [],
    ),
    (
        "Praktikumsbörse mit örtlichen Betrieben",
        2,
        "Frau Schäfer",
        "Handels- und Gewerbeverein",
        "in_progress",
        50,
        -100,
        -10,
        True,
        [(70, "18 Betriebe machen mit.")],
    ),
    (
        "Beratung zur Anerkennung von Abschlüssen",
        2,
        "Herr Demir",
        "Jobcenter Musterkreis",
        "in_progress",
        20,
        -150,
        60,
        False,
        [(75, "Sprechstunde einmal im Monat im Rathaus.")],
    ),
    ("Bessere Beleuchtung am Bahnhof", 4, "Herr Klein", "Stadt Musterstadt, Bauamt", "planned", 0, -20, 25, True, []),
    (
        "WLAN in der Gemeinschaftsunterkunft",
        4,
        "Frau Roth",
        "Landratsamt Musterkreis",
        "paused",
        60,
        -140,
        -5,
        False,
        [(65, "Router bestellt; Einbau wartet auf den Vermieter.")],
    ),
    ("Fußballturnier mit Vereinen", 3, "", "TSV Musterstadt", "planned", 0, 0, 45, False, []),
    ("Wohnungsbörse für Familien", 0, "", "AG Wohnen", "planned", 0, 0, 75, True, []),
    (
        "Mobile Sprechstunde der Integrationsbeauftragten",
        3,
        "Frau Berger",
        "Stadt Musterstadt",
        "dropped",
        0,
        -110,
        -40,
        False,
        [(90, "Zugunsten des Sprachcafés eingestellt.")],
    ),
    (
        "Infoabend für die Nachbarschaft der Unterkunft",
        0,
        "Herr Wagner",
        "Stadt Musterstadt",
        "in_progress",
        70,
        -80,
        14,
        True,
        [(62, "Termin steht, Einladungen verteilt.")],
    ),
]
DEMO_MEMBERS = [
    ("steering", "Vorsitz des Begleitkreises", SteeringRole.CHAIR, "Gemeinderat Musterstadt"),
    (None, "Frau Yilmaz", SteeringRole.MEMBER, "Caritas Musterkreis"),
    (None, "Herr Okafor", SteeringRole.MEMBER, "Bürgerverein Musterstadt"),
]
SUMMARY = {
    "de": "Beim Flüchtlingsdialog haben rund 70 Menschen beraten. Beschlossen wurden mehr Kita-Plätze, ein Sprachcafé, "
    "Patenschaften und eine Praktikumsbörse. Wie Familien Wohnungen finden, erarbeitet die AG Wohnen. Der "
    "Begleitkreis berichtet hier über den Stand.",
    "ar": "شارك في حوار اللاجئين نحو 70 شخصاً. تقرر توفير أماكن إضافية في رياض الأطفال ومقهى لغة وبرنامج رعاية "
    "وسوق للتدريب العملي. تعمل مجموعة عمل السكن على إيجاد مساكن للعائلات. تنشر مجموعة المتابعة هنا آخر المستجدات.",
    "uk": "У діалозі взяли участь близько 70 людей. Ухвалено: більше місць у дитсадках, мовне кафе, наставництво та "
    "біржа практик. Робоча група «Житло» шукає, як родинам знайти квартири. Координаційна група повідомляє тут про хід справ.",
}


def _email(person: str) -> str:
    if not person:
        return ""
    name = person.split()[-1].lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        name = name.replace(umlaut, plain)
    return f"{name}@musterstadt.example"


def load(context: dict) -> None:
    dialogue = context["dialogue"]
    users = context["users"]
    consultant = users["consultant"]
    today = timezone.localdate()
    if not dialogue.measures.exists():
        themes = list(dialogue.themes.order_by("position", "id"))
        adopted = dialogue.decisions.filter(outcome=Outcome.ADOPTED).select_related("cluster").first()
        group = dialogue.working_groups.first()
        for index, (title, theme, person, organisation, status, progress, start, due, public, reports) in enumerate(
            DEMO_MEASURES
        ):
            extra = {}
            if index == 0 and adopted is not None:
                extra = {
                    "decision": adopted,
                    "clusters": [adopted.cluster] if adopted.cluster else [],
                    "contributions": list(adopted.cluster.cards.all()) if adopted.cluster else [],
                }
            if title.startswith("Wohnungsbörse") and group is not None:
                extra["working_group"] = group
            measure = services.measure_create(
                actor=consultant,
                dialogue=dialogue,
                title=title,
                theme=themes[min(theme, len(themes) - 1)] if themes else None,
                responsible_person=person,
                responsible_organisation=organisation,
                responsible_email=_email(person),
                starts_on=today + datetime.timedelta(start),
                due_on=today + datetime.timedelta(due),
                cost_estimate=Decimal(500 * (index + 1)),
                funding_source="Landesprogramm" if index % 2 else "Haushalt der Stadt",
                goal="Bis zur Fälligkeit spürbar mehr Begegnung und Teilhabe.",
                indicator="Zahl der erreichten Personen",
                status="planned",
                progress=0,
                public=public,
                **extra,
            )
            for days_ago, text in reports:
                services.progress_update_create(
                    actor=users["steering"],
                    measure=measure,
                    reported_on=today - datetime.timedelta(days_ago),
                    text=text,
                    status=status if days_ago == reports[-1][0] else "in_progress",
                    progress=progress if days_ago == reports[-1][0] else max(0, progress - 20),
                )
            if not reports and (status, progress) != ("planned", 0):
                services.measure_update(actor=consultant, measure=measure, status=status, progress=progress)
            if index == 1:
                services.statement_save(
                    actor=users["admin"],
                    measure=measure,
                    speaker="council",
                    published=True,
                    text="Der Gemeinderat dankt allen Ehrenamtlichen und stellt den Raum im Rathaus dauerhaft zur Verfügung.",
                )
    group = services.steering_group_ensure(dialogue=dialogue)
    if not group.members.exists():
        for user_key, name, role, organisation in DEMO_MEMBERS:
            user = users.get(user_key) if user_key else None
            services.steering_member_add(
                actor=consultant,
                dialogue=dialogue,
                user=user,
                name=str(user) if user else name,
                role=role,
                organisation=organisation,
            )
    if not dialogue.result_summaries.exists():
        for language, text in SUMMARY.items():
            services.summary_save(
                actor=consultant,
                dialogue=dialogue,
                language=language,
                text=text,
                translator="" if language == "de" else "Sprachmittlerpool Musterkreis",
            )
