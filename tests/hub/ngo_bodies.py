"""A valid NGO case data point body (synthetic), for the NGO tests and the access matrix."""

from __future__ import annotations

NARRATIVE = "Wages were paid into an account the recruiter opened and kept the card of."
FINGERPRINT = "ab" * 32


def data_point(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "consent": {
            "basis": "informed_written",
            "scope": "partnership_analysis",
            "recorded_on": "2026-10-01",
        },
        "crime": "human_trafficking",
        "exploitation": ["labour"],
        "began": "2025-03",
        "age_band": "25_34",
        "origin_country": "VN",
        "destination_country": "GB",
        "transit_countries": ["CN", "RU"],
        "sector": "C",
        "payment_channels": ["bank_transfer", "cash"],
        "wage_arrangements": ["paid_into_controlled_account", "deductions_for_debt"],
        "account_control": "recruiter",
        "documents_held_by_controller": True,
        "indicator_ids": ["HT-LAB-04"],
        "amounts": [{"purpose": "recruitment_fee", "amount": "18000.00", "currency": "USD"}],
        "debts": [{"creditor": "recruiter", "amount": "12500.00", "currency": "USD"}],
        "narrative": NARRATIVE,
    }
    body.update(changes)
    return body
