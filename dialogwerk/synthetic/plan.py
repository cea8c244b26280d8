"""How big each part of a synthetic installation is: municipalities, their dialogues and what these hold.

Pure and seeded: the same arguments give the same plan. Proportions follow the programme's own figures
(docs/DOMAIN: 60–100 people a dialogue, 3–5 dots each, a catalogue of some ten measures) and scale the
cards so that their total is what was asked for.
"""

import random
from dataclasses import dataclass, field

PHASES = [("preparation", 0.20), ("dialogue", 0.15), ("follow_up", 0.40), ("closed", 0.25)]
HELD = {"dialogue", "follow_up", "closed"}  # phases in which the live event has taken place
AFTER = {"follow_up", "closed"}  # phases with bundles, decisions and measures
DISTRICTS = 35  # Baden-Württemberg has 35 rural districts (Landkreise)
REGIONS = ["Stuttgart", "Karlsruhe", "Freiburg", "Tübingen"]  # the four administrative regions
DOTS = 3  # dots per participant
CARDS_PER_CLUSTER = 10
MUNICIPALITIES_PER_CONSULTANT = 10


@dataclass
class DialoguePlan:
    phase: str
    participants: int = 0
    cards: int = 0
    actors: int = 0
    measures: int = 0
    application_status: str = ""  # "" = no funding application
    showcase: bool = False  # the dialogue the benchmark's results page reads

    @property
    def held(self) -> bool:
        return self.phase in HELD

    @property
    def clusters(self) -> int:
        return self.cards // CARDS_PER_CLUSTER if self.held else 0

    @property
    def bundled_share(self) -> float:
        return 0.8 if self.phase in AFTER else 0.3


@dataclass
class MunicipalityPlan:
    index: int
    name: str
    district: int
    region: str
    population: int
    dialogues: list[DialoguePlan] = field(default_factory=list)


def _phase(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for phase, share in PHASES:
        total += share
        if roll < total:
            return phase
    return PHASES[-1][0]


def _application_status(rng: random.Random, phase: str) -> str:
    if rng.random() < 0.2:
        return ""
    if phase == "preparation":
        return rng.choice(["draft", "draft", "submitted"])
    return rng.choice(["approved", "approved", "approved", "submitted", "rejected"])


def plan_installation(
    *, municipalities: int, cards: int, seed: int = 1, showcase_cards: int = 2000
) -> list[MunicipalityPlan]:
    """The plan: municipality 0's first dialogue is the showcase (exactly `showcase_cards` cards, if there are that many)."""
    if municipalities < 1:
        raise ValueError("at least one municipality")
    if cards < 0:
        raise ValueError("cards cannot be negative")
    rng = random.Random(seed)
    plans = []
    for index in range(municipalities):
        # Most municipalities are small; a few are towns (a long tail, as in the state's register).
        population = int(min(650_000, max(500, rng.lognormvariate(8.6, 1.1))))
        district = index % DISTRICTS
        municipality = MunicipalityPlan(
            index=index,
            name=f"Gemeinde {index + 1:04d}",
            district=district,
            region=REGIONS[district % len(REGIONS)],
            population=population,
        )
        count = 1 + (rng.random() < 0.4) + (rng.random() < 0.1)
        for _ in range(count):
            phase = _phase(rng)
            size = 1.0 + min(2.0, population / 50_000)
            dialogue = DialoguePlan(
                phase=phase,
                participants=int(rng.randint(40, 100) * size) if phase in HELD else 0,
                actors=int(rng.randint(20, 40) * size),
                measures=rng.randint(6, 15) if phase in AFTER else 0,
                application_status=_application_status(rng, phase),
            )
            municipality.dialogues.append(dialogue)
        plans.append(municipality)

    showcase = plans[0].dialogues[0]
    showcase.phase, showcase.showcase = "follow_up", True
    showcase.participants = max(showcase.participants, 80)
    showcase.measures = max(showcase.measures, 10)
    showcase.application_status = "approved"
    _spread_cards(plans, cards, rng, showcase_cards=min(showcase_cards, cards))
    return plans


def _spread_cards(plans: list[MunicipalityPlan], total: int, rng: random.Random, *, showcase_cards: int) -> None:
    """Cards in proportion to each held dialogue's participants (with noise), summing exactly to `total`."""
    held = [d for m in plans for d in m.dialogues if d.held and not d.showcase]
    showcase = plans[0].dialogues[0]
    showcase.cards = showcase_cards
    rest = total - showcase_cards
    if not held:
        showcase.cards = total
        return
    weights = [d.participants * rng.uniform(0.5, 1.5) for d in held]
    scale = rest / sum(weights)
    assigned = 0
    for dialogue, weight in zip(held, weights):
        dialogue.cards = int(weight * scale)
        assigned += dialogue.cards
    for i in range(rest - assigned):  # the rounding remainder, one card each
        held[i % len(held)].cards += 1


def totals(plans: list[MunicipalityPlan]) -> dict[str, int]:
    """Expected row counts of the main tables, for the command's summary and the test."""
    dialogues = [d for m in plans for d in m.dialogues]
    return {
        "municipalities": len(plans),
        "dialogues": len(dialogues),
        "sessions": sum(1 for d in dialogues if d.held),
        "participants": sum(d.participants for d in dialogues),
        "cards": sum(d.cards for d in dialogues),
        "clusters": sum(d.clusters for d in dialogues),
        "measures": sum(d.measures for d in dialogues),
        "applications": sum(1 for d in dialogues if d.application_status),
        "actors": sum(d.actors for d in dialogues),
    }
