"""The registry through which each app declares its part (core/registry.py)."""

import pytest

from dialogwerk.core.registry import (
    DeclaredTwice,
    NotDeclared,
    Registry,
    checklist_counters,
    document_sources,
    privacy_parts,
)


def test_it_gives_back_what_an_app_declared():
    registry: Registry[int] = Registry("number")
    registry.declare(app="live", name="cards", part=3)
    assert registry.get("cards") == 3 and "cards" in registry and len(registry) == 1
    assert registry.apps() == {"live"} and [d.name for d in registry.of_app("live")] == ["cards"]


def test_it_keeps_the_order_of_declaration():
    registry: Registry[str] = Registry("word")
    for name in ("b", "a", "c"):
        registry.declare(app="x", name=name, part=name)
    assert registry.names() == ["b", "a", "c"] and [d.part for d in registry] == ["b", "a", "c"]


def test_it_refuses_a_part_no_app_declared():
    with pytest.raises(NotDeclared, match="no app declares the word 'missing'"):
        Registry[str]("word").get("missing")


def test_it_refuses_a_second_app_declaring_the_same_part():
    registry: Registry[str] = Registry("word")
    registry.declare(app="live", name="cards", part="one")
    with pytest.raises(DeclaredTwice):
        registry.declare(app="synthesis", name="cards", part="one")
    with pytest.raises(DeclaredTwice):
        registry.declare(app="live", name="cards", part="another")


def test_declaring_the_same_part_again_changes_nothing():
    registry: Registry[str] = Registry("word")
    registry.declare(app="live", name="cards", part="one")
    registry.declare(app="live", name="cards", part="one")  # ready() run twice
    assert len(registry) == 1


def test_withdrawing_forgets_a_part():
    registry: Registry[str] = Registry("word")
    registry.declare(app="live", name="cards", part="one")
    registry.withdraw("cards")
    assert "cards" not in registry


def test_the_apps_declare_their_parts_when_django_starts():
    assert {"needs_analysis", "invitations", "participants", "agenda", "cards", "votes", "bundles", "measures"} <= set(
        document_sources.names()
    )
    assert document_sources.apps() == {"preparation", "design", "live", "survey", "synthesis", "measures"}
    assert checklist_counters.apps() == {
        "dialogues",
        "preparation",
        "design",
        "live",
        "synthesis",
        "measures",
        "funding",
        "reports",
    }


def test_the_registry_imports_no_django_model():
    import ast
    import pathlib

    import dialogwerk.core.registry as module

    tree = ast.parse(pathlib.Path(module.__file__).read_text())
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert not [name for name in imported if name.startswith(("django", "dialogwerk"))]


def test_the_apps_can_declare_their_parts_again():
    """Django runs ready() again when a test changes INSTALLED_APPS: the same declarations change nothing."""
    from django.apps import apps

    before = {registry.kind: len(registry) for registry in (document_sources, checklist_counters, privacy_parts)}
    for config in apps.get_app_configs():
        if config.name.startswith("dialogwerk."):
            config.ready()
    assert {
        registry.kind: len(registry) for registry in (document_sources, checklist_counters, privacy_parts)
    } == before
