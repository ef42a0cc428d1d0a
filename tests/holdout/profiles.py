"""What the vectorised flows know about each person and business (their profiles)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Profile:
    """What the vectorised ordinary flows need to know about one person's main account."""

    party: str
    cur: str
    city: str
    surname: str
    age: int
    income: float
    gender: str = ""
    sav: str | None = None
    cc: str | None = None
    pay: str = "none"  # weekly | fortnightly | four_weekly | monthly | benefit | pension | none
    employer: str = ""
    employer_acct: str | None = None
    pay_net: float = 0.0
    housing: str = "none"  # rent_fp | rent_dd | mortgage | none
    rent: float = 0.0
    landlord: str = ""
    spend: float = 0.8  # card payments a day
    car: bool = False
    remit_country: str | None = None
    remit_name: str = ""
    remit_amount: float = 0.0
    wallet: str | None = None
    device: str = ""
    ip: str = ""
    night: bool = False
    cash_income: bool = False
    start_day: int = 0
    social: float = 1.0  # scales P2P with friends


@dataclass
class BizProfile:
    party: str
    acct: str
    city: str
    sector: str  # food | retail | salon | trade | services | agri | transport | property | charity
    turnover: float
    employees: int
    card_share: float = 0.6
    cash_share: float = 0.2
    payroll_tax: bool = True
    owner_acct: str | None = None
    device: str = ""
    ip: str = ""
    start_day: int = 0
