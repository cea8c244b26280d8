"""Demo part of live (see dialogwerk/core/demo.py)."""


def load(context: dict) -> None:
    pass
