"""The code lists the reader checks against: countries (ISO 3166-1) and currencies (ISO 4217).

Active codes come from pycountry; the extra codes a real export carries are declared, with the
reason for each group, in ``code_lists.yaml``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pycountry
import yaml


def _extra_codes(section: str) -> frozenset[str]:
    text = resources.files("tipflow.ingest").joinpath("code_lists.yaml").read_text("utf-8")
    groups = yaml.safe_load(text)[section]
    return frozenset(code for group in groups.values() for code in group["codes"])


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes: assigned, formerly assigned, reserved and user-assigned."""
    current = {c.alpha_2 for c in pycountry.countries}
    historic = {c.alpha_2 for c in pycountry.historic_countries if getattr(c, "alpha_2", None)}
    return frozenset(current | historic | _extra_codes("countries"))


@cache
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes (active and recently withdrawn) and the crypto codes declared in YAML."""
    return frozenset({c.alpha_3 for c in pycountry.currencies} | _extra_codes("currencies"))
