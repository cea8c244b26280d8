"""Demo part of funding (see dialogwerk/core/demo.py)."""


def load(context: dict) -> None:
    pass
