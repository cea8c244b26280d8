"""IBAN checks without Django: normalise, validate the ISO 13616 checksum (mod 97), mask for display."""

import re

# Length per country for the countries German municipalities deal with; others only need the checksum.
LENGTHS = {"DE": 22, "AT": 20, "CH": 21, "FR": 27, "NL": 18, "BE": 16, "LU": 20, "IT": 27, "ES": 24, "PL": 28}


def normalise(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def is_valid(value: str) -> bool:
    iban = normalise(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return False
    if iban[:2] in LENGTHS and len(iban) != LENGTHS[iban[:2]]:
        return False
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


def formatted(value: str) -> str:
    iban = normalise(value)
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def masked(value: str) -> str:
    """Country code and the last four characters; enough to recognise an account, not to use it."""
    iban = normalise(value)
    if len(iban) < 8:
        return "•" * len(iban)
    hidden = iban[:2] + "•" * (len(iban) - 6) + iban[-4:]
    return " ".join(hidden[i : i + 4] for i in range(0, len(hidden), 4))
