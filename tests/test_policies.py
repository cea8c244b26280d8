"""Every permission name a policy module declares is registered with a rule (no silently-false checks)."""

import importlib
import pkgutil

import rules

import dialogwerk


def declared_permissions():
    for module_info in pkgutil.walk_packages(dialogwerk.__path__, "dialogwerk."):
        if module_info.name.endswith(".policy"):
            module = importlib.import_module(module_info.name)
            for name, value in vars(module).items():
                if name.isupper() and isinstance(value, str) and "." in value:
                    yield module_info.name, name, value


def test_every_declared_permission_is_registered():
    found = list(declared_permissions())
    assert len(found) >= 6
    for module, name, permission in found:
        assert rules.perm_exists(permission), f"{module}.{name} = {permission!r} has no rule"
