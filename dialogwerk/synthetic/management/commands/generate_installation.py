import json

from django.core.management.base import BaseCommand, CommandError

from dialogwerk.synthetic import build
from dialogwerk.synthetic.plan import plan_installation, totals


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic state-wide installation for load tests: municipalities with "
        "dialogues, actors, live events, cards, dots, bundles, decisions, measures and funding applications. "
        "Each run adds a new installation beside earlier ones (its own AGS range 99NN…); nothing is changed or deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=1100)
        parser.add_argument("--cards", type=int, default=2_000_000)
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiply municipalities and cards, e.g. 0.01 for a quick run"
        )
        parser.add_argument(
            "--showcase-cards",
            type=int,
            default=2000,
            help="cards of the first municipality's first dialogue (the benchmark's results page)",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")

    def handle(self, *args, **options):
        municipalities = max(1, round(options["municipalities"] * options["scale"]))
        cards = max(0, round(options["cards"] * options["scale"]))
        if options["municipalities"] < 1 or options["cards"] < 0 or options["scale"] <= 0:
            raise CommandError("Give at least one municipality, no negative number of cards and a positive scale.")
        if municipalities > 9999:
            raise CommandError("At most 9,999 municipalities per run (the run's AGS range).")
        plans = plan_installation(
            municipalities=municipalities, cards=cards, seed=options["seed"], showcase_cards=options["showcase_cards"]
        )
        try:
            run = build.next_run()
        except RuntimeError as error:
            raise CommandError(str(error)) from None
        verbose = options["verbosity"] > 1 or not options["json"]
        self.stderr.write(f"run {run}: planned {json.dumps(totals(plans))}")
        stats = build.Installation(run=run, seed=options["seed"], stdout=self.stderr if verbose else None).generate(
            plans
        )
        summary = {
            "run": run,
            "ags_prefix": build.ags(run, 0)[:4],
            "password": build.PASSWORD,
            "showcase_ags": build.ags(run, 0),
            "rows": dict(sorted(stats.rows.items())),
            "total_rows": stats.total,
            "seconds": round(stats.seconds, 1),
            "rows_per_second": round(stats.total / stats.seconds) if stats.seconds else None,
        }
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Run {run}: {stats.total:,} rows in {stats.seconds:.0f} s ({summary['rows_per_second']:,} rows/s). "
                    f"Municipalities' AGS start with {summary['ags_prefix']}; accounts end in @s{run:02d}.synthetic.invalid, "
                    f"password “{build.PASSWORD}”."
                )
            )
