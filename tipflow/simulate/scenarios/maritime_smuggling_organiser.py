"""T8: a maritime smuggling organiser in the destination country (AUS-PS cases).

1-2 organisers live in a coastal city and declare ordinary jobs. Migrants pay for the voyage
in cash in the transit country, outside the data. What reaches the organisers' accounts is
large cash deposits, many paid in by third parties at branches in other states (ML-04, MS-02).
Over the period they draw large sums in cash at different branches on different days, some
days at two or three branches (MS-13; the branch shows in the memo, as on bank statements).
Money leaves for the transit country (MS-14, ML-02, GEO-01) in bursts of transfers just under
the reporting threshold to several unrelated third-party accounts within a few days, and in a
long series of small transfers (100-5,000) with memos such as "gift" or "personal".

Identity details differ between transactions (GEN-03): the organiser's second account, at
another institution, is held under a variant of his name with another birth date, address and
occupation but his phone, and used from his device; tellers write his name in different
spellings when he pays cash in himself.

Subtlety (``strength`` = 1 - 0.6 x subtlety) moves it towards L5 (diaspora remitter) and L18
(small importer). At 1, deposits are fewer and 30 % smaller, fewer of them by third parties;
withdrawals stay at the home branch, one a day; fewer bursts go to fewer beneficiaries, with
amounts well below the threshold; the small series goes to a relative with his surname.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import numpy as np
from pydantic import Field, StringConstraints

from tipflow.simulate import people
from tipflow.simulate.arrays import BoolArray, FloatArray, IntArray, StrArray, strings
from tipflow.simulate.clock import OFFICE_HOURS
from tipflow.simulate.people import People
from tipflow.simulate.population import Population, institution_choice
from tipflow.simulate.reference import places
from tipflow.simulate.routine import city_column
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.fresh_customers import relatives
from tipflow.simulate.scenarios.laundering_helpers import (
    FOREIGN_BANKS,
    account_numbers,
    active_window,
    everyday_life,
    occupations,
    open_at,
    other_institutions,
)
from tipflow.simulate.scenarios.laundering_helpers import person_names as names_of
from tipflow.simulate.scenarios.trafficking_helpers import Scene, person_names
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import World

TYPOLOGY = "smuggling_maritime_organiser"
JOBS = ("truck driver", "construction worker", "cook", "warehouse worker")
VAGUE_MEMOS = ("personal", "gift", "family support", "")
SMALL_MEMOS = ("gift", "personal")
CHANNELS = ("wire", "remittance")  # from a bank account, from an MSB wallet
MONTH = 30.4
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Range = tuple[float, float]


class MaritimeOrganiser(ScenarioParameters):
    """Defaults follow catalogue T8 (AUS-PS), in USD, with rates per month or quarter so that
    any simulated period shows the pattern."""

    organisers: tuple[int, int] = Field((1, 2), description="organisers per network")
    coastal_cities: tuple[str, ...] = Field(
        ("Miami", "Los Angeles", "San Diego", "Houston"),
        description="cities where organisers live: landing coasts (any city if none match)",
    )
    transit_countries: tuple[Country, ...] = Field(
        ("MX", "BS"), description="where migrants pay and boats leave; one per network"
    )
    alias_share: float = Field(
        0.75, ge=0, le=1, description="organisers whose second account is under a name variant"
    )
    cash_deposits_per_month: Range = Field((3.0, 6.0), description="per organiser")
    cash_deposit: Range = Field(
        (3000.0, 12_000.0), description="AUS-PS: two deposits over AUD 37,000 in two months"
    )
    third_party_share: float = Field(0.6, ge=0, le=1, description="deposits by third parties")
    away_share: float = Field(
        0.8, ge=0, le=1, description="of third-party deposits: at branches in other states"
    )
    withdrawals_per_month: Range = Field((0.8, 1.5), description="occasions per organiser")
    withdrawal: Range = Field((3000.0, 9000.0), description="each, at one branch")
    same_day_share: float = Field(
        0.4, ge=0, le=1, description="occasions at several branches the same day (MS-13)"
    )
    same_day_branches: tuple[int, int] = Field((2, 3), description="AUS-PS: three in one day")
    branches_per_city: int = Field(20, ge=8, description="branch codes drawn per city")
    threshold: float = Field(10_000.0, gt=0, description="the reporting threshold avoided")
    structured_band: Range = Field(
        (0.8, 0.99), description="structured transfers as shares of the threshold"
    )
    bursts_per_quarter: Range = Field(
        (1.0, 2.0), description="bursts of structured transfers per organiser and 91 days"
    )
    burst_transfers: tuple[int, int] = Field((3, 6), description="transfers in one burst")
    burst_days: int = Field(4, ge=1, description="a burst's transfers fall within these days")
    beneficiaries: tuple[int, int] = Field(
        (3, 6), description="third-party accounts in the transit country per network"
    )
    small_transfers_per_month: Range = Field(
        (1.0, 2.5), description="the small series, denser than the case's 28 in five years"
    )
    small_transfer: Range = Field((100.0, 5000.0), description="AUS-PS: AUD 100-5,000 each")
    active_days: tuple[int, int] = Field((150, 365), description="AUS-PS: over a year")


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, MaritimeOrganiser)
    for _ in range(count):
        _network(world, parameters)


def _network(world: World, p: MaritimeOrganiser) -> None:
    rng, home = world.rng, places()
    names = home.cities.name
    pool = [i for i, c in enumerate(names) if c in p.coastal_cities] or home.cities.indexes()
    city = int(rng.choice(pool))
    scene = Scene(world, world.new_network(TYPOLOGY, "migrant_smuggling"), city)
    transit = str(rng.choice(p.transit_countries))
    n = scene.count(p.organisers)
    here = np.full(n, city)
    job, income = occupations(world, n, JOBS)
    born = np.where(rng.random(n) < 0.6, transit, home.home_country).astype(object)
    organisers = people.add_persons(
        world,
        n,
        city=here,
        nationality=born,
        gender=strings("male", n),
        age=(28, 55),
        occupation=job,
        income=income,
    )
    bank = institution_choice(world, n, allow_msb=False)
    main = open_at(world, organisers.ids, bank, here)
    second_institution = other_institutions(world, bank)
    second = open_at(world, _holders(world, organisers, p.alias_share), second_institution, here)
    wallet = np.array([world.config.institutions[i].kind == "msb" for i in second_institution])
    everyday_life(world, main, here, income, scene.tag)
    days = active_window(world, p.active_days)
    _deposits(scene, p, main, organisers, days)
    _withdrawals(scene, p, main, days)
    device = people.device_ids(rng, n)
    _bursts(scene, p, main, second, wallet, device, transit, days)
    _small_series(scene, p, organisers, second, wallet, device, transit, days)
    world.mark(np.concatenate([main, second]), scene.tag, "controller")


def _holders(world: World, organisers: People, share: float) -> IntArray:
    """Holders of the second accounts: for ``share`` of the organisers a second party record
    with a variant of his name, another birth date, address and occupation, but his phone."""
    rng, clock, home = world.rng, world.clock, places()
    holders = organisers.ids.copy()
    rows = rng.permutation(len(organisers))[: round(len(organisers) * share)]
    k = len(rows)
    if not k:
        return holders
    given, surname, city = organisers.given[rows], organisers.surname[rows], organisers.city[rows]
    age = rng.uniform(28, 56, k) * 365.25 * 86400
    holders[rows] = world.add_parties(
        k,
        party_type=Categorical.constant("person", k),
        name=_spellings(rng, given, surname, plain=0.0),
        birth_date=(clock.start - age.astype("timedelta64[s]")).astype("datetime64[D]"),
        gender=organisers.gender[rows],
        nationality=organisers.nationality[rows],
        address=(address := people.street_addresses(rng, k)),
        city=city_column(city),
        postal_code=people.postal_codes(city, address),
        country=Categorical.constant(home.home_country, k),
        phone=organisers.phone[rows],
        email=people.emails(rng, given, surname),
        occupation=Categorical.constant("self-employed", k),
        declared_income=np.round(rng.uniform(18_000, 40_000, k), -2),
        onboarding_date=(clock.start - rng.integers(60, 900, k) * np.timedelta64(1, "D")).astype(
            "datetime64[D]"
        ),
    )
    return holders


def _spellings(
    rng: np.random.Generator, given: StrArray, surname: StrArray, *, plain: float
) -> StrArray:
    """One spelling of each name: as registered (with probability ``plain``), with an initial,
    surname first, or with an invented middle initial."""
    g, s, n = given.astype(str), surname.astype(str), len(given)
    middle = np.char.add(np.char.add(" ", rng.choice(list("ABEJLMR"), n)), ". ")
    forms = np.stack(
        [
            np.char.add(np.char.add(g, " "), s),
            np.char.add(np.char.add(g.astype("U1"), ". "), s),
            np.char.add(np.char.add(s, ", "), g),
            np.char.add(np.char.add(g, middle), s),
        ]
    )
    pick = np.where(rng.random(n) < plain, 0, rng.integers(1, 4, n))
    return np.asarray(forms[pick, np.arange(n)], dtype=object)


def _deposits(
    scene: Scene, p: MaritimeOrganiser, main: IntArray, organisers: People, days: tuple[int, int]
) -> None:
    """Large cash deposits, many by third parties at branches in other states (ML-04, MS-02);
    the teller records the depositor, the organiser under varying spellings (GEN-03)."""
    rng, s, cities = scene.rng, scene.world.config.subtlety, places().cities
    first, last = days
    rate = rng.uniform(*p.cash_deposits_per_month, len(main)) * (last - first + 1) / MONTH
    who = np.repeat(np.arange(len(main)), np.maximum(1, rng.poisson(rate * scene.strength)))
    m = len(who)
    # The shares hold exactly; the rows they fall on are random.
    rank = rng.permutation(m)
    third = rank < round(m * p.third_party_share * scene.strength)
    away = rank < round(int(third.sum()) * p.away_share)
    state = cities.state[scene.city]
    elsewhere = [i for i, st in enumerate(cities.state) if st != state] or [scene.city]
    countries = np.array([*p.transit_countries, places().home_country], dtype=object)
    depositor = np.where(
        third,
        names_of(rng, rng.choice(countries, m)),
        _spellings(rng, organisers.given[who], organisers.surname[who], plain=0.4),
    )
    scene.rows(
        None,
        main[who],
        rng.integers(first, last + 1, m),
        np.round(rng.uniform(*p.cash_deposit, m) * (1 - 0.3 * s), -2),
        "cash",
        "branch cash deposit",
        party=depositor.astype(object),
        city=np.where(away, rng.choice(elsewhere, m), scene.city),
    )


def _withdrawals(scene: Scene, p: MaritimeOrganiser, main: IntArray, days: tuple[int, int]) -> None:
    """Large cash at different branches on different days, some days at 2-3 (MS-13)."""
    rng, s, cities = scene.rng, scene.world.config.subtlety, places().cities
    first, last = days
    rate = rng.uniform(*p.withdrawals_per_month, len(main)) * (last - first + 1) / MONTH
    counts = np.maximum(3, rng.poisson(rate))  # a pattern over the period: 3 or more
    who = np.repeat(np.arange(len(main)), counts)
    k = len(who)
    nth = np.arange(k) - np.repeat(np.cumsum(counts) - counts, counts)
    several = rng.random(k) < p.same_day_share * (1 - s)
    low, high = p.same_day_branches
    branches = np.where(several, rng.integers(low, high + 1, k), 1)
    occasion = np.repeat(np.arange(k), branches)
    step = np.arange(len(occasion)) - np.repeat(np.cumsum(branches) - branches, branches)
    # Each time another branch (the home one at subtlety 1), the day's next ones nearby.
    start = rng.integers(0, p.branches_per_city, len(main))[who]
    base = np.where(rng.random(k) < s, 0, start + 7 * nth)
    branch = (base[occasion] + step) % p.branches_per_city + 1
    near = [i for i, st in enumerate(cities.state) if st == cities.state[scene.city]]
    m = len(occasion)
    city = np.where((step == 0) | (rng.random(m) < 0.5), scene.city, rng.choice(near, m))
    code = (city * 100 + branch).astype(str)
    scene.rows(
        main[who[occasion]],
        None,
        rng.integers(first, last + 1, k)[occasion],
        np.round(rng.uniform(*p.withdrawal, m) * (1 - 0.3 * s), -2),
        "cash",
        np.char.add("counter withdrawal branch ", code).astype(object),
        city=city,
    )


def _bursts(
    scene: Scene,
    p: MaritimeOrganiser,
    main: IntArray,
    second: IntArray,
    wallet: BoolArray,
    device: StrArray,
    transit: str,
    days: tuple[int, int],
) -> None:
    """Bursts of transfers just under the threshold to several third parties (MS-14, ML-02),
    from either account."""
    rng, s = scene.rng, scene.world.config.subtlety
    first, last = days
    quarters = (last - first + 1) / 91
    rate = rng.uniform(*p.bursts_per_quarter, len(main)) * quarters * scene.strength
    owner = np.repeat(np.arange(len(main)), np.maximum(1, rng.poisson(rate)))
    b = len(owner)
    drawn = rng.integers(*p.burst_transfers, endpoint=True, size=b) * scene.strength
    size = np.maximum(1, np.round(drawn)).astype(np.int64)
    burst = np.repeat(np.arange(b), size)
    step = np.arange(len(burst)) - np.repeat(np.cumsum(size) - size, size)
    start = rng.integers(first, max(first, last - p.burst_days + 1) + 1, b)
    day = np.minimum(start[burst] + rng.integers(0, p.burst_days, len(burst)), last)
    low = max(0.05, p.structured_band[0] - 0.4 * s)
    amount = np.floor(p.threshold * rng.uniform(low, p.structured_band[1], len(burst)) / 10) * 10
    count = max(1, round(int(rng.integers(*p.beneficiaries, endpoint=True)) * scene.strength))
    payee = (rng.integers(0, count, b)[burst] + step) % count  # distinct within a burst
    who = owner[burst]
    from_second = rng.random(len(who)) < 0.5
    source = np.where(from_second, second[who], main[who])
    beneficiary = _Payees(
        person_names(rng, transit, count)[payee],
        account_numbers(rng, count, prefix=transit)[payee],
        rng.choice(np.array(FOREIGN_BANKS, dtype=object), count)[payee],
        transit,
    )
    channel = from_second & wallet[who]
    _send(scene, source, channel, device[who], day, amount, VAGUE_MEMOS, beneficiary)


def _small_series(
    scene: Scene,
    p: MaritimeOrganiser,
    organisers: People,
    second: IntArray,
    wallet: BoolArray,
    device: StrArray,
    transit: str,
    days: tuple[int, int],
) -> None:
    """A long series of small "gift" or "personal" transfers to one or two people (MS-14),
    from the second account."""
    rng, s, n = scene.rng, scene.world.config.subtlety, len(organisers)
    first, last = days
    rate = rng.uniform(*p.small_transfers_per_month, n) * (last - first + 1) / MONTH
    who = np.repeat(np.arange(n), np.maximum(3, rng.poisson(rate)))  # a series: 3 or more
    m = len(who)
    low, high = np.log(p.small_transfer)
    amount = np.asarray(np.round(np.exp(rng.uniform(low, high, m)), -1), dtype=np.float64)
    # Two people abroad per organiser; at subtlety they bear his surname, like family.
    names = person_names(rng, transit, 2 * n)
    kin = relatives(scene.world, strings(transit, 2 * n), np.repeat(organisers.surname, 2), "male")
    names = np.where(rng.random(2 * n) < s, kin, names)
    payee = 2 * who + (rng.random(m) < 0.3)
    beneficiary = _Payees(
        names[payee],
        account_numbers(rng, 2 * n, prefix=transit)[payee],
        rng.choice(np.array(FOREIGN_BANKS, dtype=object), 2 * n)[payee],
        transit,
    )
    day = rng.integers(first, last + 1, m)
    _send(scene, second[who], wallet[who], device[who], day, amount, SMALL_MEMOS, beneficiary)


@dataclass(frozen=True)
class _Payees:  # beneficiaries abroad, one per transfer
    name: StrArray
    account: StrArray
    institution: StrArray
    country: str


def _send(
    scene: Scene,
    source: IntArray,
    wallet: BoolArray,
    device: StrArray,
    day: IntArray,
    amount: FloatArray,
    memos: tuple[str, ...],
    to: _Payees,
) -> None:
    """Transfers to the transit country, by wire from a bank account or as remittances from an
    MSB wallet (``wallet``), from the organiser's own device (GEO-01)."""
    n = len(day)
    scene.rows(
        source,
        None,
        day,
        amount,
        Categorical.choose(CHANNELS, wallet.astype(np.int64)),
        scene.memos(memos, n),
        party=to.name,
        hours=OFFICE_HOURS,
        counterparty_account=to.account,
        counterparty_institution=to.institution,
        counterparty_country=strings(to.country, n),
        device_id=device,
    )


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="migrant_smuggling",
    summary="1-2 organisers in a coastal city take large cash deposits, many paid in by third "
    "parties in other states, draw cash at several branches, some days at two or three, and "
    "send bursts of transfers just under the threshold to several people in the transit "
    "country, plus small 'gift' transfers; their identity details vary.",
    indicators=("MS-02", "MS-13", "MS-14", "ML-02", "ML-04", "GEN-03", "GEO-01"),
    resembles=(),
    sources=("AUS-PS",),
    parameters=MaritimeOrganiser,
    build=build,
)
