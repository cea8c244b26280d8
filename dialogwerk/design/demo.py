"""Demo part of design (see dialogwerk/core/demo.py)."""


def load(context: dict) -> None:
    pass
