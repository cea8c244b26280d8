"""Erase what the join notice promises to erase: participants' names, languages and perspectives.

Run it when the documentation is finished (`--session CODE`), and regularly (e.g. daily) so that nothing
outlives the promised six months: `dialogwerk live_forget --older-than-days 180`. Cards and dots stay,
without anything that points to a person; the tokens stop working.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dialogwerk.live import services
from dialogwerk.live.models import Session


class Command(BaseCommand):
    help = "Erase participants' personal data of finished live sessions."

    def add_arguments(self, parser):
        parser.add_argument("--session", help="join code of one session")
        parser.add_argument("--older-than-days", type=int, help="every session created before this many days")

    def handle(self, *args, **options):
        sessions = Session.objects.all()
        if options["session"]:
            sessions = sessions.filter(code=options["session"].upper())
        elif options["older_than_days"] is not None:
            sessions = sessions.filter(
                created_at__lt=timezone.now() - datetime.timedelta(days=options["older_than_days"])
            )
        else:
            raise CommandError("Give --session CODE or --older-than-days N.")
        total = sum(services.participants_forget(session=session) for session in sessions)
        self.stdout.write(f"{total} participants erased")
