"""Walk every URL the project has, so that a new page is covered by the tenant-isolation test at once.

A URL parameter is filled from a factory that makes an object in the *other* municipality. Apps register
factories for their own parameters in `tests/<app>/tenant_kwargs.py` with `@url_kwarg("name")`; a
parameter without a factory fails the test, naming what to add. The same module may declare
`PUBLIC_URL_NAMES = {...}`: pages that anyone may open (a join page, an RSVP link), walked separately.
"""

import importlib
import pathlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

FACTORIES: dict[str, Callable[[dict], object]] = {}
PUBLIC_URL_NAMES: set[str] = set()
PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def url_kwarg(name: str):
    def register(factory: Callable[[dict], object]):
        FACTORIES[name] = factory
        return factory

    return register


def load_factories() -> None:
    for module in sorted(pathlib.Path(__file__).parent.glob("*/tenant_kwargs.py")):
        loaded = importlib.import_module(f"tests.{module.parent.name}.tenant_kwargs")
        PUBLIC_URL_NAMES.update(getattr(loaded, "PUBLIC_URL_NAMES", ()))


@dataclass(frozen=True)
class Route:
    route: str
    name: str
    params: tuple[str, ...]

    def fill(self, values: dict[str, object]) -> str:
        return "/" + PARAM.sub(lambda m: str(values[m.group("name")]), self.route)


def walk(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner_namespace = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, route, inner_namespace)
        elif isinstance(entry, URLPattern):
            if route.startswith("^") or "(?P" in route:
                route = route.lstrip("^").rstrip("$")
            name = f"{namespace}{entry.name}" if entry.name else route
            yield Route(route=route, name=name, params=tuple(m.group("name") for m in PARAM.finditer(route)))
