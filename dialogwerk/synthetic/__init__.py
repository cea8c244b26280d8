"""A synthetic state-wide installation for load tests: `dialogwerk generate_installation`.

`plan` decides how many of what (pure, seeded), `texts` supplies plausible card texts, `build` writes the
rows in large batches. Nothing here is used by the running application.
"""
