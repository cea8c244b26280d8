"""Join codes people can read off a projector and type on a phone, and participant tokens. No Django."""

import hashlib
import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: characters that look alike on a projector or in handwriting.
JOIN_CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
JOIN_CODE_LENGTH = 6


def new_join_code(length: int = JOIN_CODE_LENGTH, choice=secrets.choice) -> str:
    return "".join(choice(JOIN_CODE_ALPHABET) for _ in range(length))


def normalize_join_code(typed: str) -> str:
    """What people type: lower case, spaces, dashes. Upper-case and drop everything else."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def new_participant_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """Only the digest is stored: a leaked database does not let anyone act as a participant."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
