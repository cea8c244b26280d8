"""The widgets written in Python for speed (synthesis/forms.py) must write what Django's own templates write:
on a Django upgrade that changes a widget's markup, this fails and names the widget."""

import re

import pytest
from django import forms

from dialogwerk.dialogues.forms import DateInput
from dialogwerk.synthesis.forms import DateInputInPython, ManyOptionsSelect, TextareaInPython, TextInputInPython

HOSTILE = 'Kita "Sonnenschein" & <Hort>'


def same(html: str) -> str:
    """Whitespace between tags does not change what a browser shows."""
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", [None, "", "Mehr Kita-Plätze", HOSTILE])
@pytest.mark.parametrize(
    "attrs", [None, {"maxlength": 200, "required": True, "aria-describedby": "hilfe", "disabled": False}]
)
def test_text_input_and_textarea_write_what_django_writes(value, attrs):
    for ours, django in (
        (TextInputInPython(attrs={"class": "wide"}), forms.TextInput(attrs={"class": "wide"})),
        (TextareaInPython(attrs={"rows": 3}), forms.Textarea(attrs={"rows": 3})),
    ):
        assert same(ours.render("title", value, attrs)) == same(django.render("title", value, attrs)), type(
            ours
        ).__name__


@pytest.mark.parametrize("value", [None, "2027-03-12"])
def test_the_date_input_writes_what_django_writes(value):
    assert same(DateInputInPython().render("held_on", value, {"id": "id_held_on"})) == same(
        DateInput().render("held_on", value, {"id": "id_held_on"})
    )


@pytest.mark.parametrize("value", [None, "", "c2", ["c2", "c2"], 7])
def test_the_select_writes_what_django_writes(value):
    choices = [("", "---------"), ("c1", HOSTILE), ("c2", "Wohnen"), ("Karten", [("7", "Karte 7"), ("8", "<b>8</b>")])]
    ours, django = ManyOptionsSelect(choices=choices), forms.Select(choices=choices)
    assert same(ours.render("subject", value, {"id": "id_subject", "required": True})) == same(
        django.render("subject", value, {"id": "id_subject", "required": True})
    )
