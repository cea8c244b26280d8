"""Anonymise the participants of dialogues closed longer than PRIVACY_RETENTION_DAYS (default 180).

`dialogwerk apply_retention` runs it now; `--today 2027-06-01` pretends another day (to check what would go).
The worker runs the same as the task `dialogwerk.privacy.tasks.apply_retention`.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from dialogwerk.privacy import services


class Command(BaseCommand):
    help = "Anonymise participants of dialogues closed longer than the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the day to count from, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date as YYYY-MM-DD.") from None
        count = services.retention_apply(today=today)
        self.stdout.write(f"{count} participants anonymised (retention {services.retention_days()} days)")
