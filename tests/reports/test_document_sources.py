"""Every document source an app declares runs against the demo and gives its data: a renamed or missing field
raises here instead of printing "keine Daten" in a published document."""

import dataclasses
import datetime

import pytest
from django.core.exceptions import FieldError
from django.core.management import call_command

from dialogwerk.core.registry import NotDeclared, document_sources
from dialogwerk.dialogues.models import Dialogue
from dialogwerk.reports import documentation, sources

OPTIONS = {"participants": {"unknown_label": "ohne Angabe"}, "invitations": {"unknown_label": "ohne Angabe"}}


def _with_what_the_demo_lacks(dialogue):
    """The demo has no working groups or survey answers: add them, and a few invitations."""
    from dialogwerk.live.models import Session
    from dialogwerk.preparation.models import Actor, Invitation
    from dialogwerk.survey.models import Survey, SurveyAnswer
    from dialogwerk.synthesis.models import WorkingGroup

    perspective = dialogue.perspectives.first()
    for n, status in enumerate(["accepted", "accepted", "declined"]):
        actor = Actor.objects.create(
            dialogue=dialogue, name=f"Verein {n}", perspective=perspective, kind="organisation", consent=True
        )
        Invitation.objects.create(dialogue=dialogue, actor=actor, expires_on=dialogue.ends_on, status=status)
    WorkingGroup.objects.create(
        dialogue=dialogue, name="AG Wohnen", mandate="Wohnraum finden", proposal_due_on=datetime.date(2027, 1, 1)
    )
    survey, _created = Survey.objects.get_or_create(session=Session.objects.filter(dialogue=dialogue).first())
    SurveyAnswer.objects.create(survey=survey, process=4, results=3, again=5)


def _holds_data(value) -> bool:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_holds_data(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, tuple):
        return all(_holds_data(part) for part in value)  # decisions and working groups alike
    return bool(value)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    dialogue = Dialogue.objects.filter(municipality__name="Musterstadt").order_by("pk").first()
    _with_what_the_demo_lacks(dialogue)
    return dialogue


def test_every_declared_source_gives_the_demo_s_data(demo):
    assert len(document_sources) >= 13
    for declaration in document_sources:
        result = declaration.part(demo, **OPTIONS.get(declaration.name, {}))
        assert _holds_data(result), f"{declaration.app}'s {declaration.name} gave nothing for the demo"


def test_every_source_of_the_documents_is_declared(demo):
    participation = sources.participation(demo)
    assert participation.participants and participation.accepted_invitations > 2
    assert {"Verein 0", "Verein 1"} <= set(participation.consenting_organisations)
    agenda = sources.agenda(demo)
    assert agenda.items and agenda.methods
    assert 4 in sources.survey(demo).process
    assert sources.decisions(demo)[1][0].name == "AG Wohnen"
    assert all(bundle.cards for bundle in sources.bundles(demo))


def test_a_reader_that_fails_breaks_the_document_instead_of_leaving_a_section_empty(demo, monkeypatch):
    from dialogwerk.measures.models import Measure

    def renamed_field(dialogue):
        return list(Measure.objects.filter(dialogue=dialogue).values_list("renamed_title"))

    declaration = next(d for d in document_sources if d.name == "measures")
    document_sources.withdraw("measures")
    document_sources.declare(app="measures", name="measures", part=renamed_field)
    try:
        with pytest.raises(FieldError):
            documentation.build(demo)
    finally:
        document_sources.withdraw("measures")
        document_sources.declare(app=declaration.app, name="measures", part=declaration.part)


def test_a_source_no_app_declares_is_an_error(demo):
    with pytest.raises(NotDeclared):
        sources.read("minutes_of_the_council", demo)
