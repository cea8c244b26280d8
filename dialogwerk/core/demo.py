"""The demo municipality "Musterstadt". Each app contributes its part in a `demo.py` with `load(context)`.

Loading is idempotent: it creates what is missing and never changes or deletes what exists, so running
`make run` again keeps every change a user made to the demo.
"""

from importlib import import_module

from django.db import transaction

# In lifecycle order; each step may use what the earlier ones put into the context.
DEMO_STEPS = [
    "dialogwerk.tenancy.demo",
    "dialogwerk.dialogues.demo",
    "dialogwerk.preparation.demo",
    "dialogwerk.design.demo",
    "dialogwerk.live.demo",
    "dialogwerk.seating.demo",
    "dialogwerk.survey.demo",
    "dialogwerk.synthesis.demo",
    "dialogwerk.measures.demo",
    "dialogwerk.funding.demo",
    "dialogwerk.reports.demo",
]

DEMO_PASSWORD = "musterstadt-demo"


@transaction.atomic
def load_demo() -> dict:
    context: dict = {"password": DEMO_PASSWORD}
    for step in DEMO_STEPS:
        import_module(step).load(context)
    return context
