"""Demo part of measures (see dialogwerk/core/demo.py)."""


def load(context: dict) -> None:
    pass
