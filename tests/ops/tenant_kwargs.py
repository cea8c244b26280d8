"""Operations endpoints: no tenant objects, no URL parameters; open to probes and scrapers (see docs/deployment.md)."""

PUBLIC_URL_NAMES = {"readyz", "metrics"}
