from django.core.management.base import BaseCommand

from dialogwerk.core.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo municipality Musterstadt (idempotent: never changes or deletes existing data)."

    def handle(self, *args, **options):
        context = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo municipality Musterstadt is ready. Logins:"))
        for user in context["users"].values():
            self.stdout.write(f"  {user.email:32} {context['password']}")
