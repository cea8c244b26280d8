"""Personal access token secrets: made, hashed and recognised here. Pure Python (no Django).

A secret reads `dwk_<prefix>_<random>`; only its SHA-256 digest is stored, the prefix is kept in clear so a
person can tell their tokens apart. The random part has 256 bits, so a plain hash (no salt, no stretching)
is enough: there is nothing to guess.
"""

import hashlib
import secrets as _random

MARK = "dwk_"
PREFIX_LENGTH = 8


def make_secret() -> tuple[str, str]:
    """A new secret and its display prefix."""
    prefix = _random.token_hex(PREFIX_LENGTH // 2)
    return f"{MARK}{prefix}_{_random.token_urlsafe(32)}", prefix


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_a_token(secret: str) -> bool:
    """Cheap check before any database look-up; other bearer tokens (participants') do not start so."""
    return secret.startswith(MARK) and len(secret) <= 200
