"""Demo part of synthesis (see dialogwerk/core/demo.py)."""


def load(context: dict) -> None:
    pass
