"""Demo part of preparation (see dialogwerk/core/demo.py)."""


def load(context: dict) -> None:
    pass
