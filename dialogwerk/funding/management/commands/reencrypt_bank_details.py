"""After a key rotation: write all bank details again with the newest key (docs/deployment.md)."""

from django.core.management.base import BaseCommand

from dialogwerk.funding import services


class Command(BaseCommand):
    help = "Encrypt the bank details of all funding applications again with the newest FIELD_ENCRYPTION_KEY and SECRET_KEY."
    requires_system_checks = []

    def handle(self, *args, **options):
        count = services.bank_details_reencrypt()
        self.stdout.write(f"{count} funding applications written with the newest key.")
