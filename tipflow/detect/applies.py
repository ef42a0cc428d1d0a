"""SQL for an indicator's ``applies_to``: which accounts it looks at, by holder profile.

The same condition is written twice: over ``legs`` (window measures filter the legs they
aggregate) and over ``account_profile`` (query measures' rows are filtered after the query).
"""

from __future__ import annotations

from tipflow.detect.schema import AppliesTo, Reference
from tipflow.engine.sql import sql_string

_LEG_COLUMNS = {
    "party_type": "holder_party_type",
    "industry": "holder_industry",
    "account_type": "holder_account_type",
    "employees": "holder_employees",
}
_PROFILE_COLUMNS = {
    "party_type": "party_type",
    "industry": "industry_code",
    "account_type": "account_type",
    "employees": "employee_count",
}


def applies_on_legs(applies: AppliesTo | None, reference: Reference) -> str:
    return _condition(applies, _LEG_COLUMNS, reference)


def applies_on_profile(applies: AppliesTo | None, alias: str, reference: Reference) -> str:
    columns = {key: f"{alias}.{column}" for key, column in _PROFILE_COLUMNS.items()}
    return _condition(applies, columns, reference)


def _prefixes(names: list[str], reference: Reference) -> list[str]:
    return [prefix for name in names for prefix in reference.industries.get(name, [])]


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(sql_string(v) for v in values)})"


def _prefixed(column: str, prefixes: list[str]) -> str:
    return "(" + " OR ".join(f"starts_with({column}, {sql_string(p)})" for p in prefixes) + ")"


def _condition(applies: AppliesTo | None, columns: dict[str, str], reference: Reference) -> str:
    if applies is None:
        return "true"
    parts: list[str] = []
    if applies.party_types:
        parts.append(_in(columns["party_type"], list(applies.party_types)))
    if applies.account_types:
        parts.append(_in(columns["account_type"], applies.account_types))
    if applies.industries:
        parts.append(_prefixed(columns["industry"], _prefixes(applies.industries, reference)))
    if applies.exclude_industries:
        industry = columns["industry"]
        parts.append(
            f"({industry} IS NULL OR NOT "
            f"{_prefixed(industry, _prefixes(applies.exclude_industries, reference))})"
        )
    if applies.min_employees is not None:
        parts.append(f"coalesce({columns['employees']}, 0) >= {applies.min_employees}")
    return " AND ".join(parts) or "true"
