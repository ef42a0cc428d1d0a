"""People and organisations as each institution records them (own name, phone, address style)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from tests.holdout.names import EMAIL_DOMAINS, GROUPS
from tests.holdout.places import CITY_BY_NAME, STREETS
from tests.holdout.world import World, inst_kind

LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class Home:
    number: int
    street: str
    flat: str
    city: str
    postcode: str


@dataclass(frozen=True)
class Identity:
    given: str
    surname: str
    gender: str
    birth: date
    nationality: str
    home: Home
    mobile: str  # national significant number, e.g. 7911123456
    email: str | None
    group: str


def new_home(w: World, city: str, flat: bool | None = None) -> Home:
    area = w.pick(CITY_BY_NAME[city].areas)
    code = f"{area} {int(w.rng.integers(1, 10))}{w.pick(LETTERS)}{w.pick(LETTERS)}"
    has_flat = w.chance(0.35) if flat is None else flat
    return Home(
        int(w.rng.integers(1, 240)),
        w.pick(STREETS),
        f"Flat {int(w.rng.integers(1, 30))}" if has_flat else "",
        city,
        code,
    )


def new_mobile(w: World) -> str:
    return f"7{int(w.rng.integers(300, 999))}{int(w.rng.integers(100000, 999999))}"


def new_identity(
    w: World,
    group: str,
    gender: str,
    age: float,
    city: str,
    *,
    home: Home | None = None,
    mobile: str | None = None,
    email: bool = True,
) -> Identity:
    nat, fem, mal, sur = GROUPS[group]
    given = w.pick(fem if gender == "female" else mal)
    surname = w.pick(sur)
    born = w.start - timedelta(days=int(age * 365.25 + w.rng.integers(0, 365)))
    mail = None
    if email and w.chance(0.9):
        local = f"{given}.{surname}".lower().replace(" ", "").replace("'", "")
        local = local.encode("ascii", "ignore").decode()
        mail = f"{local}{int(w.rng.integers(1, 99))}@{w.pick(EMAIL_DOMAINS)}"
    if group in ("british", "british_asian") or w.chance(0.1):
        nat = "GB" if group in ("british", "british_asian") else nat
    return Identity(
        given,
        surname,
        gender,
        born,
        nat,
        home or new_home(w, city),
        mobile or new_mobile(w),
        mail,
        group,
    )


def relative(w: World, ident: Identity, gender: str, age: float) -> Identity:
    """Someone of the same family and household (shared surname, address, sometimes e-mail)."""
    other = new_identity(w, ident.group, gender, age, ident.home.city, home=ident.home)
    return replace(other, surname=ident.surname, nationality=ident.nationality)


def styled_name(kind: str, given: str, surname: str, gender: str) -> str:
    if kind == "society":
        return f"{surname}, {given}"
    if kind == "ni_bank":
        title = "MR" if gender == "male" else "MS"
        return f"{title} {given} {surname}".upper()
    if kind == "emi":
        return f"{given} {surname.upper()}"
    return f"{given} {surname}"


def styled_phone(kind: str, mobile: str) -> str:
    if kind == "society":
        return f"0{mobile[:4]} {mobile[4:]}"
    if kind == "ni_bank":
        return f"+44 {mobile[:4]} {mobile[4:]}"
    return f"+44{mobile}"


def styled_address(kind: str, home: Home) -> str:
    line = f"{home.number} {home.street}"
    if kind == "society":
        return (f"{line} {home.flat}" if home.flat else line).upper()
    return f"{home.flat}, {line}" if home.flat else line


def person_party(
    w: World,
    ident: Identity,
    inst: str,
    occupation: str | None,
    income: float | None,
    onboard: date,
) -> str:
    kind = inst_kind(inst)
    row: dict[str, Any] = {
        "party_type": "person",
        "name": styled_name(kind, ident.given, ident.surname, ident.gender),
        "birth_date": ident.birth.isoformat(),
        "gender": ident.gender,
        "nationality": ident.nationality,
        "address": styled_address(kind, ident.home),
        "city": ident.home.city,
        "postal_code": ident.home.postcode,
        "country": "GB",
        "phone": styled_phone(kind, ident.mobile),
        "email": ident.email,
        "occupation": occupation,
        "industry_code": None,
        "declared_income": None if income is None else round(income, -2),
        "employee_count": None,
        "onboarding_date": onboard.isoformat(),
    }
    if kind == "emi" and w.chance(0.5):
        row["gender"] = None  # the payments firm does not ask
    return w.add_party(inst, row)


def org_party(
    w: World,
    inst: str,
    name: str,
    industry: str,
    turnover: float,
    employees: int,
    city: str,
    onboard: date,
    home: Home | None = None,
    phone: str | None = None,
) -> str:
    kind = inst_kind(inst)
    home = home or new_home(w, city, flat=False)
    dial = CITY_BY_NAME[city].dial
    landline = (
        phone or f"{dial}{int(w.rng.integers(10 ** (9 - len(dial)), 10 ** (10 - len(dial))))}"
    )
    domain = "".join(ch for ch in name.lower().split(" ltd")[0] if ch.isalnum())[:18]
    row: dict[str, Any] = {
        "party_type": "organisation",
        "name": name.upper() if kind == "ni_bank" else name,
        "nationality": "GB",
        "address": styled_address(kind, home),
        "city": city,
        "postal_code": home.postcode,
        "country": "GB",
        "phone": styled_phone(kind, landline),
        "email": f"accounts@{domain}.co.uk" if w.chance(0.7) else None,
        "industry_code": industry,
        "declared_income": round(turnover, -3),
        "employee_count": employees,
        "onboarding_date": onboard.isoformat(),
    }
    return w.add_party(inst, row)


def company_name(w: World, stem: str, sector_word: str) -> str:
    suffix = w.pick(("Ltd", "Ltd", "Limited", "Ltd", "& Co Ltd", "UK Ltd"))
    return f"{stem} {sector_word} {suffix}".replace("  ", " ")


def past_date(w: World, min_years: float, max_years: float) -> date:
    days = int(w.rng.uniform(min_years * 365, max_years * 365))
    return w.start - timedelta(days=days)
