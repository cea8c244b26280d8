"""`dialogwerk send_reminders`: send the measures' due reminders (and the participants' news of the results)
now, or queue that for the worker.

Run it once a day (cron or a systemd timer); sending twice on one day sends nothing new."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dialogwerk.measures import subscriptions
from dialogwerk.measures.tasks import send_due_reminders, send_reminders


class Command(BaseCommand):
    help = "Send the reminders about measures that are due, overdue or without a progress report, and about funding deadlines."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--enqueue", action="store_true", help="Queue the task for `dialogwerk db_worker`.")

    def handle(self, *args, today=None, enqueue=False, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError("--today must be a date like 2027-03-31") from None
        if enqueue:
            result = send_reminders.enqueue(today=day.isoformat())
            self.stdout.write(f"queued {result.id}")
            return
        sent = send_due_reminders(today=day)
        told = subscriptions.results_notices_send()
        self.stdout.write(f"{sent} reminder(s) sent, {told} participant(s) told of new results")
