"""What ordinary businesses do with their money: income, suppliers, payroll, tax, premises.

Income follows the declared turnover: daily card settlements for shops, restaurants and clinics;
weekly client payments for the others. Outgoings are the ones a lawful business has, including
payroll and payroll tax, whose absence is a labour-trafficking indicator (HT-LAB-03).
"""

from __future__ import annotations

import numpy as np

from tipflow.simulate.clock import EARLY_MORNING, OFFICE_HOURS
from tipflow.simulate.population import PAY_PERIOD_DAYS, Businesses
from tipflow.simulate.routine import periodic
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import World

SUPPLIER_SHARE = 0.35  # of turnover, paid to suppliers
PAYROLL_SHARE = 0.30  # of turnover, paid in wages (net)
PAYROLL_TAX_RATE = 0.22  # of net payroll, withheld and paid to the tax authority
SUPPLIERS = (
    "Sysco Supply Partners",
    "Allied Wholesale",
    "Prime Materials Inc",
    "Metro Food Distributors",
    "National Office Supply",
    "Coastal Equipment Co",
)


def everyday_businesses(world: World, businesses: Businesses) -> None:
    industries = world.config.industries
    card_sales = np.array([i.card_sales for i in industries])[businesses.industry]
    pay_period = np.array([PAY_PERIOD_DAYS[i.pay] for i in industries])[businesses.industry]
    rng, n = world.rng, len(businesses.ids)
    account, city, turnover = businesses.account, businesses.city, businesses.turnover

    shops = np.flatnonzero(card_sales)
    periodic(
        world,
        period=np.ones(len(shops), dtype=np.int64),
        amount=turnover[shops] / 365,
        city=city[shops],
        channel="ach",
        target=account[shops],
        hours=EARLY_MORNING,
        jitter=0.35,
        counterparty_name=Categorical.constant("Merchant Services Settlement", len(shops)),
        description=Categorical.constant("card settlement", len(shops)),
    )
    clients = np.flatnonzero(~card_sales)
    periodic(
        world,
        period=np.full(len(clients), 7),
        amount=turnover[clients] / 52,
        city=city[clients],
        channel="wire",
        target=account[clients],
        hours=OFFICE_HOURS,
        jitter=0.4,
        counterparty_name=Categorical.choose(
            [f"Client {c}" for c in "ABCDEFGH"], rng.integers(0, 8, len(clients))
        ),
        description=Categorical.constant("invoice payment", len(clients)),
    )
    periodic(
        world,
        period=np.full(n, 7),
        amount=turnover * SUPPLIER_SHARE / 52,
        city=city,
        channel="ach",
        source=account,
        hours=OFFICE_HOURS,
        jitter=0.3,
        counterparty_name=Categorical.choose(SUPPLIERS, rng.integers(0, len(SUPPLIERS), n)),
        description=Categorical.constant("supplier invoice", n),
    )
    payroll = turnover * PAYROLL_SHARE
    periodic(
        world,
        period=pay_period,
        amount=payroll * pay_period / 365,
        city=city,
        channel="ach",
        source=account,
        hours=EARLY_MORNING,
        jitter=0.02,
        counterparty_name=Categorical.constant("Payroll batch", n),
        description=Categorical.constant("PAYROLL", n),
    )
    periodic(
        world,
        period=np.full(n, 30),
        amount=payroll * PAYROLL_TAX_RATE / 12,
        city=city,
        channel="ach",
        source=account,
        hours=OFFICE_HOURS,
        jitter=0.02,
        counterparty_name=Categorical.constant("IRS EFTPS", n),
        description=Categorical.constant("payroll tax", n),
    )
    periodic(
        world,
        period=np.full(n, 30),
        amount=np.round(turnover * 0.06 / 12, -1),
        city=city,
        channel="ach",
        source=account,
        hours=OFFICE_HOURS,
        jitter=0.0,
        counterparty_name=Categorical.constant("Commerce Park Leasing", n),
        description=Categorical.constant("commercial rent", n),
    )
