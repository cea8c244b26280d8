"""Demo part of reports (see dialogwerk/core/demo.py)."""


def load(context: dict) -> None:
    pass
