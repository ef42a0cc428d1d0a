"""The ordinary population: persons and businesses whose KYC agrees with how they behave."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.holdout.households import teen_card
from tests.holdout.jobs import EMPLOYERS, JOBS, SECTOR_WORD, SECTORS
from tests.holdout.kyc import Identity, new_identity, org_party, past_date, person_party, relative
from tests.holdout.names import GROUPS, ORDINARY_MIX
from tests.holdout.places import CITIES, CITY_BY_NAME, INSTITUTIONS
from tests.holdout.profiles import BizProfile, Profile
from tests.holdout.world import World

# occupation, gross low, gross high, pay cycle, night share, cash income
# sector, ISIC choices, weight, employees (lo, hi), turnover (lo, hi), card share, cash share


def net_pay(gross: float) -> float:
    taxable = max(gross - 12570.0, 0.0)
    return gross - 0.28 * min(taxable, 37700.0) - 0.42 * max(taxable - 37700.0, 0.0)


def pick_city(w: World, nations: tuple[str, ...] | None = None) -> str:
    cities = [c for c in CITIES if nations is None or c.nation in nations]
    weights = [c.weight for c in cities]
    idx = int(w.rng.choice(len(cities), p=[x / sum(weights) for x in weights]))
    return cities[idx].name


def main_inst(w: World, city: str) -> str:
    if CITY_BY_NAME[city].nation == "NIR" and w.chance(0.6):
        return "LOUGHSIDE"
    shares = [{"ni_bank": 0.01, "emi": 0.0}.get(i.kind, i.share) for i in INSTITUTIONS]
    return INSTITUTIONS[int(w.rng.choice(len(shares), p=[x / sum(shares) for x in shares]))].iid


def make_customer(
    w: World,
    ident: Identity,
    inst: str,
    *,
    occupation: str | None,
    income: float | None,
    opened: date,
    atype: str = "current",
    profile: bool = True,
    savings: bool = False,
    credit: bool = False,
    **kw: Any,
) -> tuple[str, str, Profile | None]:
    """A party with its main account (and optional savings and credit card) and its profile."""
    onboard = min(opened, past_date(w, 0, 8)) if opened < w.start else opened
    party = person_party(w, ident, inst, occupation, income, onboard)
    acct = w.open_account(party, inst, atype, opened, ident.home.city)
    if not profile:
        return party, acct, None
    prof = Profile(
        party=party,
        cur=acct,
        city=ident.home.city,
        surname=ident.surname,
        age=(w.start - ident.birth).days // 365,
        income=float(income or 0.0),
        gender=ident.gender,
    )
    if savings:
        prof.sav = w.open_account(
            party, inst, "savings", opened + timedelta(days=30), ident.home.city
        )
    if credit:
        prof.cc = w.open_account(
            party, inst, "credit_card", opened + timedelta(days=60), ident.home.city
        )
    for key, value in kw.items():
        setattr(prof, key, value)
    if prof.pay in ("weekly", "fortnightly", "four_weekly", "monthly") and not prof.pay_net:
        per = {"weekly": 52, "fortnightly": 26, "four_weekly": 13, "monthly": 12}[prof.pay]
        prof.pay_net = net_pay(prof.income) / per
    prof.device = prof.device or w.device_id()
    prof.ip = prof.ip or w.ip_address(mobile=w.chance(0.4))
    w.profiles.append(prof)
    return party, acct, prof


def make_business(
    w: World,
    sector: str,
    city: str,
    inst: str,
    owner: Identity | None,
    owner_party: str | None,
    name: str | None = None,
    industry: str | None = None,
) -> BizProfile:
    spec = next(s for s in SECTORS if s[0] == sector)
    emp = int(w.rng.integers(spec[3][0], spec[3][1] + 1))
    turnover = float(w.rng.uniform(*spec[4]))
    stem = (
        owner.surname
        if owner and w.chance(0.5)
        else w.pick(
            ("Northgate", "Riverside", "Crown", "Oakfield", "Meridian", "Albion", "Summit", city)
        )
    )
    name = name or f"{stem} {SECTOR_WORD[sector]} {w.pick(('Ltd', 'Ltd', 'Limited', 'UK Ltd'))}"
    onboard = past_date(w, 0.5, 15)
    party = org_party(w, inst, name, industry or w.pick(spec[1]), turnover, emp, city, onboard)
    acct = w.open_account(party, inst, "business", onboard, city)
    bp = BizProfile(
        party=party,
        acct=acct,
        city=city,
        sector=sector,
        turnover=turnover,
        employees=emp,
        card_share=spec[5],
        cash_share=spec[6],
        device=w.device_id(),
        ip=w.ip_address(),
    )
    if owner is not None and owner_party is not None:
        w.link(acct, owner_party, "signatory")
        w.link(acct, owner_party, "beneficial_owner")
    w.biz.append(bp)
    return bp


def ordinary_person(w: World, employers: dict[str, list[BizProfile]]) -> Profile | None:
    group = str(w.rng.choice(list(ORDINARY_MIX), p=list(ORDINARY_MIX.values())))
    city = pick_city(w, ("NIR",)) if group == "irish" and w.chance(0.7) else pick_city(w)
    gender = "female" if w.chance(0.51) else "male"
    age = float(
        w.rng.choice(
            [19, 24, 30, 37, 45, 53, 61, 72, 80],
            p=[0.08, 0.11, 0.14, 0.14, 0.14, 0.13, 0.1, 0.1, 0.06],
        )
        + w.rng.integers(-1, 4)
    )
    ident = new_identity(w, group, gender, age, city)
    inst = main_inst(w, city)
    kw: dict[str, Any] = {
        "spend": float(w.rng.uniform(0.45, 1.3)),
        "car": w.chance(0.35 if city == "London" else 0.65),
        "social": float(w.rng.uniform(0.3, 1.6)),
    }
    occupation: str | None
    if age < 22 and w.chance(0.5):
        occupation, income, kw["pay"] = "Student", float(w.rng.uniform(4000, 9000)), "student"
    elif age >= 66:
        occupation, income, kw["pay"] = "Retired", float(w.rng.uniform(11000, 26000)), "pension"
    elif w.chance(0.08):
        occupation, income, kw["pay"] = "Unemployed", float(w.rng.uniform(5000, 11000)), "benefit"
    elif w.chance(0.08):
        occupation = w.pick(
            (
                "Self-employed plumber",
                "Self-employed decorator",
                "Freelance photographer",
                "Self-employed gardener",
                "Self-employed tutor",
            )
        )
        income, kw["pay"] = float(w.rng.uniform(18000, 45000)), "self"
    else:
        job = w.pick(JOBS)
        occupation, income = job[0], float(w.rng.uniform(job[1], job[2]))
        kw["pay"], kw["night"], kw["cash_income"] = job[3], w.chance(job[4]), job[5]
        local = employers.get(city, [])
        if local and w.chance(0.3):
            boss = w.pick(local)
            kw["employer"], kw["employer_acct"] = "", boss.acct
        else:
            kw["employer"] = w.pick(EMPLOYERS)
            if kw["employer"] in ("City Council", "University"):
                kw["employer"] = f"{city} {kw['employer']}"
    if age < 25 and w.chance(0.45):
        kw["housing"] = "none"
    elif age >= 66 or (age >= 30 and w.chance(0.5)):
        kw["housing"], kw["rent"] = (
            ("mortgage", float(w.rng.uniform(550, 1600))) if age < 66 else ("none", 0.0)
        )
    else:
        kw["housing"] = "rent_fp" if w.chance(0.45) else "rent_dd"
        kw["rent"] = float(
            w.rng.uniform(900, 1900) if city == "London" else w.rng.uniform(550, 1100)
        )
        kw["landlord"] = (
            new_identity(w, "british", "male", 55, city, email=False).surname + " Property"
            if kw["housing"] == "rent_dd"
            else ""
        )
    if ident.nationality != "GB" and w.chance(0.55):
        _, fem, mal, _ = GROUPS[group]
        kw["remit_country"] = ident.nationality
        kw["remit_name"] = f"{w.pick(fem + mal)} {ident.surname}"
        kw["remit_amount"] = float(w.rng.uniform(60, 0.06 * income / 12 + 80))
    opened = past_date(w, 0.3, max(min(age - 16, 25), 1.0))
    _, _, prof = make_customer(
        w,
        ident,
        inst,
        occupation=occupation,
        income=income,
        opened=opened,
        savings=w.chance(0.45),
        credit=w.chance(0.4),
        **kw,
    )
    if prof is not None and prof.remit_country and w.chance(0.35):  # remits through an e-wallet
        wp = person_party(w, ident, "SWIFTSEND", occupation, None, past_date(w, 0.1, 4))
        prof.wallet = w.open_account(wp, "SWIFTSEND", "wallet", past_date(w, 0.1, 3), city)
    if w.chance(0.04):  # an old savings account elsewhere, closed before the window
        other = w.pick([i.iid for i in INSTITUTIONS if i.iid != inst and i.kind != "emi"])
        pid = person_party(w, ident, other, occupation, income, past_date(w, 4, 9))
        w.open_account(
            pid, other, "savings", past_date(w, 3, 4), city, closed=past_date(w, 0.2, 2.5)
        )
    if prof is not None and 36 <= age <= 55 and w.chance(0.08):
        teen_card(w, ident, prof)
    if w.chance(0.22) and age < 70 and prof is not None:  # a partner in the same home
        partner = relative(w, ident, "male" if gender == "female" else "female", age + 2)
        job = w.pick(JOBS)
        make_customer(
            w,
            partner,
            main_inst(w, city),
            occupation=job[0],
            income=float(w.rng.uniform(job[1], job[2])),
            opened=past_date(w, 1, 12),
            pay=job[3],
            employer=w.pick(EMPLOYERS),
            spend=0.6,
            ip=prof.ip,
            car=bool(prof.car),
            housing="none",
            savings=w.chance(0.3),
        )
    return prof


def ordinary_population(w: World, n: int) -> None:
    nbiz = max(12, round(n * 0.08))
    employers: dict[str, list[BizProfile]] = {}
    for _ in range(nbiz):
        city = pick_city(w)
        owner = new_identity(
            w,
            str(w.rng.choice(list(ORDINARY_MIX), p=list(ORDINARY_MIX.values()))),
            "male" if w.chance(0.6) else "female",
            48,
            city,
        )
        inst = (
            "LOUGHSIDE"
            if CITY_BY_NAME[city].nation == "NIR"
            else w.pick(("HRTWGB2L", "HRTWGB2L", "HRTWGB2L", "KESTREL", "PENNINE-BS"))
        )
        sector = str(w.rng.choice([s[0] for s in SECTORS], p=[s[2] for s in SECTORS]))
        oparty, _, oprof = make_customer(
            w,
            owner,
            inst,
            occupation="Company director",
            income=float(w.rng.uniform(30000, 90000)),
            opened=past_date(w, 2, 15),
            savings=True,
            credit=True,
            pay="none",
            housing="mortgage",
            rent=float(w.rng.uniform(700, 1800)),
        )
        bp = make_business(w, sector, city, inst, owner, oparty)
        bp.owner_acct = oprof.cur if oprof else None
        employers.setdefault(city, []).append(bp)
    while len(w.profiles) < n - nbiz:
        ordinary_person(w, employers)
