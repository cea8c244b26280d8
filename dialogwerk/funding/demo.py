"""Demo part of funding: the state's programme, Musterstadt's application with its cost plan, the
experience report, and the funding body with its login (foerderstelle@musterstadt.de)."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import (
    CostLine,
    FundingApplication,
    FundingBody,
    FundingBodyMembership,
    FundingProgramme,
    FundingReport,
    ReviewAction,
    ReviewStep,
    Steckbrief,
)
from .services import application_create

BODY_NAME = "Landeszentrale für politische Bildung Baden-Württemberg"
BODY_EMAIL = "foerderstelle@musterstadt.de"
# (category, description, planned, actual, reason for the deviation): after the evening, as reported.
COSTS = [
    ("moderation", "Moderation des Dialogabends (2 Personen)", "1200.00", "1200.00", ""),
    ("consulting", "Bedarfsanalyse, Akteursanalyse, Konzept", "600.00", "600.00", ""),
    (
        "venue",
        "Bürgersaal im Rathaus mit Technik",
        "300.00",
        "180.00",
        "Die Technik war im Saal vorhanden; berechnet wurden nur Hausmeister und Reinigung.",
    ),
    ("catering", "Imbiss und Getränke für 70 Personen", "450.00", "520.00", ""),
    (
        "interpreters",
        "Dolmetschen Arabisch und Farsi",
        "400.00",
        "560.00",
        "Zusätzlich Ukrainisch gedolmetscht: mehr ukrainische Familien haben zugesagt als erwartet.",
    ),
    ("childcare", "Kinderbetreuung während des Dialogs", "150.00", "150.00", ""),
    ("materials", "Moderationsmaterial, Stellwände", "100.00", "85.00", ""),
    ("documentation", "Dokumentation und Übersetzung der Ergebnisse", "300.00", "300.00", ""),
]


def load(context: dict) -> None:
    municipality, dialogue = context["municipality"], context["dialogue"]
    body, _created = FundingBody.objects.get_or_create(name=BODY_NAME)
    for covered in (municipality, context.get("other_municipality")):
        if covered is not None and not body.municipalities.filter(pk=covered.pk).exists():
            body.municipalities.add(covered)
    User = get_user_model()
    user = User.objects.filter(email__iexact=BODY_EMAIL).first()
    if user is None:
        user = User(username=BODY_EMAIL, email=BODY_EMAIL, first_name="Petra", last_name="Lang")
        user.set_password(context["password"])
        user.save()
    FundingBodyMembership.objects.get_or_create(user=user, funding_body=body)
    programme = FundingProgramme.objects.filter(state="BW").order_by("pk").first()
    if programme is None:
        programme = FundingProgramme.objects.create(
            state="BW", funding_body=body, application_deadline=timezone.localdate() + datetime.timedelta(days=30)
        )
    context["funding_body"] = body
    context.setdefault("users", {})["funding_body"] = user

    if not FundingApplication.objects.filter(dialogue=dialogue).exists():
        consultant = context["users"]["consultant"]
        application = application_create(
            actor=consultant,
            dialogue=dialogue,
            programme=programme,
            applicant=municipality.name,
            address="Rathausplatz 1\n70000 Musterstadt",
            contact_name="Martin Keller, Integrationsbeauftragter",
            contact_email="verwaltung@musterstadt.de",
            contact_phone="07000 123-45",
            account_holder="Stadtkasse Musterstadt",
            iban="DE89370400440532013000",
            bic="COBADEFFXXX",
            bank_name="Musterbank",
            project_title=dialogue.title,
            goals="Gemeinsam klären, wie alte und neue Bürgerinnen und Bürger gut zusammenleben; "
            "konkrete Maßnahmen vereinbaren und einen Begleitkreis benennen, der ihre Umsetzung sichert.",
            themes_text="\n".join(dialogue.themes.values_list("name", flat=True)),
            method="World-Café mit fünf Thementischen, Punktabfrage, Abschluss im Plenum; Dolmetschen Arabisch/Farsi.",
            starts_on=dialogue.starts_on,
            ends_on=dialogue.ends_on,
            expected_participants=dialogue.expected_participants or 70,
            partners="Freundeskreis Asyl, Evangelische und Katholische Kirchengemeinde, Sportverein, Jobcenter",
            own_share=Decimal("500.00"),
        )
        for position, (category, description, planned, actual, reason) in enumerate(COSTS):
            CostLine.objects.create(
                application=application,
                category=category,
                description=description,
                planned_amount=Decimal(planned),
                actual_amount=Decimal(actual),
                deviation_note=reason,
                position=position,
            )
        # Submitted to the demo's funding body and approved by it, as review.py would record it.
        application.status = "approved"
        application.funding_body = body
        application.submitted_on = timezone.localdate() - datetime.timedelta(days=20)
        application.decided_on = timezone.localdate() - datetime.timedelta(days=5)
        application.approved_amount = Decimal("3000.00")
        application.decision_note = "Der Bescheid geht Ihnen zusätzlich per Post zu."
        application.save()
        application.deadlines.filter(step_key="submit").update(done=True)
        ReviewStep.objects.create(application=application, action=ReviewAction.SUBMITTED, actor=consultant)
        ReviewStep.objects.create(
            application=application,
            action=ReviewAction.APPROVED,
            actor=user,
            funding_body=body,
            amount=application.approved_amount,
            decided_on=application.decided_on,
            message=application.decision_note,
        )
        # Participants and results in short come from the live session and the documentation (fields left empty).
        FundingReport.objects.create(
            application=application,
            remarks="Die Kinderbetreuung wurde gut angenommen; beim nächsten Dialog planen wir Ukrainisch von Anfang an ein.",
        )

    Steckbrief.objects.get_or_create(
        dialogue=dialogue,
        defaults={
            "region": "Stuttgart",
            "contact": "Stadtverwaltung Musterstadt, Martin Keller, verwaltung@musterstadt.de",
            "goal": "Ein gemeinsames Bild der Lage gewinnen und verbindliche Maßnahmen für das Zusammenleben vereinbaren.",
            "format": "Abendveranstaltung (16:00–21:00 Uhr) im Bürgersaal des Rathauses",
            "occasion": "Musterstadt hat 2025 rund 180 Geflüchtete aufgenommen; in der Südstadt gab es Sorgen "
            "wegen einer neuen Unterkunft.",
            "consulting": "Clara Berger (Beratung): Bedarfsanalyse, Konzept, Moderation, Dokumentation. "
            "Selin Aydın: Tischmoderation.",
            "satisfaction_process": 4,
            "satisfaction_results": 4,
            "recommendations": "Skeptische Stimmen persönlich einladen; Dolmetschen von Anfang an einplanen; "
            "vorher vereinbaren, dass der Gemeinderat jedes Ergebnis öffentlich beantwortet.",
        },
    )
