"""A measure factory for the implementation's tests."""

import pytest

from dialogwerk.measures import services


@pytest.fixture
def make_measure(dialogue, consultant):
    def make(title: str = "Sprachcafé", **fields):
        return services.measure_create(actor=consultant, dialogue=dialogue, title=title, **fields)

    return make
