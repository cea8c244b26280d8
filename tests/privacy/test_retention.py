"""Participants of a dialogue closed longer than PRIVACY_RETENTION_DAYS are anonymised by the task worker."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from dialogwerk.dialogues.services import dialogue_set_phase
from dialogwerk.live.models import Contribution
from dialogwerk.privacy import tasks
from dialogwerk.privacy.models import ErasureRecord

pytestmark = pytest.mark.django_db


def test_participants_of_a_long_closed_dialogue_are_anonymised(dialogue, consultant, person, settings):
    settings.PRIVACY_RETENTION_DAYS = 30
    dialogue_set_phase(actor=consultant, dialogue=dialogue, phase="closed")
    participant, _token = person
    today = timezone.localdate()
    call_command(
        "apply_retention", "--today", (today + datetime.timedelta(days=29)).isoformat(), stdout=open("/dev/null", "w")
    )
    participant.refresh_from_db()
    assert participant.display_name == "Zeynep Kaya"
    call_command(
        "apply_retention", "--today", (today + datetime.timedelta(days=31)).isoformat(), stdout=open("/dev/null", "w")
    )
    participant.refresh_from_db()
    assert participant.display_name == "" and Contribution.objects.filter(participant=participant).count() == 2
    record = ErasureRecord.objects.get()
    assert (record.reason, record.count) == ("retention", 1)


def test_an_open_dialogue_keeps_its_participants_and_the_task_runs(person, settings):
    settings.PRIVACY_RETENTION_DAYS = 0
    assert tasks.apply_retention.call() == 0
    person[0].refresh_from_db()
    assert person[0].display_name == "Zeynep Kaya"
