"""The closed lists an NGO's case data point is made of.

After the Mekong Club's guidance on the finance data points survivors' cases hold (how victims
were paid, their debts, who controlled their accounts, the payment channels, the amounts and the
corridors) and the exploitation forms of the UNODC's Global Report. Closed lists, not free text:
they are what can be counted across NGOs without identifying anyone.
"""

from __future__ import annotations

from enum import StrEnum


class Crime(StrEnum):
    HUMAN_TRAFFICKING = "human_trafficking"
    MIGRANT_SMUGGLING = "migrant_smuggling"


class Exploitation(StrEnum):
    SEXUAL = "sexual"
    LABOUR = "labour"
    DOMESTIC_SERVITUDE = "domestic_servitude"
    FORCED_CRIMINALITY = "forced_criminality"
    FORCED_BEGGING = "forced_begging"
    FORCED_MARRIAGE = "forced_marriage"
    ONLINE_SCAM_COMPOUND = "online_scam_compound"
    NONE = "none"  # smuggling without exploitation
    OTHER = "other"


class AgeBand(StrEnum):
    UNDER_18 = "under_18"
    FROM_18_TO_24 = "18_24"
    FROM_25_TO_34 = "25_34"
    FROM_35_TO_49 = "35_49"
    FROM_50 = "50_plus"
    UNKNOWN = "unknown"


class PaymentChannel(StrEnum):
    """How money moved: to the victim, from the victim, or for the exploitation."""

    BANK_TRANSFER = "bank_transfer"
    CASH = "cash"
    MONEY_TRANSFER_OPERATOR = "money_transfer_operator"
    MOBILE_MONEY = "mobile_money"
    PREPAID_CARD = "prepaid_card"
    CRYPTOCURRENCY = "cryptocurrency"
    INFORMAL_VALUE_TRANSFER = "informal_value_transfer"  # hawala, fei ch'ien
    CARD_PAYMENT = "card_payment"
    IN_KIND = "in_kind"


class WageArrangement(StrEnum):
    PAID_TO_VICTIM = "paid_to_victim"
    PAID_TO_CONTROLLER = "paid_to_controller"
    PAID_INTO_CONTROLLED_ACCOUNT = "paid_into_controlled_account"
    DEDUCTIONS_FOR_DEBT = "deductions_for_debt"
    DEDUCTIONS_FOR_LODGING = "deductions_for_lodging"
    WITHHELD = "withheld"
    UNPAID = "unpaid"


class AccountControl(StrEnum):
    """Who controlled the victim's accounts, cards or wallets."""

    VICTIM = "victim"
    CONTROLLER = "controller"
    EMPLOYER = "employer"
    RECRUITER = "recruiter"
    SHARED = "shared"
    NO_ACCOUNT = "no_account"
    UNKNOWN = "unknown"


class DebtCreditor(StrEnum):
    RECRUITER = "recruiter"
    EMPLOYER = "employer"
    SMUGGLER = "smuggler"
    CONTROLLER = "controller"
    LENDER = "lender"
    FAMILY = "family"


class AmountPurpose(StrEnum):
    RECRUITMENT_FEE = "recruitment_fee"
    SMUGGLING_FEE = "smuggling_fee"
    TRANSPORT = "transport"
    DOCUMENTS = "documents"
    LODGING = "lodging"
    ADVERTISING = "advertising"
    DEBT_REPAYMENT = "debt_repayment"
    WAGE = "wage"
    EARNINGS_TAKEN = "earnings_taken"
    BRIBE = "bribe"
    OTHER = "other"


class ConsentBasis(StrEnum):
    """What the survivor agreed to, as the NGO recorded it."""

    INFORMED_WRITTEN = "informed_written"
    INFORMED_VERBAL = "informed_verbal"
    GUARDIAN = "guardian"  # for a child, by a legal guardian


class ConsentScope(StrEnum):
    PARTNERSHIP_ANALYSIS = "partnership_analysis"  # counted with others, read by the FIU
    LAW_ENFORCEMENT_REFERRAL = "law_enforcement_referral"  # may also be disclosed to police
