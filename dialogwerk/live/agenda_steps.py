"""The steps of a live session taken from the dialogue's agenda (Ablaufplan). Pure Python, no Django.

World-Café rounds become rounds with their minutes; the items of a Zukunftswerkstatt become its phases
(critique, fantasy, realisation); every other item — welcome, plenary, and breaks — becomes a plain step.
Breaks are kept on purpose: the screens then show "Pause" with its timer instead of the step before it.
"""

from dataclasses import dataclass

ROUND, PHASE, STEP = "round", "phase", "step"  # the live app's StepKind values
FUTURE_WORKSHOP = "future_workshop"  # the built-in method's key in the design library
WORLD_CAFE = "world_cafe"


@dataclass(frozen=True)
class AgendaRow:
    title: str
    kind: str  # the agenda item's kind: "step", "round" or "break"
    minutes: int | None
    method_key: str = ""
    method_step: str = ""


@dataclass(frozen=True)
class PlannedStep:
    kind: str
    title: str
    prompt: str
    minutes: int | None


def steps_from_agenda(rows: list[AgendaRow]) -> list[PlannedStep]:
    steps = []
    for row in rows:
        title = row.title.strip()[:200] or row.method_step.strip()[:200]
        if not title:
            continue
        prompt = row.method_step.strip() if row.method_step.strip() != title else ""
        if row.kind == "round":
            kind = ROUND
        elif row.kind != "break" and row.method_key == FUTURE_WORKSHOP:
            kind = PHASE
        else:
            kind = STEP
        steps.append(PlannedStep(kind=kind, title=title, prompt=prompt, minutes=row.minutes or None))
    return steps


def method_of(steps: list[PlannedStep]) -> str:
    """The session's method as the agenda shows it: rounds → World Café, phases → future workshop."""
    kinds = {step.kind for step in steps}
    if ROUND in kinds:
        return WORLD_CAFE
    if PHASE in kinds:
        return FUTURE_WORKSHOP
    return "steps"
