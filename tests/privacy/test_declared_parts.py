"""Every app that holds personal data declares its part in the export and erasure (core/registry.py), and
every section it declares has its place in the export."""

from dialogwerk.core.registry import privacy_parts, privacy_parts_of
from dialogwerk.privacy import processing, services

OWN_SECTIONS = {"kind", "exported_at", "controller", "controllers", "consents", "email"}


def test_every_model_in_the_record_of_processing_is_covered_by_an_app_s_privacy_part():
    held = {label for declaration in privacy_parts for label in declaration.part.holds}
    recorded = {label for activity in processing.activities() for label, _fields in activity.fields}
    assert recorded - held == {"privacy.ConsentRecord"}  # privacy's own records


def test_every_declared_section_has_its_place_in_the_export():
    for subject, layout in services.LAYOUT.items():
        declared = [name for part in privacy_parts_of(subject) for name in part.sections]
        assert len(declared) == len(set(declared)), f"a {subject} section is declared twice"
        assert set(declared) | (OWN_SECTIONS & set(layout)) == set(layout), subject


def test_every_part_says_which_kind_of_person_it_is_about():
    assert {d.part.subject for d in privacy_parts} <= {*services.LAYOUT, "history"}
    assert {d.app for d in privacy_parts} == {
        "tenancy",
        "preparation",
        "seating",
        "live",
        "synthesis",
        "measures",
        "funding",
        "apitokens",
    }


def test_a_contact_part_finds_exports_and_erases():
    for part in privacy_parts_of("contact"):
        assert part.find is not None and part.export is not None and part.erase is not None
